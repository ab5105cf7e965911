package scopes_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// A refresh writes a grant's state only when the portal's grant differs
// from it (scopeAccessResource.Read), and then it does: a created date the
// portal now gives otherwise (here edited in the fake) reaches the state,
// with no change to plan, since it is computed.
func TestAccScopeAccess_refreshTakesWhatChanged(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	addr := "krr_scope_access.c" + acctest.ConsumerOrgno
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: scopeAccessConfig(p, acctest.ConsumerOrgno)},
			{
				PreConfig: func() {
					p.Edit(func(st *fakeportal.State) {
						st.Grants[fakeportal.GrantKey{Scope: acctest.TestScopeName, Consumer: acctest.ConsumerOrgno}].Created = "2026-01-02T03:04:05.000+01:00"
					})
				},
				Config:           scopeAccessConfig(p, acctest.ConsumerOrgno),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("created"), knownvalue.StringExact("2026-01-02T03:04:05.000+01:00")),
				},
			},
		},
	})
}
