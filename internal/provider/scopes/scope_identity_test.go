package scopes_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// krr_scope's identity is its name: set on create, kept through an update,
// and what an import block with identity takes, beside one with the id.
func TestAccScopeIdentity(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	addr := "krr_scope.persons"
	identity := acctest.ExpectIdentity(addr, map[string]string{"name": acctest.TestScopeName})
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   acctest.Requires(acctest.Identity),
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				// A bad name is refused in the user's terms, naming the
				// identity's attribute.
				Config: acctest.MinimalScopeConfig(p) + `
import {
  to       = krr_scope.persons
  identity = { name = "persons/v1/person.read" }
}
`,
				ExpectError: acctest.PhraseRegexp(`Invalid import identity for krr_scope`,
					`identity.name: "persons/v1/person.read" is not a scope name: expected prefix:subscope`),
			},
			{
				Config:            acctest.MinimalScopeConfig(p),
				ConfigStateChecks: []statecheck.StateCheck{identity},
			},
			{
				// An update (the repair of a change made by hand) keeps it.
				Config: acctest.MinimalScopeConfig(p),
				PreConfig: func() {
					p.Edit(func(st *fakeportal.State) { st.Scopes[acctest.TestScopeName].Description = "changed by hand" })
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{identity},
			},
			{
				ResourceName:    addr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   acctest.TestScopeName,
			},
			{
				ResourceName:    addr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
		},
	})
}

// State written by the provider before identity plans empty with this one,
// and the refresh gives the scope its identity.
func TestAccScopeIdentity_upgrade(t *testing.T) {
	acctest.UsePreviousProvider(t)
	acctest.ServeAsBuiltProvider(t)
	p := acctest.NewPortal(t)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks: acctest.Requires(acctest.Identity),
		Steps: acctest.UpgradeSteps(acctest.MinimalScopeConfig(p),
			acctest.ExpectIdentity("krr_scope.persons", map[string]string{"name": acctest.TestScopeName})),
	})
}

// Over the protocol, what Terraform does not show: an import by identity
// with a bad name is refused before any request, a good one answers the
// identity; a read of state without identity gives one, also when the
// scope is gone and the read removes it (the framework would otherwise
// refuse the read: "Missing Resource Identity After Read").
func TestScopeIdentity_overProtocol(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	p.SeedScope(acctest.PersonScope, false)
	pp := acctest.NewTokenProtocol(t, p, acctest.ProviderOrgno)

	for _, bad := range []string{"", "persons/v1/person.read", "tl:persons read", ":persons"} {
		acctest.ExpectImportByIdentityRefused(t, p, pp, "krr_scope", map[string]tftypes.Value{"name": acctest.Str(bad)},
			"Invalid import identity for krr_scope", "identity.name:", "is not a scope name: expected prefix:subscope")
	}
	got, diags := pp.ImportByIdentity("krr_scope", map[string]tftypes.Value{"name": acctest.Str(acctest.PersonScope)})
	acctest.RequireNoErrors(t, "import by identity", diags)
	acctest.CheckIdentityValues(t, "import", got, map[string]string{"name": acctest.PersonScope})

	for _, name := range []string{acctest.PersonScope, acctest.ProviderPrefix + ":never/made"} {
		kept, got, diags := pp.ReadWithoutIdentity("krr_scope", map[string]tftypes.Value{"id": acctest.Str(name)})
		acctest.RequireNoErrors(t, "read "+name, diags)
		if want := name == acctest.PersonScope; kept != want {
			t.Errorf("read %s: kept in state is %v, want %v", name, kept, want)
		}
		acctest.CheckIdentityValues(t, "read "+name, got, map[string]string{"name": name})
	}
}
