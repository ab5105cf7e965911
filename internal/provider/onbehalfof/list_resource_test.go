package onbehalfof_test

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

// terraform query lists the records of the organisation's clients that may
// hold them, as krr_client_onbehalfof holds them: a client without records
// (the portal's "does not have any") and a Maskinporten client add none, a
// deactivated client's records are listed only when asked for, and
// client_id narrows the list.
func TestAccOnBehalfOfList(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	const (
		krrClient = "krr-client-list"
		idporten  = "idporten-client-list"
		empty     = "krr-client-empty"
		retired   = "krr-client-retired"
		machine   = "maskinporten-client-list"
	)
	for _, id := range []string{krrClient, idporten, empty, retired} {
		seedKRRClient(p, id)
	}
	p.AddTestClient(machine, true)
	put := func(st *fakeportal.State, clientID, obo, name, orgno string) {
		st.OnBehalfOf[fakeportal.OnBehalfOfKey{ClientID: clientID, OnBehalfOf: obo}] = &fakeportal.OnBehalfOf{
			OnBehalfOf: obo, Name: name, Orgno: orgno, Description: "seeded", Created: "2026-01-01T00:00:00.000+01:00",
			LastUpdated: "2026-01-01T00:00:00.000+01:00"}
	}
	p.Edit(func(st *fakeportal.State) {
		st.Clients[idporten].IntegrationType = "idporten"
		st.Clients[retired].Active = false
		put(st, krrClient, "kunde-1", "Kunde En", acctest.OtherOrgno)
		put(st, krrClient, "kunde-2", "Kunde To", acctest.ConsumerOrgno)
		put(st, idporten, "kunde-1", "Kunde En", acctest.OtherOrgno)
		put(st, retired, "old", "Old customer", acctest.OtherOrgno)
		put(st, machine, "stray", "Cannot be made through the API", acctest.OtherOrgno)
	})
	byID := func(clientID, obo string) queryfilter.QueryFilter {
		return queryfilter.ByResourceIdentity(map[string]knownvalue.Check{
			"client_id": knownvalue.StringExact(clientID), "onbehalfof": knownvalue.StringExact(obo)})
	}
	identity := func(clientID, obo string) map[string]knownvalue.Check {
		return map[string]knownvalue.Check{"client_id": knownvalue.StringExact(clientID), "onbehalfof": knownvalue.StringExact(obo)}
	}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   acctest.Requires(acctest.ListResources),
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: p.ProviderConfig("", acctest.ProviderOrgno)},
			{
				Query: true,
				Config: `
list "krr_client_onbehalfof" "active" {
  provider         = krr
  include_resource = true
}

list "krr_client_onbehalfof" "all" {
  provider = krr
  config {
    include_inactive = true
  }
}

list "krr_client_onbehalfof" "one" {
  provider = krr
  config {
    client_id = "` + idporten + `"
  }
}

list "krr_client_onbehalfof" "none" {
  provider = krr
  config {
    client_id = "` + empty + `"
  }
}
`,
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("krr_client_onbehalfof.active", 3),
					querycheck.ExpectIdentity("krr_client_onbehalfof.active", identity(krrClient, "kunde-1")),
					querycheck.ExpectIdentity("krr_client_onbehalfof.active", identity(krrClient, "kunde-2")),
					querycheck.ExpectIdentity("krr_client_onbehalfof.active", identity(idporten, "kunde-1")),
					querycheck.ExpectResourceDisplayName("krr_client_onbehalfof.active", byID(krrClient, "kunde-2"),
						knownvalue.StringExact("Kunde To ("+acctest.ConsumerOrgno+") on client "+krrClient)),
					querycheck.ExpectResourceKnownValues("krr_client_onbehalfof.active", byID(krrClient, "kunde-1"), []querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("id"), KnownValue: knownvalue.StringExact(krrClient + "::kunde-1")},
						{Path: tfjsonpath.New("name"), KnownValue: knownvalue.StringExact("Kunde En")},
						{Path: tfjsonpath.New("orgno"), KnownValue: knownvalue.StringExact(acctest.OtherOrgno)},
						{Path: tfjsonpath.New("description"), KnownValue: knownvalue.StringExact("seeded")},
					}),
					querycheck.ExpectLength("krr_client_onbehalfof.all", 4),
					querycheck.ExpectIdentity("krr_client_onbehalfof.all", identity(retired, "old")),
					querycheck.ExpectLength("krr_client_onbehalfof.one", 1),
					querycheck.ExpectIdentity("krr_client_onbehalfof.one", identity(idporten, "kunde-1")),
					querycheck.ExpectLength("krr_client_onbehalfof.none", 0),
				},
			},
		},
	})
}
