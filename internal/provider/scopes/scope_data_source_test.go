package scopes_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

func TestAccScopeDataSource(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: scopeFixtureConfig(p, `
data "krr_scope" "public" {
  name = krr_scope.public.name
}
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.CompareValuePairs("data.krr_scope.public", tfjsonpath.New("created"),
						"krr_scope.public", tfjsonpath.New("created"), acctest.CompareEqual),
					statecheck.ExpectKnownValue("data.krr_scope.public", tfjsonpath.New("description"), knownvalue.StringExact("In the catalogue")),
					statecheck.ExpectKnownValue("data.krr_scope.public", tfjsonpath.New("delegation_source"), knownvalue.StringExact("https://tt02.altinn.no/")),
					statecheck.ExpectKnownValue("data.krr_scope.public", tfjsonpath.New("allowed_integration_types"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("maskinporten")})),
					statecheck.ExpectKnownValue("data.krr_scope.public", tfjsonpath.New("owner_orgno"), knownvalue.StringExact(acctest.ProviderOrgno)),
					statecheck.ExpectKnownValue("data.krr_scope.public", tfjsonpath.New("active"), knownvalue.Bool(true)),
				},
			},
			{
				Config:      p.ProviderConfig("", acctest.ProviderOrgno) + `data "krr_scope" "x" { name = "` + acctest.ProviderPrefix + `:no/such.scope" }`,
				ExpectError: regexp.MustCompile(`(?s)Scope not found.*no/such\.scope`),
			},
		},
	})
}
