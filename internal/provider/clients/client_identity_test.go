package clients_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

const identityClientAddr = "krr_client.app"

var clientIdentity = map[string]string{"client_id": acctest.ConsumerClientID}

// identityClientConfig is the consumer's client with a known id, carrying a
// scope the portal has shared with the consumer.
func identityClientConfig(p *acctest.Portal, description string) string {
	return p.ProviderConfig("", acctest.ConsumerOrgno) + `
resource "krr_client" "app" {
  client_id   = "` + acctest.ConsumerClientID + `"
  client_name = "Case handling"
  description = "` + description + `"
  scopes      = ["` + acctest.PersonScope + `"]
}
`
}

// krr_client's identity is its client id: set on create, kept through an
// update, and what an import block with identity takes, beside one with
// the id.
func TestAccClientIdentity(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	p.SeedScope(acctest.PersonScope, false, acctest.ConsumerOrgno)
	identity := acctest.ExpectIdentity(identityClientAddr, clientIdentity)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   acctest.Requires(acctest.Identity),
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				// A bad id is refused in the user's terms, naming the
				// identity's attribute. (First, while the state is empty:
				// Terraform skips an import block whose resource is in
				// state already.)
				Config: identityClientConfig(p, "Looks up persons") + `
import {
  to       = krr_client.app
  identity = { client_id = "not an id" }
}
`,
				ExpectError: acctest.PhraseRegexp(`Invalid import identity for krr_client`,
					`identity.client_id: "not an id" is not a client id: it must be non-empty and without whitespace`),
			},
			{
				Config:            identityClientConfig(p, "Looks up persons"),
				ConfigStateChecks: []statecheck.StateCheck{identity},
			},
			{
				Config:            identityClientConfig(p, "Looks up persons, changed"),
				ConfigStateChecks: []statecheck.StateCheck{identity},
			},
			{
				ResourceName:    identityClientAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   acctest.ConsumerClientID,
			},
			{
				ResourceName:    identityClientAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
		},
	})
}

// State written by the provider before identity plans empty with this one,
// and the refresh gives the client its identity.
func TestAccClientIdentity_upgrade(t *testing.T) {
	acctest.UsePreviousProvider(t)
	acctest.ServeAsBuiltProvider(t)
	p := acctest.NewPortal(t)
	p.SeedScope(acctest.PersonScope, false, acctest.ConsumerOrgno)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks: acctest.Requires(acctest.Identity),
		Steps: acctest.UpgradeSteps(identityClientConfig(p, "Looks up persons"),
			acctest.ExpectIdentity(identityClientAddr, clientIdentity)),
	})
}

// Over the protocol: a bad client id is refused before any request; a good
// one answers the identity; a read of state without identity gives one,
// for a client that is active, deactivated (it stays in state) or gone
// (the read removes it).
func TestClientIdentity_overProtocol(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	active, deactivated, gone := "11111111-1111-4111-8111-111111111111", "22222222-2222-4222-8222-222222222222",
		"33333333-3333-4333-8333-333333333333"
	p.AddTestClient(active, true)
	p.AddTestClient(deactivated, false)
	pp := acctest.NewTokenProtocol(t, p, acctest.ProviderOrgno)

	for _, bad := range []string{"", "a b", " " + active} {
		acctest.ExpectImportByIdentityRefused(t, p, pp, "krr_client", map[string]tftypes.Value{"client_id": acctest.Str(bad)},
			"Invalid import identity for krr_client", "identity.client_id:", "is not a client id: it must be non-empty and without whitespace")
	}
	got, diags := pp.ImportByIdentity("krr_client", map[string]tftypes.Value{"client_id": acctest.Str(active)})
	acctest.RequireNoErrors(t, "import by identity", diags)
	acctest.CheckIdentityValues(t, "import", got, map[string]string{"client_id": active})

	for id, wantKept := range map[string]bool{active: true, deactivated: true, gone: false} {
		kept, got, diags := pp.ReadWithoutIdentity("krr_client", map[string]tftypes.Value{"id": acctest.Str(id)})
		acctest.RequireNoErrors(t, "read "+id, diags)
		if kept != wantKept {
			t.Errorf("read %s: kept in state is %v, want %v", id, kept, wantKept)
		}
		acctest.CheckIdentityValues(t, "read "+id, got, map[string]string{"client_id": id})
	}
}
