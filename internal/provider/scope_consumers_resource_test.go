package provider

import (
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
)

const consumersAddr = "krr_scope_consumers.persons"

// scopeConsumersConfig is the test scope and its complete consumer list.
func scopeConsumersConfig(p *testPortal, orgnos ...string) string {
	return minimalScopeConfig(p) + `
resource "krr_scope_consumers" "persons" {
  scope           = krr_scope.persons.name
  consumer_orgnos = [` + quoteAll(orgnos) + `]
}
`
}

func expectConsumers(p *testPortal, want ...string) []statecheck.StateCheck {
	slices.Sort(want)
	checks := make([]knownvalue.Check, len(want))
	for i, w := range want {
		checks[i] = knownvalue.StringExact(w)
	}
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(consumersAddr, tfjsonpath.New("consumer_orgnos"), knownvalue.SetExact(checks)),
		checkPortal(func() error {
			if got := p.approvedConsumers(testScopeName); !slices.Equal(got, want) {
				return fmt.Errorf("the portal approves %v, want %v", got, want)
			}
			return nil
		}),
	}
}

func TestAccScopeConsumers_lifecycle(t *testing.T) {
	t.Parallel()
	p := newTestPortal(t)
	third := fakeportal.SyntheticOrgnos(1)[0]
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: scopeConsumersConfig(p, consumerOrgno, otherOrgno),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: append(expectConsumers(p, consumerOrgno, otherOrgno),
					statecheck.ExpectKnownValue(consumersAddr, tfjsonpath.New("id"), knownvalue.StringExact(testScopeName))),
			},
			{
				// Add one: only its grant is written.
				PreConfig: p.ResetRequestCounts,
				Config:    scopeConsumersConfig(p, consumerOrgno, otherOrgno, third),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(consumersAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: append(expectConsumers(p, consumerOrgno, otherOrgno, third), checkPortal(func() error {
					if n := p.RequestCount("PUT /scopes/access/{orgno}"); n != 1 {
						return fmt.Errorf("adding one organisation made %d grants", n)
					}
					return nil
				})),
			},
			{
				// Remove one: its grant is revoked.
				Config:            scopeConsumersConfig(p, consumerOrgno, third),
				ConfigStateChecks: expectConsumers(p, consumerOrgno, third),
			},
			{
				ResourceName:      consumersAddr,
				ImportState:       true,
				ImportStateId:     testScopeName,
				ImportStateVerify: true,
			},
			{
				// Drift both ways: a grant made in the web portal, and one of
				// the list's revoked there. Apply undoes both.
				PreConfig: func() {
					p.Edit(func(st *fakeportal.State) {
						st.Grants[fakeportal.GrantKey{Scope: testScopeName, Consumer: otherOrgno}].State = fakeportal.GrantApproved
						st.Grants[fakeportal.GrantKey{Scope: testScopeName, Consumer: third}].State = fakeportal.GrantDenied
					})
				},
				Config: scopeConsumersConfig(p, consumerOrgno, third),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(consumersAddr, plancheck.ResourceActionUpdate),
						expectChangedAttributes(consumersAddr, "consumer_orgnos"),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: expectConsumers(p, consumerOrgno, third),
			},
			{
				// A grant waiting for approval counts as absent.
				PreConfig: func() {
					p.Edit(func(st *fakeportal.State) {
						st.Grants[fakeportal.GrantKey{Scope: testScopeName, Consumer: third}].State = fakeportal.GrantRequested
					})
				},
				Config: scopeConsumersConfig(p, consumerOrgno, third),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{expectChangedAttributes(consumersAddr, "consumer_orgnos")},
				},
				ConfigStateChecks: expectConsumers(p, consumerOrgno, third),
			},
		},
		// Destroy revokes every grant (and the scope's destroy deactivates it).
		CheckDestroy: func(*terraform.State) error {
			if got := p.approvedConsumers(testScopeName); len(got) != 0 {
				return fmt.Errorf("grants still approved after destroy: %v", got)
			}
			return nil
		},
	})
}

// A list created for a scope that already has grants revokes those it does
// not name: the list is complete.
func TestAccScopeConsumers_createRevokesGrantsNotNamed(t *testing.T) {
	t.Parallel()
	p := newTestPortal(t)
	p.seedScope(testScopeName, false, consumerOrgno, otherOrgno)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: p.providerConfig("", providerOrgno) + `
resource "krr_scope_consumers" "persons" {
  scope           = "` + testScopeName + `"
  consumer_orgnos = ["` + consumerOrgno + `"]
}
`,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: expectConsumers(p, consumerOrgno),
		}},
	})
}

// krr_scope_consumers and krr_scope_access on one scope would undo each
// other: the plan refuses them, whichever is planned second, before any
// write. Another organisation's scope is refused at plan too.
func TestAccScopeConsumers_refusedAtPlan(t *testing.T) {
	t.Parallel()
	p := newTestPortal(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: scopeConsumersConfig(p, consumerOrgno) + `
resource "krr_scope_access" "other" {
  scope          = krr_scope.persons.name
  consumer_orgno = "` + otherOrgno + `"
}
`,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Scope's access managed twice.*Both\s+krr_scope_consumers\s+and\s+krr_scope_access\s+manage`),
			},
			{
				Config: p.providerConfig("", consumerOrgno) + `
resource "krr_scope_consumers" "theirs" {
  scope           = "` + testScopeName + `"
  consumer_orgnos = ["` + otherOrgno + `"]
}
`,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Scope of another organisation`),
			},
			{
				Config:      scopeConsumersConfig(p, badCheckOrgno),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)consumer_orgnos.*check digit`),
			},
		},
	})
	if n := p.writeCount(); n != 0 {
		t.Errorf("refused plans sent %d writes: %v", n, p.RequestCounts())
	}
}
