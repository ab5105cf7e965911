package scopes_test

import (
	"fmt"
	"regexp"
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

func TestAccScope_lifecycle(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	addr := "krr_scope.persons"
	full := p.ProviderConfig("", acctest.ProviderOrgno) + `
resource "krr_scope" "persons" {
  prefix                        = "` + acctest.ProviderPrefix + `"
  subscope                      = "persons/v1/person.read"
  description                   = "Read persons, changed"
  long_description              = "Gives **read** access."
  visibility                    = "PRIVATE"
  token_type                    = "OPAQUE"
  allowed_integration_types     = ["maskinporten", "krr"]
  at_max_age                    = 300
  authorization_max_lifetime    = 600
  requires_user_consent         = true
  requires_user_authentication  = true
  requires_pseudonymous_tokens  = true
  accessible_for_all            = true
  delegation_source             = "https://tt02.altinn.no/"
  enforced_aud_for_access_token = "https://api.example.test/"
  revoke_access_on_destroy      = false
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				// Only the required arguments: the defaults are the portal's,
				// so the plan after apply is empty.
				Config: acctest.MinimalScopeConfig(p),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact(acctest.TestScopeName)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(acctest.TestScopeName)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("owner_orgno"), knownvalue.StringExact(acctest.ProviderOrgno)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("active"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("visibility"), knownvalue.StringExact("PUBLIC")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("token_type"), knownvalue.StringExact("SELF_CONTAINED")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("allowed_integration_types"), knownvalue.SetSizeExact(0)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("revoke_access_on_destroy"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("created"), knownvalue.NotNull()),
					acctest.CheckPortal(func() error {
						s, ok := p.Scope(acctest.TestScopeName)
						if !ok || !s.Active || s.Description != "Read persons" || s.OwnerOrgno != acctest.ProviderOrgno {
							return fmt.Errorf("portal holds %+v (found %v)", s, ok)
						}
						return nil
					}),
				},
			},
			{
				// Every changeable argument at once, in place.
				Config: full,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("visibility"), knownvalue.StringExact("PRIVATE")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("allowed_integration_types"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact("krr"), knownvalue.StringExact("maskinporten"),
					})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("at_max_age"), knownvalue.Int64Exact(300)),
					acctest.CheckPortal(func() error {
						s, _ := p.Scope(acctest.TestScopeName)
						if s.Description != "Read persons, changed" || s.LongDescription != "Gives **read** access." ||
							s.Visibility != "PRIVATE" || s.TokenType != "OPAQUE" || len(s.AllowedIntegrationTypes) != 2 ||
							s.AtMaxAge != 300 || s.AuthorizationMaxLifetime != 600 || !s.RequiresUserConsent ||
							!s.RequiresUserAuthentication || !s.RequiresPseudonymousTokens || !s.AccessibleForAll ||
							s.DelegationSource != "https://tt02.altinn.no/" ||
							s.EnforcedAudForAccessToken != "https://api.example.test/" || !s.Active {
							return fmt.Errorf("portal did not get every change: %+v", s)
						}
						return nil
					}),
				},
			},
			{
				ResourceName:      addr,
				ImportState:       true,
				ImportStateId:     acctest.TestScopeName,
				ImportStateVerify: true,
				// A provider-side setting the portal does not hold: import
				// takes the default.
				ImportStateVerifyIgnore: []string{"revoke_access_on_destroy"},
			},
			{
				// Leaving the arguments out puts the portal's defaults back.
				Config: acctest.MinimalScopeConfig(p),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					acctest.CheckPortal(func() error {
						s, _ := p.Scope(acctest.TestScopeName)
						if s.Visibility != "PUBLIC" || s.TokenType != "SELF_CONTAINED" || s.AccessibleForAll ||
							len(s.AllowedIntegrationTypes) != 0 || s.DelegationSource != "" || s.AtMaxAge != 0 {
							return fmt.Errorf("defaults not restored: %+v", s)
						}
						return nil
					}),
				},
			},
		},
		CheckDestroy: func(_ *terraform.State) error {
			if s, _ := p.Scope(acctest.TestScopeName); s.Active {
				return fmt.Errorf("scope still active after destroy")
			}
			return nil
		},
	})
}

// Changes made in the web portal show up in the next plan as exactly their
// repair, and applying it converges.
func TestAccScope_drift(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	addr := "krr_scope.persons"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: acctest.MinimalScopeConfig(p)},
			{
				PreConfig: func() {
					p.Edit(func(st *fakeportal.State) {
						st.Scopes[acctest.TestScopeName].Description = "Edited in the web portal"
						st.Scopes[acctest.TestScopeName].AllowedIntegrationTypes = []string{"idporten"}
					})
				},
				Config: acctest.MinimalScopeConfig(p),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						acctest.ExpectChangedAttributes(addr, "description", "allowed_integration_types"),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{acctest.CheckPortal(func() error {
					if s, _ := p.Scope(acctest.TestScopeName); s.Description != "Read persons" || len(s.AllowedIntegrationTypes) != 0 {
						return fmt.Errorf("drift not repaired: %+v", s)
					}
					return nil
				})},
			},
			{
				// Someone clicked "Deaktiver": the plan creates it again, and
				// the create brings the scope back with PUT.
				PreConfig: func() {
					p.Edit(func(st *fakeportal.State) { st.Scopes[acctest.TestScopeName].Active = false })
					p.ResetRequestCounts()
				},
				Config: acctest.MinimalScopeConfig(p),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{acctest.CheckPortal(func() error {
					if s, _ := p.Scope(acctest.TestScopeName); !s.Active {
						return fmt.Errorf("scope not reactivated")
					}
					if n := p.RequestCount("PUT /scopes"); n != 1 {
						return fmt.Errorf("want 1 PUT /scopes to reactivate, got %d", n)
					}
					return nil
				})},
			},
		},
	})
}

// Destroy revokes the approved grants first, then deactivates; applying
// again brings the scope back.
func TestAccScope_destroyRevokesThenApplyReactivates(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	grantOutsideTerraform := func() {
		p.Edit(func(st *fakeportal.State) {
			for _, consumer := range []string{acctest.ConsumerOrgno, acctest.OtherOrgno} {
				st.Grants[fakeportal.GrantKey{Scope: acctest.TestScopeName, Consumer: consumer}] = &fakeportal.Grant{
					Scope: acctest.TestScopeName, OwnerOrgno: acctest.ProviderOrgno, ConsumerOrgno: consumer, State: fakeportal.GrantApproved,
				}
			}
		})
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: acctest.MinimalScopeConfig(p)},
			{
				PreConfig: grantOutsideTerraform,
				Config:    p.ProviderConfig("", acctest.ProviderOrgno),
				ConfigStateChecks: []statecheck.StateCheck{acctest.CheckPortal(func() error {
					if s, _ := p.Scope(acctest.TestScopeName); s.Active {
						return fmt.Errorf("scope still active after destroy")
					}
					for _, consumer := range []string{acctest.ConsumerOrgno, acctest.OtherOrgno} {
						if st := p.GrantState(acctest.TestScopeName, consumer); st != fakeportal.GrantDenied {
							return fmt.Errorf("grant to %s is %s after destroy, want DENIED", consumer, st)
						}
					}
					return nil
				})},
			},
			{
				Config: acctest.MinimalScopeConfig(p),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("krr_scope.persons", tfjsonpath.New("active"), knownvalue.Bool(true)),
					acctest.CheckPortal(func() error {
						if s, _ := p.Scope(acctest.TestScopeName); !s.Active {
							return fmt.Errorf("scope not reactivated by a new apply")
						}
						return nil
					}),
				},
			},
		},
	})
}

func TestAccScope_keepGrantsOnDestroy(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	config := p.ProviderConfig("", acctest.ProviderOrgno) + `
resource "krr_scope" "persons" {
  prefix                   = "` + acctest.ProviderPrefix + `"
  subscope                 = "persons/v1/person.read"
  description              = "Read persons"
  revoke_access_on_destroy = false
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					p.Edit(func(st *fakeportal.State) {
						st.Grants[fakeportal.GrantKey{Scope: acctest.TestScopeName, Consumer: acctest.ConsumerOrgno}] = &fakeportal.Grant{
							Scope: acctest.TestScopeName, OwnerOrgno: acctest.ProviderOrgno, ConsumerOrgno: acctest.ConsumerOrgno, State: fakeportal.GrantApproved,
						}
					})
				},
				Config: p.ProviderConfig("", acctest.ProviderOrgno),
				ConfigStateChecks: []statecheck.StateCheck{acctest.CheckPortal(func() error {
					if st := p.GrantState(acctest.TestScopeName, acctest.ConsumerOrgno); st != fakeportal.GrantApproved {
						return fmt.Errorf("grant is %s, want it kept APPROVED", st)
					}
					return nil
				})},
			},
		},
	})
}

