package clients_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

func TestAccClientDataSource(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	p.SeedScope(acctest.PersonScope, false, acctest.ConsumerOrgno)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: p.ProviderConfig("", acctest.ConsumerOrgno) + `
resource "krr_client" "app" {
  client_name = "Case handling"
  description = "Looks up persons"
  scopes      = ["` + acctest.PersonScope + `"]
}

data "krr_client" "app" {
  client_id = krr_client.app.client_id
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs("data.krr_client.app", tfjsonpath.New("client_id"),
						"krr_client.app", tfjsonpath.New("client_id"), compare.ValuesSame()),
					statecheck.CompareValuePairs("data.krr_client.app", tfjsonpath.New("created"),
						"krr_client.app", tfjsonpath.New("created"), compare.ValuesSame()),
					statecheck.ExpectKnownValue("data.krr_client.app", tfjsonpath.New("client_name"), knownvalue.StringExact("Case handling")),
					statecheck.ExpectKnownValue("data.krr_client.app", tfjsonpath.New("scopes"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(acctest.PersonScope)})),
					statecheck.ExpectKnownValue("data.krr_client.app", tfjsonpath.New("client_orgno"), knownvalue.StringExact(acctest.ConsumerOrgno)),
				},
			},
			{
				Config:      p.ProviderConfig("", acctest.ConsumerOrgno) + `data "krr_client" "x" { client_id = "00000000-0000-4000-8000-000000000000" }`,
				ExpectError: regexp.MustCompile(`(?s)Client not found`),
			},
		},
	})
}
