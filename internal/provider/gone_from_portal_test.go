package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
)

// An object deactivated or revoked in the portal leaves the state with a
// warning that says why the next plan creates it again (design lesson 8).
// terraform-plugin-testing cannot see warnings, so this drives Read over
// the plugin protocol.
func TestGoneFromPortalWarns(t *testing.T) {
	t.Parallel()
	p := newTestPortal(t)
	p.seedScope(personScope, false, consumerOrgno)
	clientID := "22222222-2222-4222-8222-222222222222"
	p.Edit(func(st *fakeportal.State) {
		st.Scopes[personScope].Active = false
		st.Grants[fakeportal.GrantKey{Scope: personScope, Consumer: consumerOrgno}].State = fakeportal.GrantDenied
		st.Clients[clientID] = &fakeportal.Client{ClientID: clientID, ClientName: "x", Description: "x",
			ClientOrgno: providerOrgno, IntegrationType: "maskinporten", Scopes: []string{}}
	})
	pp := newProtocolProvider(t, map[string]tftypes.Value{
		"base_url":     str(p.BaseURL),
		"access_token": str(p.IssueToken(providerOrgno)),
	})

	tests := []struct {
		typeName string
		state    map[string]tftypes.Value
		want     []string
	}{
		{"krr_scope", map[string]tftypes.Value{"id": str(personScope)}, []string{personScope, "has been deactivated"}},
		{"krr_scope", map[string]tftypes.Value{"id": str(providerPrefix + ":never/made")}, []string{"no longer exists"}},
		{"krr_scope_access", map[string]tftypes.Value{"scope": str(personScope), "consumer_orgno": str(consumerOrgno)},
			[]string{personScope + "," + consumerOrgno, "DENIED"}},
		{"krr_client", map[string]tftypes.Value{"id": str(clientID)}, []string{clientID, "has been deactivated"}},
	}
	for _, tt := range tests {
		kept, diags := pp.readResource(tt.typeName, tt.state)
		requireNoErrors(t, tt.typeName, diags)
		if kept {
			t.Errorf("%s: still in the state", tt.typeName)
		}
		warns := warnings(diags)
		if len(warns) != 1 {
			t.Errorf("%s: want one warning, got %v", tt.typeName, diags)
			continue
		}
		text := warns[0].Summary + " " + warns[0].Detail
		for _, w := range append(tt.want, "removed from state", "create it again") {
			if !strings.Contains(text, w) {
				t.Errorf("%s: warning %q does not say %q", tt.typeName, text, w)
			}
		}
	}
}

// A 403 is never "gone": another organisation's client stays in the state
// and the read fails, naming the scope or the ownership problem.
func TestForbiddenIsNotGone(t *testing.T) {
	t.Parallel()
	p := newTestPortal(t)
	clientID := "33333333-3333-4333-8333-333333333333"
	p.Edit(func(st *fakeportal.State) {
		st.Clients[clientID] = &fakeportal.Client{ClientID: clientID, ClientName: "x", Description: "x", Active: true,
			ClientOrgno: otherOrgno, IntegrationType: "maskinporten", Scopes: []string{}}
	})
	pp := newProtocolProvider(t, map[string]tftypes.Value{
		"base_url":     str(p.BaseURL),
		"access_token": str(p.IssueToken(providerOrgno)),
	})
	_, diags := pp.readResource("krr_client", map[string]tftypes.Value{"id": str(clientID)})
	if len(diags) == 0 || diags[0].Severity != tfprotov6.DiagnosticSeverityError ||
		!strings.Contains(diags[0].Detail, "403") || !strings.Contains(diags[0].Detail, "another organisation") {
		t.Errorf("want a 403 error, got %v", diags)
	}
}
