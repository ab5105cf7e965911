package scopes_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// The public catalogue holds the PUBLIC scope and not the PRIVATE one, and
// its filters are applied by the portal.
func TestAccPublicScopesDataSource(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: scopeFixtureConfig(p, `
data "krr_public_scopes" "mine" {
  prefix     = "`+acctest.ProviderPrefix+`"
  depends_on = [krr_scope.public, krr_scope.private]
}

data "krr_public_scopes" "for_idporten" {
  prefix           = "`+acctest.ProviderPrefix+`"
  integration_type = "IDPORTEN"
  depends_on       = [krr_scope.public, krr_scope.private]
}

data "krr_public_scopes" "delegated" {
  prefix            = "`+acctest.ProviderPrefix+`"
  delegated_sources = true
  depends_on        = [krr_scope.public, krr_scope.private]
}
`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.krr_public_scopes.mine", tfjsonpath.New("names"),
					knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(fixturePublicScope)})),
				statecheck.ExpectKnownValue("data.krr_public_scopes.for_idporten", tfjsonpath.New("names"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue("data.krr_public_scopes.delegated", tfjsonpath.New("names"),
					knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(fixturePublicScope)})),
			},
		}},
	})
}
