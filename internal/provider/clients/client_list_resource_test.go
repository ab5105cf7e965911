package clients_test

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

// terraform query lists the organisation's Maskinporten and KRR clients
// and their key sets, as krr_client and krr_client_jwks hold them: an
// ID-porten client is not one krr_client manages (krr_login_client does),
// but its keys are krr_client_jwks', a deactivated client is listed only
// when asked for, a client without keys has no key set, and
// integration_type and client_id narrow the lists.
func TestAccClientList(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	const (
		withKeys  = "3a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
		noKeys    = "4b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e"
		retired   = "5c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e6f"
		krrClient = "6d4e5f6a-7b8c-4d9e-9f0a-2b3c4d5e6f7a"
		idporten  = "7e5f6a7b-8c9d-4e0f-8a1b-3c4d5e6f7a8b"
	)
	for _, id := range []string{withKeys, noKeys, krrClient, idporten} {
		p.AddTestClient(id, true)
	}
	p.AddTestClient(retired, false)
	p.Edit(func(st *fakeportal.State) {
		st.Clients[withKeys].ClientName = "Case handling"
		st.Clients[krrClient].IntegrationType = "krr"
		st.Clients[idporten].IntegrationType = "idporten"
		st.JWKS[withKeys] = &fakeportal.KeySet{Keys: []fakeportal.JWK{{Kty: "RSA", Kid: "case-2026", Use: "sig", Alg: "RS256",
			N: acctest.JWKN(&acctest.TestKey("A").PublicKey), E: acctest.JWKE(&acctest.TestKey("A").PublicKey), Exp: 4102444800}}}
		st.JWKS[idporten] = &fakeportal.KeySet{Keys: []fakeportal.JWK{{Kty: "RSA", Kid: "login-2026", Use: "sig", Alg: "RS256",
			N: acctest.JWKN(&acctest.TestKey("B").PublicKey), E: acctest.JWKE(&acctest.TestKey("B").PublicKey), Exp: 4102444800}}}
	})
	byID := func(id string) queryfilter.QueryFilter {
		return queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"client_id": knownvalue.StringExact(id)})
	}
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   acctest.Requires(acctest.ListResources),
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: p.ProviderConfig("", acctest.ProviderOrgno)},
			{
				Query: true,
				Config: `
list "krr_client" "active" {
  provider         = krr
  include_resource = true
}

list "krr_client" "all" {
  provider = krr
  config {
    include_inactive = true
  }
}

list "krr_client" "krr" {
  provider = krr
  config {
    integration_type = "krr"
  }
}

list "krr_client_jwks" "all" {
  provider         = krr
  include_resource = true
}

list "krr_client_jwks" "one" {
  provider = krr
  config {
    client_id = "` + noKeys + `"
  }
}
`,
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("krr_client.active", 3),
					querycheck.ExpectIdentity("krr_client.active", map[string]knownvalue.Check{"client_id": knownvalue.StringExact(withKeys)}),
					querycheck.ExpectIdentity("krr_client.active", map[string]knownvalue.Check{"client_id": knownvalue.StringExact(noKeys)}),
					querycheck.ExpectIdentity("krr_client.active", map[string]knownvalue.Check{"client_id": knownvalue.StringExact(krrClient)}),
					querycheck.ExpectResourceDisplayName("krr_client.active", byID(withKeys),
						knownvalue.StringExact("Case handling (maskinporten, "+withKeys+")")),
					querycheck.ExpectResourceKnownValues("krr_client.active", byID(withKeys), []querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("client_name"), KnownValue: knownvalue.StringExact("Case handling")},
						{Path: tfjsonpath.New("active"), KnownValue: knownvalue.Bool(true)},
					}),
					querycheck.ExpectLength("krr_client.all", 4),
					querycheck.ExpectResourceDisplayName("krr_client.all", byID(retired),
						knownvalue.StringExact("jwks test "+retired+" (maskinporten, "+retired+"), deactivated")),
					querycheck.ExpectLength("krr_client.krr", 1),
					querycheck.ExpectIdentity("krr_client.krr", map[string]knownvalue.Check{"client_id": knownvalue.StringExact(krrClient)}),
					querycheck.ExpectLength("krr_client_jwks.all", 2),
					querycheck.ExpectIdentity("krr_client_jwks.all", map[string]knownvalue.Check{"client_id": knownvalue.StringExact(idporten)}),
					querycheck.ExpectResourceDisplayName("krr_client_jwks.all", byID(withKeys),
						knownvalue.StringExact("keys of Case handling (maskinporten, "+withKeys+"): case-2026")),
					querycheck.ExpectResourceKnownValues("krr_client_jwks.all", byID(withKeys), []querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("keys").AtMapKey("case-2026").AtMapKey("alg"), KnownValue: knownvalue.StringExact("RS256")},
					}),
					querycheck.ExpectLength("krr_client_jwks.one", 0),
				},
			},
		},
	})
}
