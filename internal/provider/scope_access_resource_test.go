package provider

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
)

func scopeAccessConfig(p *testPortal, consumers ...string) string {
	var b strings.Builder
	b.WriteString(minimalScopeConfig(p))
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
	p := newTestPortal(t)
	addr := "krr_scope_access.c" + consumerOrgno
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: scopeAccessConfig(p, consumerOrgno),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("state"), knownvalue.StringExact("APPROVED")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("consumer_organization_name"), knownvalue.StringExact(consumerOrgName)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(testScopeName+","+consumerOrgno)),
					checkPortal(func() error {
						if st := p.grantState(testScopeName, consumerOrgno); st != fakeportal.GrantApproved {
							return fmt.Errorf("grant is %q in the portal", st)
						}
						return nil
					}),
				},
			},
			{
				ResourceName:      addr,
				ImportState:       true,
				ImportStateId:     testScopeName + "," + consumerOrgno,
				ImportStateVerify: true,
			},
			{
				ResourceName:  addr,
				ImportState:   true,
				ImportStateId: testScopeName + "/" + consumerOrgno,
				ExpectError:   regexp.MustCompile(`(?s)Invalid import ID.*expected <scope\s+name>,<consumer\s+orgno>`),
			},
			{
				// Revoked in the web portal: the plan grants it again.
				PreConfig: func() {
					p.Edit(func(st *fakeportal.State) {
						st.Grants[fakeportal.GrantKey{Scope: testScopeName, Consumer: consumerOrgno}].State = fakeportal.GrantDenied
					})
				},
				Config: scopeAccessConfig(p, consumerOrgno),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction("krr_scope.persons", plancheck.ResourceActionNoop),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{checkPortal(func() error {
					if st := p.grantState(testScopeName, consumerOrgno); st != fakeportal.GrantApproved {
						return fmt.Errorf("grant not approved again: %q", st)
					}
					return nil
				})},
			},
			{
				// Swap the consumer: the old grant is revoked, the new made.
				Config: scopeAccessConfig(p, otherOrgno),
				ConfigStateChecks: []statecheck.StateCheck{checkPortal(func() error {
					if st := p.grantState(testScopeName, consumerOrgno); st != fakeportal.GrantDenied {
						return fmt.Errorf("old grant is %q, want DENIED", st)
					}
					if st := p.grantState(testScopeName, otherOrgno); st != fakeportal.GrantApproved {
						return fmt.Errorf("new grant is %q, want APPROVED", st)
					}
					return nil
				})},
			},
		},
	})
	if st := p.grantState(testScopeName, otherOrgno); st != fakeportal.GrantDenied {
		t.Errorf("after destroy the grant is %q, want DENIED", st)
	}
}

// A typo in an organisation number stops the plan before any request.
func TestAccScopeAccess_badCheckDigit(t *testing.T) {
	t.Parallel()
	p := newTestPortal(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      scopeAccessConfig(p, badCheckOrgno),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)consumer_orgno.*` + badCheckOrgno + `.*check digit`),
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
	p := newTestPortal(t)
	consumers := fakeportal.SyntheticOrgnos(20)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: minimalScopeConfig(p) + `
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
			ConfigStateChecks: []statecheck.StateCheck{checkPortal(func() error {
				for _, c := range consumers {
					if st := p.grantState(testScopeName, c); st != fakeportal.GrantApproved {
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
	p := newTestPortal(t)
	deactivated := providerPrefix + ":persons/v1/old.read"
	p.seedScope(deactivated, false)
	p.Edit(func(st *fakeportal.State) { st.Scopes[deactivated].Active = false })
	grant := func(orgno, scope string) string {
		return p.providerConfig("", orgno) + `
resource "krr_scope_access" "x" {
  scope          = "` + scope + `"
  consumer_orgno = "` + otherOrgno + `"
}
`
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// The consumer organisation tries to share the provider's scope.
				Config:   grant(consumerOrgno, personScope),
				PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)Scope of another organisation.*belongs\s+to\s+organisation\s+` + providerOrgno +
					`\s+\(` + providerOrgName + `\):\s+only\s+a\s+scope's\s+owner\s+may\s+give\s+access.*act\s+for\s+organisation\s+` + consumerOrgno),
			},
			{
				Config:      grant(providerOrgno, "nosuch:persons/v1/person.read"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Scope cannot exist.*"nosuch"\s+is\s+not\s+any\s+organisation's\s+prefix`),
			},
			{
				Config:      grant(providerOrgno, providerPrefix+":never/made"),
				ExpectError: regexp.MustCompile(`(?s)does\s+not\s+exist\s+in\s+the\s+test\s+environment,\s+so\s+nothing\s+was\s+granted.*krr_scope.<name>.name.*correlation_id`),
			},
			{
				Config:      grant(providerOrgno, deactivated),
				ExpectError: regexp.MustCompile(`(?s)is\s+deactivated\s+in\s+the\s+test\s+environment,\s+so\s+nothing\s+was\s+granted.*correlation_id`),
			},
		},
	})
	for _, scope := range []string{personScope, providerPrefix + ":never/made", deactivated} {
		if st := p.grantState(scope, otherOrgno); st != "" {
			t.Errorf("a refused grant on %s is %q in the portal", scope, st)
		}
	}
	if n := p.RequestCount("PUT /scopes/access/{orgno}"); n != 2 {
		t.Errorf("want the two grants the plan could not rule out sent and refused, got %d PUTs", n)
	}
}
