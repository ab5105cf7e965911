package clients_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// What the consumer may use: a scope granted to it and one open to all; not
// a scope that exists but was not shared with it. A grant made with
// krr_scope_access by the owner shows up here for the consumer.
func TestAccAvailableScopesDataSource(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	open := acctest.ProviderPrefix + ":open/catalogue.read"
	idportenOnly := acctest.ProviderPrefix + ":web/login.read"
	p.SeedScope(open, true)
	p.SeedScope(acctest.AddressScope, false) // not shared
	p.SeedScope(idportenOnly, false, acctest.ConsumerOrgno)
	p.Edit(func(st *fakeportal.State) { st.Scopes[idportenOnly].AllowedIntegrationTypes = []string{"idporten"} })

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.TwoOrgProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: p.ProviderConfig("krrowner", acctest.ProviderOrgno) + `
resource "krr_scope" "person" {
  provider    = krrowner
  prefix      = "` + acctest.ProviderPrefix + `"
  subscope    = "persons/v1/person.read"
  description = "Read persons"
}

resource "krr_scope_access" "consumer" {
  provider       = krrowner
  scope          = krr_scope.person.name
  consumer_orgno = "` + acctest.ConsumerOrgno + `"
}
`,
			},
			{
				Config: p.ProviderConfig("krrowner", acctest.ProviderOrgno) + p.ProviderConfig("", acctest.ConsumerOrgno) + `
resource "krr_scope" "person" {
  provider    = krrowner
  prefix      = "` + acctest.ProviderPrefix + `"
  subscope    = "persons/v1/person.read"
  description = "Read persons"
}

resource "krr_scope_access" "consumer" {
  provider       = krrowner
  scope          = krr_scope.person.name
  consumer_orgno = "` + acctest.ConsumerOrgno + `"
}

data "krr_available_scopes" "all" {}

data "krr_available_scopes" "maskinporten" {
  integration_type = "maskinporten"
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.krr_available_scopes.all", tfjsonpath.New("orgno"), knownvalue.StringExact(acctest.ConsumerOrgno)),
					// KRR's own five scopes are open to every organisation
					// (portal-api.md §11), so they come first, by name.
					statecheck.ExpectKnownValue("data.krr_available_scopes.all", tfjsonpath.New("names"), knownvalue.ListExact(append(krrScopeNames(true),
						knownvalue.StringExact(open), knownvalue.StringExact(acctest.PersonScope), knownvalue.StringExact(idportenOnly),
					))),
					statecheck.ExpectKnownValue("data.krr_available_scopes.all", tfjsonpath.New("scopes").AtSliceIndex(0).AtMapKey("source"),
						knownvalue.StringExact("open")),
					statecheck.ExpectKnownValue("data.krr_available_scopes.all", tfjsonpath.New("scopes").AtSliceIndex(6), knownvalue.ObjectPartial(
						map[string]knownvalue.Check{
							"source":      knownvalue.StringExact("granted"),
							"owner_orgno": knownvalue.StringExact(acctest.ProviderOrgno),
							"description": knownvalue.StringExact("Read persons"),
						})),
					// Of KRR's scopes, only the machine look-ups are for maskinporten clients.
					statecheck.ExpectKnownValue("data.krr_available_scopes.maskinporten", tfjsonpath.New("names"), knownvalue.ListExact(append(krrScopeNames(false),
						knownvalue.StringExact(open), knownvalue.StringExact(acctest.PersonScope),
					))),
				},
			},
		},
	})
}

// krrScopeNames are checks for KRR's own scopes in name order, the krr:user
// ones too when withUser.
func krrScopeNames(withUser bool) []knownvalue.Check {
	names := []string{"krr:global/digitalpost.read", "krr:global/kontaktinformasjon.read"}
	if withUser {
		names = append(names, "krr:user/digitalpost.read", "krr:user/kontaktinformasjon.read", "krr:user/spraak.write")
	}
	checks := make([]knownvalue.Check, len(names))
	for i, n := range names {
		checks[i] = knownvalue.StringExact(n)
	}
	return checks
}
