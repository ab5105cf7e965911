package scopes_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// clearable are the scope's optional strings that a PUT leaving them out may
// not clear in the portal (portal-api.md §11), as the fake does not.
var clearable = map[string]string{
	"long_description":              "Gives **read** access.",
	"delegation_source":             "https://tt02.altinn.no/",
	"enforced_aud_for_access_token": "https://api.example.test/",
}

// Set, then cleared by leaving them out of the configuration: the provider
// sends each one explicitly empty, so the portal holds "" and the plan after
// is empty. Left out of the PUT, the portal would keep the old values.
func TestAccScope_clearOptionalStrings(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	addr := "krr_scope.persons"
	set := p.ProviderConfig("", acctest.ProviderOrgno) + `
resource "krr_scope" "persons" {
  prefix      = "` + acctest.ProviderPrefix + `"
  subscope    = "persons/v1/person.read"
  description = "Read persons"
`
	for attr, v := range clearable {
		set += fmt.Sprintf("  %s = %q\n", attr, v)
	}
	set += "}\n"
	held := func(want func(attr string) string) statecheck.StateCheck {
		return acctest.CheckPortal(func() error {
			s, _ := p.Scope(acctest.TestScopeName)
			got := map[string]string{"long_description": s.LongDescription, "delegation_source": s.DelegationSource,
				"enforced_aud_for_access_token": s.EnforcedAudForAccessToken}
			for attr := range clearable {
				if got[attr] != want(attr) {
					return fmt.Errorf("the portal holds %s = %q, want %q", attr, got[attr], want(attr))
				}
			}
			return nil
		})
	}
	var cleared []statecheck.StateCheck
	for attr := range clearable {
		cleared = append(cleared, statecheck.ExpectKnownValue(addr, tfjsonpath.New(attr), knownvalue.StringExact("")))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:            set,
				ConfigStateChecks: []statecheck.StateCheck{held(func(attr string) string { return clearable[attr] })},
			},
			{
				Config: acctest.MinimalScopeConfig(p),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						acctest.ExpectChangedAttributes(addr, "long_description", "delegation_source", "enforced_aud_for_access_token"),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: append(cleared, held(func(string) string { return "" })),
			},
		},
	})
}

// A scope made in the web portal, whose unset strings the portal answers as
// "" (portal-api.md §11, and the fake's default), imports and plans clean
// with a configuration that leaves them out.
func TestAccScope_explicitEmptyAnswersPlanClean(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	p.Edit(func(st *fakeportal.State) {
		st.Scopes[acctest.TestScopeName] = &fakeportal.Scope{Name: acctest.TestScopeName, Prefix: acctest.ProviderPrefix,
			Subscope: "persons/v1/person.read", Description: "Read persons", Active: true, OwnerOrgno: acctest.ProviderOrgno,
			AllowedIntegrationTypes: []string{}, TokenType: "SELF_CONTAINED", Visibility: "PUBLIC",
			Created: "2025-06-04T13:27:56.597Z", LastUpdated: "2025-06-04T13:27:56.597Z"}
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.MinimalScopeConfig(p) + `
import {
  to = krr_scope.persons
  id = "` + acctest.TestScopeName + `"
}
`,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction("krr_scope.persons", plancheck.ResourceActionNoop)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("krr_scope.persons", tfjsonpath.New("delegation_source"), knownvalue.StringExact("")),
				statecheck.ExpectKnownValue("krr_scope.persons", tfjsonpath.New("long_description"), knownvalue.StringExact("")),
			},
		}},
	})
}
