package scopes_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// The grant data source lists every grant of a scope, in any state, and
// approved_consumers only the APPROVED ones: here two grants made by
// Terraform, and, made in the portal, one revoked and one waiting for
// approval.
func TestAccScopeAccessDataSource(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	extra := fakeportal.SyntheticOrgnos(2)
	revoked, requested := extra[0], extra[1]
	dataSource := `
data "krr_scope_access" "public" {
  scope      = krr_scope.public.name
  depends_on = [krr_scope_access.consumer, krr_scope_access.other]
}
`
	scope := acctest.ProviderPrefix + ":catalogue/public.read"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: scopeFixtureConfig(p, "")},
			{
				PreConfig: func() {
					p.Edit(func(st *fakeportal.State) {
						for orgno, state := range map[string]string{revoked: fakeportal.GrantDenied, requested: fakeportal.GrantRequested} {
							st.Grants[fakeportal.GrantKey{Scope: scope, Consumer: orgno}] = &fakeportal.Grant{
								Scope: scope, OwnerOrgno: acctest.ProviderOrgno, ConsumerOrgno: orgno, State: state}
						}
					})
				},
				Config: scopeFixtureConfig(p, dataSource),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.krr_scope_access.public", tfjsonpath.New("approved_consumers"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(acctest.ConsumerOrgno), knownvalue.StringExact(acctest.OtherOrgno)})),
					statecheck.ExpectKnownValue("data.krr_scope_access.public", tfjsonpath.New("grants"), knownvalue.ListSizeExact(4)),
					statecheck.ExpectKnownValue("data.krr_scope_access.public", tfjsonpath.New("grants").AtSliceIndex(0), knownvalue.ObjectPartial(
						map[string]knownvalue.Check{
							"consumer_orgno":             knownvalue.StringExact(acctest.ConsumerOrgno),
							"consumer_organization_name": knownvalue.StringExact(acctest.ConsumerOrgName),
							"state":                      knownvalue.StringExact("APPROVED"),
						})),
					statecheck.ExpectKnownValue("data.krr_scope_access.public", tfjsonpath.New("grants").AtSliceIndex(2), knownvalue.ObjectPartial(
						map[string]knownvalue.Check{
							"consumer_orgno": knownvalue.StringExact(revoked),
							"state":          knownvalue.StringExact("DENIED"),
						})),
					statecheck.ExpectKnownValue("data.krr_scope_access.public", tfjsonpath.New("grants").AtSliceIndex(3), knownvalue.ObjectPartial(
						map[string]knownvalue.Check{
							"consumer_orgno": knownvalue.StringExact(requested),
							"state":          knownvalue.StringExact("REQUESTED"),
						})),
				},
			},
		},
	})
}
