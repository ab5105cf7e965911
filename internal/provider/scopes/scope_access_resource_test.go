package scopes_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

func scopeAccessConfig(p *acctest.Portal, consumers ...string) string {
	var b strings.Builder
	b.WriteString(acctest.MinimalScopeConfig(p))
	for _, c := range consumers {
		fmt.Fprintf(&b, `
resource "krr_scope_access" "c%s" {
  scope          = krr_scope.persons.name
  consumer_orgno = %q
}
`, c, c)
	}
	return b.String()
}

func TestAccScopeAccess_lifecycle(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	addr := "krr_scope_access.c" + acctest.ConsumerOrgno
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: scopeAccessConfig(p, acctest.ConsumerOrgno),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("state"), knownvalue.StringExact("APPROVED")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("consumer_organization_name"), knownvalue.StringExact(acctest.ConsumerOrgName)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(acctest.TestScopeName+","+acctest.ConsumerOrgno)),
					acctest.CheckPortal(func() error {
						if st := p.GrantState(acctest.TestScopeName, acctest.ConsumerOrgno); st != fakeportal.GrantApproved {
							return fmt.Errorf("grant is %q in the portal", st)
						}
						return nil
					}),
				},
			},
			{
				ResourceName:      addr,
				ImportState:       true,
				ImportStateId:     acctest.TestScopeName + "," + acctest.ConsumerOrgno,
				ImportStateVerify: true,
			},
			{
				ResourceName:  addr,
				ImportState:   true,
				ImportStateId: acctest.TestScopeName + "/" + acctest.ConsumerOrgno,
				ExpectError:   regexp.MustCompile(`(?s)Invalid import ID.*expected <scope\s+name>,<consumer\s+orgno>`),
			},
			{
				// Revoked in the web portal: the plan grants it again.
				PreConfig: func() {
					p.Edit(func(st *fakeportal.State) {
						st.Grants[fakeportal.GrantKey{Scope: acctest.TestScopeName, Consumer: acctest.ConsumerOrgno}].State = fakeportal.GrantDenied
					})
				},
				Config: scopeAccessConfig(p, acctest.ConsumerOrgno),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction("krr_scope.persons", plancheck.ResourceActionNoop),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{acctest.CheckPortal(func() error {
					if st := p.GrantState(acctest.TestScopeName, acctest.ConsumerOrgno); st != fakeportal.GrantApproved {
						return fmt.Errorf("grant not approved again: %q", st)
					}
					return nil
				})},
			},
			{
				// Swap the consumer: the old grant is revoked, the new made.
				Config: scopeAccessConfig(p, acctest.OtherOrgno),
				ConfigStateChecks: []statecheck.StateCheck{acctest.CheckPortal(func() error {
					if st := p.GrantState(acctest.TestScopeName, acctest.ConsumerOrgno); st != fakeportal.GrantDenied {
						return fmt.Errorf("old grant is %q, want DENIED", st)
					}
					if st := p.GrantState(acctest.TestScopeName, acctest.OtherOrgno); st != fakeportal.GrantApproved {
						return fmt.Errorf("new grant is %q, want APPROVED", st)
					}
					return nil
				})},
			},
		},
	})
	if st := p.GrantState(acctest.TestScopeName, acctest.OtherOrgno); st != fakeportal.GrantDenied {
		t.Errorf("after destroy the grant is %q, want DENIED", st)
	}
}

// A typo in an organisation number stops the plan before any request.
func TestAccScopeAccess_badCheckDigit(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      scopeAccessConfig(p, acctest.BadCheckOrgno),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)consumer_orgno.*` + acctest.BadCheckOrgno + `.*check digit`),
		}},
	})
	if counts := p.RequestCounts(); len(counts) != 0 {
		t.Errorf("want no request at all, got %v", counts)
	}
}

// Terraform applies ten resources at a time; twenty grants on one scope
// must all land.
func TestAccScopeAccess_twentyGrantsAtOnce(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	consumers := fakeportal.SyntheticOrgnos(20)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.MinimalScopeConfig(p) + `
locals {
  consumers = ["` + strings.Join(consumers, `", "`) + `"]
}

resource "krr_scope_access" "many" {
  count          = length(local.consumers)
  scope          = krr_scope.persons.name
  consumer_orgno = local.consumers[count.index]
}
`,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{acctest.CheckPortal(func() error {
				for _, c := range consumers {
					if st := p.GrantState(acctest.TestScopeName, c); st != fakeportal.GrantApproved {
						return fmt.Errorf("grant to %s is %q", c, st)
					}
				}
				if n := p.RequestCount("PUT /scopes/access/{orgno}"); n != len(consumers) {
					return fmt.Errorf("want %d grant requests, got %d", len(consumers), n)
				}
				return nil
			})},
		}},
	})
}

// A grant's scope is checked at plan by the client's certainty rule: what
// cannot succeed whatever the apply does (another organisation's prefix, no
// organisation's prefix) is refused there; a scope of the organisation's
// own that is missing or deactivated may still be made by a krr_scope in
// the same apply, so the plan lets it through and the apply stops with the
// portal's refusal in the user's terms.
func TestAccScopeAccess_scopeCheckedAtPlan(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	deactivated := acctest.ProviderPrefix + ":persons/v1/old.read"
	p.SeedScope(deactivated, false)
	p.Edit(func(st *fakeportal.State) { st.Scopes[deactivated].Active = false })
	grant := func(orgno, scope string) string {
		return p.ProviderConfig("", orgno) + `
resource "krr_scope_access" "x" {
  scope          = "` + scope + `"
  consumer_orgno = "` + acctest.OtherOrgno + `"
}
`
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				// The consumer organisation tries to share the provider's scope.
				Config:   grant(acctest.ConsumerOrgno, acctest.PersonScope),
				PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)Scope of another organisation.*belongs\s+to\s+organisation\s+` + acctest.ProviderOrgno +
					`\s+\(` + acctest.ProviderOrgName + `\):\s+only\s+a\s+scope's\s+owner\s+may\s+give\s+access.*act\s+for\s+organisation\s+` + acctest.ConsumerOrgno),
			},
			{
				Config:      grant(acctest.ProviderOrgno, "nosuch:persons/v1/person.read"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Scope cannot exist.*"nosuch"\s+is\s+not\s+any\s+organisation's\s+prefix`),
			},
			{
				Config:      grant(acctest.ProviderOrgno, acctest.ProviderPrefix+":never/made"),
				ExpectError: regexp.MustCompile(`(?s)does\s+not\s+exist\s+in\s+the\s+test\s+environment,\s+so\s+nothing\s+was\s+granted.*krr_scope.<name>.name.*correlation_id`),
			},
			{
				Config:      grant(acctest.ProviderOrgno, deactivated),
				ExpectError: regexp.MustCompile(`(?s)is\s+deactivated\s+in\s+the\s+test\s+environment,\s+so\s+nothing\s+was\s+granted.*correlation_id`),
			},
		},
	})
	for _, scope := range []string{acctest.PersonScope, acctest.ProviderPrefix + ":never/made", deactivated} {
		if st := p.GrantState(scope, acctest.OtherOrgno); st != "" {
			t.Errorf("a refused grant on %s is %q in the portal", scope, st)
		}
	}
	if n := p.RequestCount("PUT /scopes/access/{orgno}"); n != 2 {
		t.Errorf("want the two grants the plan could not rule out sent and refused, got %d PUTs", n)
	}
}
