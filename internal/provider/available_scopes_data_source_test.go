package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
)

// What the consumer may use: a scope granted to it and one open to all; not
// a scope that exists but was not shared with it. A grant made with
// krr_scope_access by the owner shows up here for the consumer.
func TestAccAvailableScopesDataSource(t *testing.T) {
	t.Parallel()
	p := newTestPortal(t)
	open := providerPrefix + ":open/catalogue.read"
	idportenOnly := providerPrefix + ":web/login.read"
	p.seedScope(open, true)
	p.seedScope(addressScope, false) // not shared
	p.seedScope(idportenOnly, false, consumerOrgno)
	p.Edit(func(st *fakeportal.State) { st.Scopes[idportenOnly].AllowedIntegrationTypes = []string{"idporten"} })

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: twoOrgProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: p.providerConfig("krrowner", providerOrgno) + `
resource "krr_scope" "person" {
  provider    = krrowner
  prefix      = "` + providerPrefix + `"
  subscope    = "persons/v1/person.read"
  description = "Read persons"
}

resource "krr_scope_access" "consumer" {
  provider       = krrowner
  scope          = krr_scope.person.name
  consumer_orgno = "` + consumerOrgno + `"
}
`,
			},
			{
				Config: p.providerConfig("krrowner", providerOrgno) + p.providerConfig("", consumerOrgno) + `
resource "krr_scope" "person" {
  provider    = krrowner
  prefix      = "` + providerPrefix + `"
  subscope    = "persons/v1/person.read"
  description = "Read persons"
}

resource "krr_scope_access" "consumer" {
  provider       = krrowner
  scope          = krr_scope.person.name
  consumer_orgno = "` + consumerOrgno + `"
}

data "krr_available_scopes" "all" {}

data "krr_available_scopes" "maskinporten" {
  integration_type = "maskinporten"
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.krr_available_scopes.all", tfjsonpath.New("orgno"), knownvalue.StringExact(consumerOrgno)),
					statecheck.ExpectKnownValue("data.krr_available_scopes.all", tfjsonpath.New("names"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact(open), knownvalue.StringExact(personScope), knownvalue.StringExact(idportenOnly),
					})),
					statecheck.ExpectKnownValue("data.krr_available_scopes.all", tfjsonpath.New("scopes").AtSliceIndex(0).AtMapKey("source"),
						knownvalue.StringExact("open")),
					statecheck.ExpectKnownValue("data.krr_available_scopes.all", tfjsonpath.New("scopes").AtSliceIndex(1), knownvalue.ObjectPartial(
						map[string]knownvalue.Check{
							"source":      knownvalue.StringExact("granted"),
							"owner_orgno": knownvalue.StringExact(providerOrgno),
							"description": knownvalue.StringExact("Read persons"),
						})),
					statecheck.ExpectKnownValue("data.krr_available_scopes.maskinporten", tfjsonpath.New("names"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact(open), knownvalue.StringExact(personScope),
					})),
				},
			},
		},
	})
}
