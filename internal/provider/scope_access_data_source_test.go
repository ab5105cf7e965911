package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccScopeAccessDataSource(t *testing.T) {
	t.Parallel()
	p := newTestPortal(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: scopeFixtureConfig(p, `
data "krr_scope_access" "public" {
  scope      = krr_scope.public.name
  depends_on = [krr_scope_access.consumer, krr_scope_access.other]
}
`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.krr_scope_access.public", tfjsonpath.New("approved_consumers"),
					knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(consumerOrgno), knownvalue.StringExact(otherOrgno)})),
				statecheck.ExpectKnownValue("data.krr_scope_access.public", tfjsonpath.New("grants").AtSliceIndex(0), knownvalue.ObjectPartial(
					map[string]knownvalue.Check{
						"consumer_orgno":             knownvalue.StringExact(consumerOrgno),
						"consumer_organization_name": knownvalue.StringExact(consumerOrgName),
						"state":                      knownvalue.StringExact("APPROVED"),
					})),
			},
		}},
	})
}
