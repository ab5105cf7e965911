package contacts_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// terraform query lists the merchant data once it is set, as
// krr_org_contacts holds it, and lists nothing while it is not.
func TestAccOrgContactsList(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	query := `
list "krr_org_contacts" "this" {
  provider         = krr
  include_resource = true
}
`
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   acctest.Requires(acctest.ListResources),
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: p.ProviderConfig("", acctest.ProviderOrgno)},
			{
				Query:             true,
				Config:            query,
				QueryResultChecks: []querycheck.QueryResultCheck{querycheck.ExpectLength("krr_org_contacts.this", 0)},
			},
			{
				PreConfig: func() {
					p.Edit(func(st *fakeportal.State) {
						st.Contacts[acctest.ProviderOrgno] = &fakeportal.OrgContacts{Orgno: acctest.ProviderOrgno,
							Invoice: &fakeportal.Invoice{Email: "faktura@example.no"}}
					})
				},
				Query:  true,
				Config: query,
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("krr_org_contacts.this", 1),
					querycheck.ExpectIdentity("krr_org_contacts.this", map[string]knownvalue.Check{
						"orgno": knownvalue.StringExact(acctest.ProviderOrgno)}),
					querycheck.ExpectResourceKnownValues("krr_org_contacts.this",
						queryfilter.ByDisplayName(knownvalue.StringExact("merchant data of organisation "+acctest.ProviderOrgno)),
						[]querycheck.KnownValueCheck{
							{Path: tfjsonpath.New("invoice").AtMapKey("email"), KnownValue: knownvalue.StringExact("faktura@example.no")},
						}),
				},
			},
		},
	})
}
