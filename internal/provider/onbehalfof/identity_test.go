package onbehalfof_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// seedKRRClient puts an active KRR client of the provider organisation
// into the fake.
func seedKRRClient(p *acctest.Portal, id string) {
	p.AddTestClient(id, true)
	p.Edit(func(st *fakeportal.State) { st.Clients[id].IntegrationType = "krr" })
}

// krr_client_onbehalfof's identity is the client and the onbehalfof: set
// on create, kept through an update, and what an import block with
// identity takes, beside one with the id; both plan no change.
func TestAccOnBehalfOfIdentity(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	const clientID = "krr-client-identity"
	seedKRRClient(p, clientID)
	config := func(name string) string {
		return p.ProviderConfig("", acctest.ProviderOrgno) + record{onbehalfof: "kunde-1", orgno: acctest.OtherOrgno,
			name: name, description: "d"}.hcl(fmt.Sprintf("%q", clientID))
	}
	identity := acctest.ExpectIdentity(addr, map[string]string{"client_id": clientID, "onbehalfof": "kunde-1"})
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   acctest.Requires(acctest.Identity),
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				// A bad onbehalfof is refused before any request, naming the
				// identity's attribute (first, while the state is empty).
				Config: config("Kunde") + `
import {
  to       = krr_client_onbehalfof.test
  identity = { client_id = "` + clientID + `", onbehalfof = "a/b" }
}
`,
				ExpectError: acctest.PhraseRegexp(`Invalid import identity for krr_client_onbehalfof`,
					`identity.onbehalfof: "a/b" must be 1 to 64 letters`),
			},
			{
				Config:            config("Kunde"),
				ConfigStateChecks: []statecheck.StateCheck{identity},
			},
			{
				Config:            config("Kunde AS"),
				ConfigStateChecks: []statecheck.StateCheck{identity},
			},
			{
				ResourceName:    addr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   clientID + "::kunde-1",
			},
			{
				ResourceName:    addr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
		},
	})
}

// Over the protocol: bad identities and import IDs are refused before any
// request; a good identity is answered; a read of state without identity
// gives one, keeps a record that is there, and removes one that is gone,
// whether the record or its client went, with a warning that says so.
func TestOnBehalfOfIdentity_overProtocol(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	const clientID, goneClient = "krr-client-protocol", "krr-client-gone"
	seedKRRClient(p, clientID)
	p.Edit(func(st *fakeportal.State) {
		st.OnBehalfOf[fakeportal.OnBehalfOfKey{ClientID: clientID, OnBehalfOf: "kunde-1"}] = &fakeportal.OnBehalfOf{
			OnBehalfOf: "kunde-1", Name: "Kunde", Orgno: acctest.OtherOrgno}
	})
	pp := acctest.NewTokenProtocol(t, p, acctest.ProviderOrgno)

	for _, bad := range []map[string]tftypes.Value{
		{"client_id": acctest.Str(""), "onbehalfof": acctest.Str("kunde-1")},
		{"client_id": acctest.Str("a b"), "onbehalfof": acctest.Str("kunde-1")},
		{"client_id": acctest.Str(clientID), "onbehalfof": acctest.Str("")},
		{"client_id": acctest.Str(clientID), "onbehalfof": acctest.Str("x:y")},
	} {
		acctest.ExpectImportByIdentityRefused(t, p, pp, "krr_client_onbehalfof", bad,
			"Invalid import identity for krr_client_onbehalfof", "identity.")
	}
	got, diags := pp.ImportByIdentity("krr_client_onbehalfof", map[string]tftypes.Value{
		"client_id": acctest.Str(clientID), "onbehalfof": acctest.Str("kunde-1")})
	acctest.RequireNoErrors(t, "import by identity", diags)
	acctest.CheckIdentityValues(t, "import", got, map[string]string{"client_id": clientID, "onbehalfof": "kunde-1"})

	for _, tc := range []struct {
		clientID, obo string
		kept          bool
	}{
		{clientID, "kunde-1", true},
		{clientID, "kunde-gone", false},
		{goneClient, "kunde-1", false},
	} {
		what := tc.clientID + "::" + tc.obo
		kept, got, diags := pp.ReadWithoutIdentity("krr_client_onbehalfof", map[string]tftypes.Value{
			"id": acctest.Str(what), "client_id": acctest.Str(tc.clientID), "onbehalfof": acctest.Str(tc.obo)})
		acctest.RequireNoErrors(t, "read "+what, diags)
		if kept != tc.kept {
			t.Errorf("read %s: kept in state is %v, want %v", what, kept, tc.kept)
		}
		acctest.CheckIdentityValues(t, "read "+what, got, map[string]string{"client_id": tc.clientID, "onbehalfof": tc.obo})
		warnings := acctest.Warnings(diags)
		switch {
		case tc.kept && len(warnings) > 0:
			t.Errorf("read %s: warnings for a record that is there: %v", what, warnings)
		case !tc.kept && (len(warnings) != 1 || !strings.Contains(warnings[0].Summary, "On-behalf-of record "+what+" removed from state") ||
			!strings.Contains(warnings[0].Detail, "no longer exists in the portal")):
			t.Errorf("read %s: want one warning that it was removed from state, got %v", what, warnings)
		}
	}
}

// An import ID that is not <client_id>::<onbehalfof> is refused before any
// request, naming the format.
func TestAccOnBehalfOf_importIDRefused(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	config := p.ProviderConfig("", acctest.ProviderOrgno) +
		record{onbehalfof: "kunde-1", orgno: acctest.OtherOrgno, name: "Kunde"}.hcl(`"some-client"`)
	for id, want := range map[string]string{
		"some-client:kunde-1":  `has no "::"; expected <client_id>::<onbehalfof>`,
		"some-client::kunde/1": `the onbehalfof "kunde/1" must be 1 to 64 letters`,
		"::kunde-1":            `the client id "" must be non-empty`,
	} {
		resource.Test(t, resource.TestCase{
			ProtoV6ProviderFactories: acctest.ProviderFactories,
			Steps: []resource.TestStep{{
				Config:        config,
				ResourceName:  addr,
				ImportState:   true,
				ImportStateId: id,
				ExpectError:   acctest.PhraseRegexp("Invalid import ID for krr_client_onbehalfof", want),
			}},
		})
	}
	for route := range p.RequestCounts() {
		if strings.Contains(route, "onbehalfof") {
			t.Errorf("a refused import ID reached the portal: %v", p.RequestCounts())
		}
	}
}
