package scopes_test

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
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

const consumersAddr = "krr_scope_consumers.persons"

// scopeConsumersConfig is the test scope and its complete consumer list.
func scopeConsumersConfig(p *acctest.Portal, orgnos ...string) string {
	return acctest.MinimalScopeConfig(p) + `
resource "krr_scope_consumers" "persons" {
  scope           = krr_scope.persons.name
  consumer_orgnos = [` + acctest.QuoteAll(orgnos) + `]
}
`
}

func expectConsumers(p *acctest.Portal, want ...string) []statecheck.StateCheck {
	slices.Sort(want)
	checks := make([]knownvalue.Check, len(want))
	for i, w := range want {
		checks[i] = knownvalue.StringExact(w)
	}
	return []statecheck.StateCheck{
		statecheck.ExpectKnownValue(consumersAddr, tfjsonpath.New("consumer_orgnos"), knownvalue.SetExact(checks)),
		acctest.CheckPortal(func() error {
			if got := p.ApprovedConsumers(acctest.TestScopeName); !slices.Equal(got, want) {
				return fmt.Errorf("the portal approves %v, want %v", got, want)
			}
			return nil
		}),
	}
}

func TestAccScopeConsumers_lifecycle(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	third := fakeportal.SyntheticOrgnos(1)[0]
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: scopeConsumersConfig(p, acctest.ConsumerOrgno, acctest.OtherOrgno),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: append(expectConsumers(p, acctest.ConsumerOrgno, acctest.OtherOrgno),
					statecheck.ExpectKnownValue(consumersAddr, tfjsonpath.New("id"), knownvalue.StringExact(acctest.TestScopeName))),
			},
			{
				// Add one: only its grant is written.
				PreConfig: p.ResetRequestCounts,
				Config:    scopeConsumersConfig(p, acctest.ConsumerOrgno, acctest.OtherOrgno, third),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(consumersAddr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: append(expectConsumers(p, acctest.ConsumerOrgno, acctest.OtherOrgno, third), acctest.CheckPortal(func() error {
					if n := p.RequestCount("PUT /scopes/access/{orgno}"); n != 1 {
						return fmt.Errorf("adding one organisation made %d grants", n)
					}
					return nil
				})),
			},
			{
				// Remove one: its grant is revoked.
				Config:            scopeConsumersConfig(p, acctest.ConsumerOrgno, third),
				ConfigStateChecks: expectConsumers(p, acctest.ConsumerOrgno, third),
			},
			{
				ResourceName:      consumersAddr,
				ImportState:       true,
				ImportStateId:     acctest.TestScopeName,
				ImportStateVerify: true,
			},
			{
				// Drift both ways: a grant made in the web portal, and one of
				// the list's revoked there. Apply undoes both.
				PreConfig: func() {
					p.Edit(func(st *fakeportal.State) {
						st.Grants[fakeportal.GrantKey{Scope: acctest.TestScopeName, Consumer: acctest.OtherOrgno}].State = fakeportal.GrantApproved
						st.Grants[fakeportal.GrantKey{Scope: acctest.TestScopeName, Consumer: third}].State = fakeportal.GrantDenied
					})
				},
				Config: scopeConsumersConfig(p, acctest.ConsumerOrgno, third),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(consumersAddr, plancheck.ResourceActionUpdate),
						acctest.ExpectChangedAttributes(consumersAddr, "consumer_orgnos"),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: expectConsumers(p, acctest.ConsumerOrgno, third),
			},
			{
				// A grant waiting for approval counts as absent.
				PreConfig: func() {
					p.Edit(func(st *fakeportal.State) {
						st.Grants[fakeportal.GrantKey{Scope: acctest.TestScopeName, Consumer: third}].State = fakeportal.GrantRequested
					})
				},
				Config: scopeConsumersConfig(p, acctest.ConsumerOrgno, third),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{acctest.ExpectChangedAttributes(consumersAddr, "consumer_orgnos")},
				},
				ConfigStateChecks: expectConsumers(p, acctest.ConsumerOrgno, third),
			},
		},
		// Destroy revokes every grant (and the scope's destroy deactivates it).
		CheckDestroy: func(*terraform.State) error {
			if got := p.ApprovedConsumers(acctest.TestScopeName); len(got) != 0 {
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
	p := acctest.NewPortal(t)
	p.SeedScope(acctest.TestScopeName, false, acctest.ConsumerOrgno, acctest.OtherOrgno)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: p.ProviderConfig("", acctest.ProviderOrgno) + `
resource "krr_scope_consumers" "persons" {
  scope           = "` + acctest.TestScopeName + `"
  consumer_orgnos = ["` + acctest.ConsumerOrgno + `"]
}
`,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: expectConsumers(p, acctest.ConsumerOrgno),
		}},
	})
}

// krr_scope_consumers and krr_scope_access on one scope would undo each
// other: the plan refuses them, whichever is planned second, before any
// write. Another organisation's scope is refused at plan too.
func TestAccScopeConsumers_refusedAtPlan(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: scopeConsumersConfig(p, acctest.ConsumerOrgno) + `
resource "krr_scope_access" "other" {
  scope          = krr_scope.persons.name
  consumer_orgno = "` + acctest.OtherOrgno + `"
}
`,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Scope's access managed twice.*Both\s+krr_scope_consumers\s+and\s+krr_scope_access\s+manage`),
			},
			{
				Config: p.ProviderConfig("", acctest.ConsumerOrgno) + `
resource "krr_scope_consumers" "theirs" {
  scope           = "` + acctest.TestScopeName + `"
  consumer_orgnos = ["` + acctest.OtherOrgno + `"]
}
`,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Scope of another organisation`),
			},
			{
				Config:      scopeConsumersConfig(p, acctest.BadCheckOrgno),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)consumer_orgnos.*check digit`),
			},
		},
	})
	if n := p.WriteCount(); n != 0 {
		t.Errorf("refused plans sent %d writes: %v", n, p.RequestCounts())
	}
}
