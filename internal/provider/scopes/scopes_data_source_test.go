package scopes_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

func TestAccScopesDataSource(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	// A scope deactivated long ago in the web portal.
	retired := acctest.ProviderPrefix + ":archive/retired.read"
	p.Edit(func(st *fakeportal.State) {
		st.Scopes[retired] = &fakeportal.Scope{
			Name: retired, Prefix: acctest.ProviderPrefix, Subscope: "archive/retired.read", Description: "Retired",
			OwnerOrgno: acctest.ProviderOrgno, TokenType: "SELF_CONTAINED", Visibility: "PUBLIC", AllowedIntegrationTypes: []string{},
		}
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: scopeFixtureConfig(p, `
data "krr_scopes" "active" {
  prefix     = "`+acctest.ProviderPrefix+`"
  depends_on = [krr_scope.public, krr_scope.private]
}

data "krr_scopes" "all" {
  include_inactive = true
  depends_on       = [krr_scope.public, krr_scope.private]
}

data "krr_scopes" "other_prefix" {
  prefix     = "nosuchprefix"
  depends_on = [krr_scope.public, krr_scope.private]
}
`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.krr_scopes.active", tfjsonpath.New("names"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact(fixturePrivateScope), knownvalue.StringExact(fixturePublicScope),
				})),
				statecheck.ExpectKnownValue("data.krr_scopes.active", tfjsonpath.New("scopes").AtSliceIndex(0).AtMapKey("visibility"),
					knownvalue.StringExact("PRIVATE")),
				statecheck.ExpectKnownValue("data.krr_scopes.all", tfjsonpath.New("names"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact(retired), knownvalue.StringExact(fixturePrivateScope), knownvalue.StringExact(fixturePublicScope),
				})),
				statecheck.ExpectKnownValue("data.krr_scopes.all", tfjsonpath.New("scopes").AtSliceIndex(0).AtMapKey("active"),
					knownvalue.Bool(false)),
				statecheck.ExpectKnownValue("data.krr_scopes.other_prefix", tfjsonpath.New("names"), knownvalue.ListSizeExact(0)),
			},
		}},
	})
}
