package contacts_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// The data source reads what the resource made.
func TestAccOrgContactsDataSource(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	ds := "data.krr_org_contacts.this"
	config := orgContactsConfig(p, orgContactsFullBody) + `
data "krr_org_contacts" "this" {
  depends_on = [krr_org_contacts.this]
}
`
	same := func(attr string) statecheck.StateCheck {
		return statecheck.CompareValuePairs(ds, tfjsonpath.New(attr), orgContactsAddr, tfjsonpath.New(attr), acctest.CompareEqual)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigStateChecks: []statecheck.StateCheck{
				same("orgno"), same("invoice"), same("notification_contacts"), same("last_updated"),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("orgno"), knownvalue.StringExact(acctest.ProviderOrgno)),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("invoice").AtMapKey("address").AtMapKey("postal_code"),
					knownvalue.StringExact("0114")),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("notification_contacts"), knownvalue.SetPartial([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"name": knownvalue.StringExact("Drift"), "email": knownvalue.StringExact("drift@example.no"),
						"phone": knownvalue.StringExact("+4722450000"),
					}),
				})),
			},
		}},
	})
}

// Data set in the web portal, with values left out there: null, not "".
func TestAccOrgContactsDataSource_setInWebPortal(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	seedContacts(p, orgContactsMinimalPortal)
	ds := "data.krr_org_contacts.this"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: p.ProviderConfig("", acctest.ProviderOrgno) + `data "krr_org_contacts" "this" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("invoice"), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"email":        knownvalue.StringExact("faktura@example.no"),
					"reference":    knownvalue.Null(),
					"contact_name": knownvalue.Null(),
					"address":      knownvalue.Null(),
				})),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("notification_contacts"), knownvalue.SetExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"name": knownvalue.StringExact("Drift"), "email": knownvalue.StringExact("drift@example.no"),
						"phone": knownvalue.Null(),
					}),
				})),
				statecheck.ExpectKnownValue(ds, tfjsonpath.New("last_updated"), knownvalue.StringExact("2025-07-02T08:30:00.000+02:00")),
			},
		}},
	})
}

// Nothing set yet (each organisation sees only its own), and a portal
// without the endpoint: each says so.
func TestAccOrgContactsDataSource_errors(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	seedContacts(p, orgContactsMinimalPortal) // the provider organisation's, not the consumer's
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: p.ProviderConfig("", acctest.ConsumerOrgno) + `data "krr_org_contacts" "this" {}`,
				ExpectError: acctest.PhraseRegexp("No merchant data", "Organisation "+acctest.ConsumerOrgno+" has no merchant data",
					"krr_org_contacts resource"),
			},
			{
				PreConfig: func() {
					p.InjectFault(fakeportal.Fault{Method: "GET", Route: "/organization/contacts", Status: 404, Times: 100})
				},
				Config:      p.ProviderConfig("", acctest.ProviderOrgno) + `data "krr_org_contacts" "this" {}`,
				ExpectError: merchantDataAbsentError,
			},
		},
	})
}
