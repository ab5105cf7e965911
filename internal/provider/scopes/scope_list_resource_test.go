package scopes_test

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

// terraform query lists the organisation's active scopes and their
// approved grants, as krr_scope and krr_scope_access hold them; another
// organisation's scope, a deactivated scope and a grant that is only
// requested are left out, and the filters narrow the lists.
func TestAccScopeList(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	const (
		persons  = acctest.ProviderPrefix + ":list/v1/person.read"
		address  = acctest.ProviderPrefix + ":list/v1/address.read"
		retired  = acctest.ProviderPrefix + ":list/v1/retired.read"
		others   = "idporten:list/other.read"
		consumer = acctest.ConsumerOrgno
	)
	p.SeedScope(retired, false)
	p.SeedScope(others, true)
	requested := fakeportal.SyntheticOrgnos(1)[0]
	p.Edit(func(st *fakeportal.State) {
		st.Scopes[retired].Active = false
		st.Scopes[others].OwnerOrgno = acctest.OtherOrgno
	})
	provider := p.ProviderConfig("", acctest.ProviderOrgno)
	made := provider + `
resource "krr_scope" "persons" {
  prefix      = "` + acctest.ProviderPrefix + `"
  subscope    = "list/v1/person.read"
  description = "Read persons"
}

resource "krr_scope" "address" {
  prefix      = "` + acctest.ProviderPrefix + `"
  subscope    = "list/v1/address.read"
  description = "Read addresses"
}

resource "krr_scope_access" "persons" {
  scope          = krr_scope.persons.name
  consumer_orgno = "` + consumer + `"
}
`
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   acctest.Requires(acctest.ListResources),
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: made},
			{
				PreConfig: func() {
					p.Edit(func(st *fakeportal.State) {
						st.Grants[fakeportal.GrantKey{Scope: address, Consumer: requested}] = &fakeportal.Grant{
							Scope: address, OwnerOrgno: acctest.ProviderOrgno, ConsumerOrgno: requested, State: fakeportal.GrantRequested}
					})
				},
				Query: true,
				// The list blocks only: terraform query reads the provider
				// block from the configuration of the step before.
				Config: `
list "krr_scope" "all" {
  provider         = krr
  include_resource = true
}

list "krr_scope" "elsewhere" {
  provider = krr
  config {
    prefix = "nope"
  }
}

list "krr_scope_access" "all" {
  provider         = krr
  include_resource = true
}

list "krr_scope_access" "address" {
  provider = krr
  config {
    scope = "` + address + `"
  }
}
`,
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("krr_scope.all", 2),
					querycheck.ExpectIdentity("krr_scope.all", map[string]knownvalue.Check{"name": knownvalue.StringExact(persons)}),
					querycheck.ExpectIdentity("krr_scope.all", map[string]knownvalue.Check{"name": knownvalue.StringExact(address)}),
					querycheck.ExpectResourceDisplayName("krr_scope.all",
						queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"name": knownvalue.StringExact(persons)}),
						knownvalue.StringExact(persons+" (Read persons)")),
					querycheck.ExpectResourceKnownValues("krr_scope.all",
						queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"name": knownvalue.StringExact(address)}),
						[]querycheck.KnownValueCheck{
							{Path: tfjsonpath.New("subscope"), KnownValue: knownvalue.StringExact("list/v1/address.read")},
							{Path: tfjsonpath.New("description"), KnownValue: knownvalue.StringExact("Read addresses")},
							{Path: tfjsonpath.New("revoke_access_on_destroy"), KnownValue: knownvalue.Bool(true)},
						}),
					querycheck.ExpectLength("krr_scope.elsewhere", 0),
					querycheck.ExpectLength("krr_scope_access.all", 1),
					querycheck.ExpectIdentity("krr_scope_access.all", map[string]knownvalue.Check{
						"scope": knownvalue.StringExact(persons), "consumer_orgno": knownvalue.StringExact(consumer)}),
					querycheck.ExpectResourceDisplayName("krr_scope_access.all",
						queryfilter.ByResourceIdentity(map[string]knownvalue.Check{
							"scope": knownvalue.StringExact(persons), "consumer_orgno": knownvalue.StringExact(consumer)}),
						knownvalue.StringExact(persons+" for "+acctest.ConsumerOrgName+" ("+consumer+")")),
					querycheck.ExpectResourceKnownValues("krr_scope_access.all",
						queryfilter.ByResourceIdentity(map[string]knownvalue.Check{
							"scope": knownvalue.StringExact(persons), "consumer_orgno": knownvalue.StringExact(consumer)}),
						[]querycheck.KnownValueCheck{{Path: tfjsonpath.New("state"), KnownValue: knownvalue.StringExact("APPROVED")}}),
					querycheck.ExpectLength("krr_scope_access.address", 0),
				},
			},
		},
	})
}