// A prefix the organisation does not own, and an organisation with no
// prefix at all, fail at plan with the FAQ's answer and write nothing.
func TestAccScope_prefixNotOwned(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	scope := func(prefix string) string {
		return `
resource "krr_scope" "x" {
  prefix      = "` + prefix + `"
  subscope    = "a.read"
  description = "x"
}
`
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      p.ProviderConfig("", acctest.ProviderOrgno) + scope("someoneelse"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)prefix "someoneelse" is not one of organisation\s+` + acctest.ProviderOrgno + `'s prefixes.*` + acctest.ProviderPrefix),
			},
			{
				Config:      p.ProviderConfig("", acctest.ConsumerOrgno) + scope("tl"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Organisation ` + acctest.ConsumerOrgno + ` has no scope prefix.*servicedesk@digdir\.no`),
			},
		},
	})
	if n := p.WriteCount(); n != 0 {
		t.Errorf("a refused plan sent %d writes: %v", n, p.RequestCounts())
	}
}

func TestAccScope_existingActiveScopeSaysImport(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	p.Edit(func(st *fakeportal.State) {
		st.Scopes[acctest.TestScopeName] = &fakeportal.Scope{
			Name: acctest.TestScopeName, Prefix: acctest.ProviderPrefix, Subscope: "persons/v1/person.read", Description: "made by hand",
			Active: true, OwnerOrgno: acctest.ProviderOrgno, TokenType: "SELF_CONTAINED", Visibility: "PUBLIC",
			AllowedIntegrationTypes: []string{},
		}
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      acctest.MinimalScopeConfig(p),
			ExpectError: regexp.MustCompile(`(?s)already exists and is active.*terraform import krr_scope`),
		}},
	})
}

func TestAccScope_invalidArguments(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	bad := func(attrs string) string {
		return p.ProviderConfig("", acctest.ProviderOrgno) + "resource \"krr_scope\" \"x\" {\n" + attrs + "\n}\n"
	}
	long := regexp.MustCompile(`.`).ReplaceAllString(fmt.Sprintf("%256d", 0), "x")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: bad(`prefix = "tl"` + "\n" + `subscope = "a b"` + "\n" + `description = "x"`), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)subscope.*whitespace`)},
			{Config: bad(`prefix = "tl"` + "\n" + `subscope = "a"` + "\n" + `description = ""`), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)description.*length must be between 1 and 255`)},
			{Config: bad(`prefix = "tl"` + "\n" + `subscope = "a"` + "\n" + `description = "` + long + `"`), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)description.*length must be between 1 and 255`)},
			{Config: bad(`prefix = "tl"` + "\n" + `subscope = "a"` + "\n" + `description = "   "`), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)Blank value.*description: must hold more than whitespace`)},
			{Config: bad(`prefix = "tl"` + "\n" + `subscope = "a"` + "\n" + `description = "x"` + "\n" + `long_description = "\t \n"`), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)Blank value.*long_description: must hold more than whitespace`)},
			{Config: bad(`prefix = "tl"` + "\n" + `subscope = "a"` + "\n" + `description = "x"` + "\n" + `visibility = "INTERNAL"`), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)visibility.*PUBLIC.*PRIVATE`)},
			{Config: bad(`prefix = "tl"` + "\n" + `subscope = "a"` + "\n" + `description = "x"` + "\n" + `allowed_integration_types = ["fax"]`), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)allowed_integration_types.*maskinporten`)},
		},
	})
	if n := len(p.RequestCounts()); n != 0 {
		t.Errorf("invalid arguments sent requests: %v", p.RequestCounts())
	}
}

