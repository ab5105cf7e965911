package scopes_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

var consumersIdentity = map[string]string{"scope": acctest.TestScopeName}

// krr_scope_consumers' identity is its scope: set on create, kept through
// an update, and what an import block with identity takes, beside one with
// the id.
func TestAccScopeConsumersIdentity(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	identity := acctest.ExpectIdentity(consumersAddr, consumersIdentity)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   acctest.Requires(acctest.Identity),
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:            scopeConsumersConfig(p, acctest.ConsumerOrgno),
				ConfigStateChecks: []statecheck.StateCheck{identity},
			},
			{
				Config:            scopeConsumersConfig(p, acctest.ConsumerOrgno, acctest.OtherOrgno),
				ConfigStateChecks: append(expectConsumers(p, acctest.ConsumerOrgno, acctest.OtherOrgno), identity),
			},
			{
				ResourceName:    consumersAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   acctest.TestScopeName,
			},
			{
				ResourceName:    consumersAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
		},
	})
}

// State written by the provider before identity plans empty with this one,
// and the refresh gives the list its identity.
func TestAccScopeConsumersIdentity_upgrade(t *testing.T) {
	acctest.UsePreviousProvider(t)
	acctest.ServeAsBuiltProvider(t)
	p := acctest.NewPortal(t)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks: acctest.Requires(acctest.Identity),
		Steps: acctest.UpgradeSteps(scopeConsumersConfig(p, acctest.ConsumerOrgno),
			acctest.ExpectIdentity(consumersAddr, consumersIdentity)),
	})
}

// Over the protocol: a bad scope name is refused before any request; a
// good one answers the identity; a read of state without identity gives
// one, also when the scope is gone and the read removes the list.
func TestScopeConsumersIdentity_overProtocol(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	p.SeedScope(acctest.PersonScope, false, acctest.ConsumerOrgno)
	pp := acctest.NewTokenProtocol(t, p, acctest.ProviderOrgno)

	acctest.ExpectImportByIdentityRefused(t, p, pp, "krr_scope_consumers", map[string]tftypes.Value{"scope": acctest.Str("tl: persons")},
		"Invalid import identity for krr_scope_consumers", `identity.scope: "tl: persons" is not a scope name`, "without whitespace")
	got, diags := pp.ImportByIdentity("krr_scope_consumers", map[string]tftypes.Value{"scope": acctest.Str(acctest.PersonScope)})
	acctest.RequireNoErrors(t, "import by identity", diags)
	acctest.CheckIdentityValues(t, "import", got, map[string]string{"scope": acctest.PersonScope})

	for _, scope := range []string{acctest.PersonScope, acctest.ProviderPrefix + ":never/made"} {
		kept, got, diags := pp.ReadWithoutIdentity("krr_scope_consumers", map[string]tftypes.Value{
			"id": acctest.Str(scope), "scope": acctest.Str(scope), "consumer_orgnos": acctest.StrSet(acctest.ConsumerOrgno),
		})
		acctest.RequireNoErrors(t, "read "+scope, diags)
		if want := scope == acctest.PersonScope; kept != want {
			t.Errorf("read %s: kept in state is %v, want %v", scope, kept, want)
		}
		acctest.CheckIdentityValues(t, "read "+scope, got, map[string]string{"scope": scope})
	}
}
