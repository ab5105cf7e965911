package organization_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

func TestAccDelegationSourcesDataSource(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	p.Edit(func(st *fakeportal.State) {
		st.DelegationSources = append(st.DelegationSources, fakeportal.DelegationSource{Name: "ansattporten", Issuer: "https://ansattporten.example.test/"})
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: p.ProviderConfig("", acctest.ProviderOrgno) + `data "krr_delegation_sources" "all" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.krr_delegation_sources.all", tfjsonpath.New("sources"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"name": knownvalue.StringExact("altinn"), "issuer": knownvalue.StringExact("https://tt02.altinn.no/"),
					}),
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"name": knownvalue.StringExact("ansattporten"), "issuer": knownvalue.StringExact("https://ansattporten.example.test/"),
					}),
				})),
			},
		}},
	})
}
