package clients_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

func TestAccClientsDataSource(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	p.SeedScope(acctest.PersonScope, true)
	// A client deactivated long ago in the web portal.
	p.Edit(func(st *fakeportal.State) {
		st.Clients["11111111-1111-4111-8111-111111111111"] = &fakeportal.Client{
			ClientID: "11111111-1111-4111-8111-111111111111", ClientName: "Old", Description: "retired",
			ClientOrgno: acctest.ConsumerOrgno, IntegrationType: "maskinporten", ApplicationType: "web",
			TokenEndpointAuthMethod: "private_key_jwt", GrantTypes: []string{"urn:ietf:params:oauth:grant-type:jwt-bearer"},
			Scopes: []string{acctest.PersonScope}, AccessTokenLifetime: 120, AuthorizationLifetime: 7200, RefreshTokenLifetime: 600,
		}
	})
	// A login client (krr_login_client's kind), listed with the rest.
	loginID := "22222222-2222-4222-8222-222222222222"
	p.AddLoginClient(loginID, acctest.ConsumerOrgno)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: p.ProviderConfig("", acctest.ConsumerOrgno) + `
resource "krr_client" "a" {
  client_name = "A"
  description = "first"
  scopes      = ["` + acctest.PersonScope + `"]
}

resource "krr_client" "b" {
  client_name      = "B"
  description      = "second"
  integration_type = "krr"
  # a krr client carries exactly KRR's two machine look-up scopes
  scopes           = ["krr:global/kontaktinformasjon.read", "krr:global/digitalpost.read"]
}

data "krr_clients" "active" {
  depends_on = [krr_client.a, krr_client.b]
}

data "krr_clients" "api_klient" {
  integration_type = "api_klient"
  depends_on       = [krr_client.a, krr_client.b]
}

data "krr_clients" "maskinporten_all" {
  integration_type = "maskinporten"
  include_inactive = true
  depends_on       = [krr_client.a, krr_client.b]
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.krr_clients.active", tfjsonpath.New("clients"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"client_name": knownvalue.StringExact("A"),
						"redirect_uris": knownvalue.SetSizeExact(0)}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"client_name": knownvalue.StringExact("B"),
						"integration_type": knownvalue.StringExact("krr")}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"client_id": knownvalue.StringExact(loginID),
						"integration_type": knownvalue.StringExact("api_klient")}),
				})),
				statecheck.ExpectKnownValue("data.krr_clients.api_klient", tfjsonpath.New("clients"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"client_id":                  knownvalue.StringExact(loginID),
						"token_endpoint_auth_method": knownvalue.StringExact("client_secret_basic"),
						"redirect_uris":              knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("https://minside.example.no/callback")}),
						"post_logout_redirect_uris":  knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("https://minside.example.no/")}),
						"code_challenge_method":      knownvalue.StringExact("S256"),
						"refresh_token_usage":        knownvalue.StringExact("ONETIME"),
						"scopes": knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("openid"),
							knownvalue.StringExact("profile"), knownvalue.StringExact("krr:user/kontaktinformasjon.read")}),
					}),
				})),
				statecheck.ExpectKnownValue("data.krr_clients.maskinporten_all", tfjsonpath.New("clients"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"client_name": knownvalue.StringExact("A")}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"client_name": knownvalue.StringExact("Old"),
						"active": knownvalue.Bool(false)}),
				})),
				statecheck.ExpectKnownValue("data.krr_clients.maskinporten_all", tfjsonpath.New("client_ids").AtSliceIndex(1),
					knownvalue.StringExact("11111111-1111-4111-8111-111111111111")),
			},
		}},
	})
}
