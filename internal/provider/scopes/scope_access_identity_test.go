package scopes_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// accessIdentity is the identity of the grant of the test scope to orgno.
func accessIdentity(orgno string) map[string]string {
	return map[string]string{"scope": acctest.TestScopeName, "consumer_orgno": orgno}
}

// krr_scope_access's identity is the scope and the consumer: set on create,
// and what an import block with identity takes, beside one with the
// composite id.
func TestAccScopeAccessIdentity(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	addr := "krr_scope_access.c" + acctest.ConsumerOrgno
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   acctest.Requires(acctest.Identity),
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				// Both attributes are checked as the arguments are, and each
				// refusal names its attribute and the rule. (First, while the
				// state is empty: Terraform skips an import block whose
				// resource is in state already.)
				Config: scopeAccessConfig(p, acctest.ConsumerOrgno) + `
import {
  to       = krr_scope_access.c` + acctest.ConsumerOrgno + `
  identity = { scope = "persons", consumer_orgno = "` + acctest.BadCheckOrgno + `" }
}
`,
				ExpectError: acctest.PhraseRegexp(`identity.scope: "persons" is not a scope name`,
					`identity.consumer_orgno: organisation number `+acctest.BadCheckOrgno+` is not valid: it fails the mod-11 check digit test`),
			},
			{
				Config:            scopeAccessConfig(p, acctest.ConsumerOrgno),
				ConfigStateChecks: []statecheck.StateCheck{acctest.ExpectIdentity(addr, accessIdentity(acctest.ConsumerOrgno))},
			},
			{
				ResourceName:    addr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   acctest.TestScopeName + "," + acctest.ConsumerOrgno,
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
// and the refresh gives the grant its identity.
func TestAccScopeAccessIdentity_upgrade(t *testing.T) {
	acctest.UsePreviousProvider(t)
	acctest.ServeAsBuiltProvider(t)
	p := acctest.NewPortal(t)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks: acctest.Requires(acctest.Identity),
		Steps: acctest.UpgradeSteps(scopeAccessConfig(p, acctest.ConsumerOrgno),
			acctest.ExpectIdentity("krr_scope_access.c"+acctest.ConsumerOrgno, accessIdentity(acctest.ConsumerOrgno))),
	})
}

// Over the protocol: a bad identity is refused before any request, naming
// each attribute at fault; a good one answers the identity; a read of state
// without identity gives one, also when the grant is revoked and the read
// removes it.
func TestScopeAccessIdentity_overProtocol(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	p.SeedScope(acctest.PersonScope, false, acctest.ConsumerOrgno)
	pp := acctest.NewTokenProtocol(t, p, acctest.ProviderOrgno)
	identity := func(scope, orgno string) map[string]tftypes.Value {
		return map[string]tftypes.Value{"scope": acctest.Str(scope), "consumer_orgno": acctest.Str(orgno)}
	}

	acctest.ExpectImportByIdentityRefused(t, p, pp, "krr_scope_access", identity("persons", acctest.ConsumerOrgno),
		"Invalid import identity for krr_scope_access", `identity.scope: "persons" is not a scope name`)
	acctest.ExpectImportByIdentityRefused(t, p, pp, "krr_scope_access", identity(acctest.PersonScope, "31000002"),
		`identity.consumer_orgno: organisation number "31000002" must be 9 digits`, "mod-11 check digit")
	acctest.ExpectImportByIdentityRefused(t, p, pp, "krr_scope_access", identity(acctest.PersonScope, acctest.BadCheckOrgno),
		"identity.consumer_orgno: organisation number "+acctest.BadCheckOrgno+" is not valid: it fails the mod-11 check digit test", "Enhetsregisteret")
	acctest.ExpectImportByIdentityRefused(t, p, pp, "krr_scope_access", identity(acctest.PersonScope, ""),
		"identity.consumer_orgno: organisation number is empty")

	got, diags := pp.ImportByIdentity("krr_scope_access", identity(acctest.PersonScope, acctest.ConsumerOrgno))
	acctest.RequireNoErrors(t, "import by identity", diags)
	acctest.CheckIdentityValues(t, "import", got, map[string]string{"scope": acctest.PersonScope, "consumer_orgno": acctest.ConsumerOrgno})

	for _, orgno := range []string{acctest.ConsumerOrgno, acctest.OtherOrgno} { // granted, never granted
		kept, got, diags := pp.ReadWithoutIdentity("krr_scope_access", identity(acctest.PersonScope, orgno))
		acctest.RequireNoErrors(t, "read "+orgno, diags)
		if want := orgno == acctest.ConsumerOrgno; kept != want {
			t.Errorf("read %s: kept in state is %v, want %v", orgno, kept, want)
		}
		acctest.CheckIdentityValues(t, "read "+orgno, got, map[string]string{"scope": acctest.PersonScope, "consumer_orgno": orgno})
	}
}