// Each requires_* flag on its own reaches the portal as that flag and no
// other: set all at once, a mix-up between them would not show.
func TestAccScope_requiresFlagsEachOnItsOwn(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	flags := []string{"requires_user_consent", "requires_user_authentication", "requires_pseudonymous_tokens"}
	held := func(s fakeportal.Scope) map[string]bool {
		return map[string]bool{
			"requires_user_consent":        s.RequiresUserConsent,
			"requires_user_authentication": s.RequiresUserAuthentication,
			"requires_pseudonymous_tokens": s.RequiresPseudonymousTokens,
		}
	}
	var steps []resource.TestStep
	for _, flag := range flags {
		config := p.ProviderConfig("", acctest.ProviderOrgno) + `
resource "krr_scope" "persons" {
  prefix      = "` + acctest.ProviderPrefix + `"
  subscope    = "persons/v1/person.read"
  description = "Read persons"
  ` + flag + ` = true
}
`
		checks := []statecheck.StateCheck{acctest.CheckPortal(func() error {
			s, _ := p.Scope(acctest.TestScopeName)
			for name, on := range held(s) {
				if on != (name == flag) {
					return fmt.Errorf("with only %s set, the portal has %s = %v", flag, name, on)
				}
			}
			return nil
		})}
		for _, other := range flags {
			checks = append(checks, statecheck.ExpectKnownValue("krr_scope.persons", tfjsonpath.New(other), knownvalue.Bool(other == flag)))
		}
		steps = append(steps, resource.TestStep{
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: checks,
		})
	}
	resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProviderFactories, Steps: steps})
}
