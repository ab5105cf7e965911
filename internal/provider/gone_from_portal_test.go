package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// An object deactivated or revoked in the portal leaves the state with a
// warning that says why this plan creates it again (design lesson 8): the
// read is the refresh of the plan that does, so "the next plan" misleads.
// terraform-plugin-testing cannot see warnings, so this drives Read over
// the plugin protocol.
func TestGoneFromPortalWarns(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	p.SeedScope(acctest.PersonScope, false, acctest.ConsumerOrgno)
	clientID := "22222222-2222-4222-8222-222222222222"
	p.Edit(func(st *fakeportal.State) {
		st.Scopes[acctest.PersonScope].Active = false
		st.Grants[fakeportal.GrantKey{Scope: acctest.PersonScope, Consumer: acctest.ConsumerOrgno}].State = fakeportal.GrantDenied
		st.Clients[clientID] = &fakeportal.Client{ClientID: clientID, ClientName: "x", Description: "x",
			ClientOrgno: acctest.ProviderOrgno, IntegrationType: "maskinporten", Scopes: []string{}}
	})
	pp := acctest.NewTokenProtocol(t, p, acctest.ProviderOrgno)

	tests := []struct {
		typeName string
		state    map[string]tftypes.Value
		want     []string
	}{
		{"krr_scope", map[string]tftypes.Value{"id": acctest.Str(acctest.PersonScope)}, []string{acctest.PersonScope, "has been deactivated"}},
		{"krr_scope", map[string]tftypes.Value{"id": acctest.Str(acctest.ProviderPrefix + ":never/made")}, []string{"no longer exists"}},
		{"krr_scope_access", map[string]tftypes.Value{"scope": acctest.Str(acctest.PersonScope), "consumer_orgno": acctest.Str(acctest.ConsumerOrgno)},
			[]string{acctest.PersonScope + "," + acctest.ConsumerOrgno, "DENIED"}},
		{"krr_client", map[string]tftypes.Value{"id": acctest.Str("44444444-4444-4444-8444-444444444444")},
			[]string{"44444444-4444-4444-8444-444444444444", "no longer exists"}},
	}
	for _, tt := range tests {
		kept, diags := pp.ReadResource(tt.typeName, tt.state)
		acctest.RequireNoErrors(t, tt.typeName, diags)
		if kept {
			t.Errorf("%s: still in the state", tt.typeName)
		}
		warns := acctest.Warnings(diags)
		if len(warns) != 1 {
			t.Errorf("%s: want one warning, got %v", tt.typeName, diags)
			continue
		}
		text := warns[0].Summary + " " + warns[0].Detail
		for _, w := range append(tt.want, "removed from state", "this plan creates it again") {
			if !strings.Contains(text, w) {
				t.Errorf("%s: warning %q does not say %q", tt.typeName, text, w)
			}
		}
	}
}

// A client deactivated in the portal is not gone: it stays in the state with
// active = false, so that the plan brings it back under its id (design
// lesson 12) instead of making a client with a new one.
func TestDeactivatedClientStaysInState(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	clientID := "22222222-2222-4222-8222-222222222222"
	p.Edit(func(st *fakeportal.State) {
		st.Clients[clientID] = &fakeportal.Client{ClientID: clientID, ClientName: "x", Description: "x",
			ClientOrgno: acctest.ProviderOrgno, IntegrationType: "maskinporten", Scopes: []string{}}
	})
	pp := acctest.NewTokenProtocol(t, p, acctest.ProviderOrgno)
	kept, diags := pp.ReadResource("krr_client", map[string]tftypes.Value{"id": acctest.Str(clientID)})
	acctest.RequireNoErrors(t, "read", diags)
	if !kept {
		t.Fatal("a deactivated client left the state")
	}
}

// A 403 is never "gone": another organisation's client stays in the state
// and the read fails, naming the scope or the ownership problem.
func TestForbiddenIsNotGone(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	clientID := "33333333-3333-4333-8333-333333333333"
	p.Edit(func(st *fakeportal.State) {
		st.Clients[clientID] = &fakeportal.Client{ClientID: clientID, ClientName: "x", Description: "x", Active: true,
			ClientOrgno: acctest.OtherOrgno, IntegrationType: "maskinporten", Scopes: []string{}}
	})
	pp := acctest.NewTokenProtocol(t, p, acctest.ProviderOrgno)
	kept, diags := pp.ReadResource("krr_client", map[string]tftypes.Value{"id": acctest.Str(clientID)})
	if !kept {
		t.Error("a client the credentials may not see left the state")
	}
	got := acctest.DiagText(diags, tfprotov6.DiagnosticSeverityError)
	// The object is another organisation's: say whom the credentials act
	// for and point to the FAQ, not to token scopes, which would not help.
	for _, want := range []string{"403", "correlation_id", "belongs to another organisation than " + acctest.ProviderOrgno,
		"which the credentials act for", "krr_organization", "I see another organisation's integrations"} {
		if !strings.Contains(got, want) {
			t.Errorf("the error does not say %q:\n%s", want, got)
		}
	}
	for _, notWanted := range []string{"KRR_SCOPES", "lacks", "idporten:"} {
		if strings.Contains(got, notWanted) {
			t.Errorf("the error about another organisation's client mentions %q:\n%s", notWanted, got)
		}
	}
}

// A 403 whose message names the token scope that is missing says that
// scope, not the one the operation usually needs: a client for another
// organisation needs idporten:dcr.supplier, where creating one needs
// idporten:dcr.write.
func TestForbiddenNamesTheMissingTokenScope(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	p.SeedScope(acctest.PersonScope, true)
	pp := acctest.NewProtocolProvider(t, map[string]tftypes.Value{
		"base_url": acctest.Str(p.BaseURL),
		"access_token": acctest.Str(p.IssueToken(acctest.ProviderOrgno,
			"idporten:scopes.read", "idporten:scopes.write", "idporten:dcr.read", "idporten:dcr.write")),
	})
	config := map[string]tftypes.Value{
		"client_name": acctest.Str("For a customer"), "description": acctest.Str("Made as their supplier"),
		"scopes": acctest.StrSet(acctest.PersonScope), "client_orgno": acctest.Str(acctest.OtherOrgno),
	}
	planned, diags := pp.PlanResource("krr_client", nil, config)
	acctest.RequireNoErrors(t, "plan", diags)
	_, diags = pp.ApplyResource("krr_client", nil, config, planned)
	got := acctest.DiagText(diags, tfprotov6.DiagnosticSeverityError)
	for _, want := range []string{"403", "correlation_id", "The access token lacks idporten:dcr.supplier", "KRR_SCOPES"} {
		if !strings.Contains(got, want) {
			t.Errorf("the error does not say %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "idporten:dcr.write") || strings.Contains(got, "another organisation") {
		t.Errorf("the error points elsewhere than the missing scope:\n%s", got)
	}
	if n := p.WriteCount(); n != 1 {
		t.Errorf("want the one refused POST, got %d writes: %v", n, p.RequestCounts())
	}
}
