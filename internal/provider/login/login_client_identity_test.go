package login_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

func identityConfig(p *acctest.Portal, description string) string {
	return loginConfig(p, loginClientBlock(`client_id = "`+idportenClientID+`"`, `integration_type = "idporten"`,
		`client_name = "Min side"`, `description = "`+description+`"`, `token_endpoint_auth_method = "client_secret_basic"`,
		`redirect_uris = ["https://minside.example.no/callback"]`))
}

// krr_login_client's identity is its client id: set on create, kept
// through an update, and what an import block with identity takes, beside
// one with the id. (The resource is new, with identity from its first
// version: there is no state from before identity to upgrade.)
func TestAccLoginClientIdentity(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	identity := acctest.ExpectIdentity(loginAddr, map[string]string{"client_id": idportenClientID})
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   acctest.Requires(acctest.Identity),
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: identityConfig(p, "x") + `
import {
  to       = krr_login_client.app
  identity = { client_id = "not an id" }
}
`,
				ExpectError: acctest.PhraseRegexp(`Invalid import identity for krr_login_client`,
					`identity.client_id: "not an id" is not a client id`),
			},
			{Config: identityConfig(p, "x"), ConfigStateChecks: []statecheck.StateCheck{identity}},
			{Config: identityConfig(p, "y"), ConfigStateChecks: []statecheck.StateCheck{identity}},
			{ResourceName: loginAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithID, ImportStateId: idportenClientID},
			{ResourceName: loginAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity},
		},
	})
}

// Over the protocol: import by identity answers the identity; a client
// that is not a login client is refused by the read that follows an
// import; a read of a client gone from the portal removes it, with its
// identity set.
func TestLoginClientIdentity_overProtocol(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	p.AddTestClient(acctest.ConsumerClientID, true) // a maskinporten client
	pp := acctest.NewTokenProtocol(t, p, acctest.ProviderOrgno)
	acctest.ExpectImportByIdentityRefused(t, p, pp, "krr_login_client", map[string]tftypes.Value{"client_id": acctest.Str("a b")},
		"Invalid import identity for krr_login_client", "identity.client_id:", "is not a client id")
	got, diags := pp.ImportByIdentity("krr_login_client", map[string]tftypes.Value{"client_id": acctest.Str(acctest.ConsumerClientID)})
	acctest.RequireNoErrors(t, "import by identity", diags)
	acctest.CheckIdentityValues(t, "import", got, map[string]string{"client_id": acctest.ConsumerClientID})

	_, _, diags = pp.ReadWithoutIdentity("krr_login_client", map[string]tftypes.Value{"id": acctest.Str(acctest.ConsumerClientID)})
	if text := acctest.DiagText(diags, tfprotov6.DiagnosticSeverityError); !containsAll(text, "is not a login client", "Manage maskinporten and krr clients with krr_client") {
		t.Errorf("reading a maskinporten client as a login client: %q", text)
	}
	kept, ident, diags := pp.ReadWithoutIdentity("krr_login_client", map[string]tftypes.Value{"id": acctest.Str(nativeClientID)})
	acctest.RequireNoErrors(t, "read of a gone client", diags)
	if kept {
		t.Error("a client gone from the portal was kept in state")
	}
	acctest.CheckIdentityValues(t, "read of a gone client", ident, map[string]string{"client_id": nativeClientID})
}

// terraform query lists the organisation's login clients as
// krr_login_client holds them, of one kind when asked, the deactivated
// ones when asked; krr_client's list does not show them.
func TestAccLoginClientList(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	p.AddTestClient(acctest.ConsumerClientID, true) // maskinporten, of the provider organisation
	login := func(id, kind, name string, active bool) {
		p.Edit(func(st *fakeportal.State) {
			st.Clients[id] = &fakeportal.Client{ClientID: id, ClientName: name, Description: "x", ClientOrgno: acctest.ProviderOrgno,
				IntegrationType: kind, ApplicationType: "web", TokenEndpointAuthMethod: "client_secret_basic",
				GrantTypes: []string{"authorization_code"}, Scopes: []string{"openid", "profile"},
				RedirectURIs: []string{"https://" + kind + ".example.no/cb"}, CodeChallengeMethod: "S256", RefreshTokenUsage: "ONETIME",
				SSODisabled: kind == "ansattporten", AccessTokenLifetime: 120, AuthorizationLifetime: 7200, RefreshTokenLifetime: 600,
				Active: active}
		})
	}
	login(idportenClientID, "idporten", "Min side", true)
	login(apiKlientClientID, "api_klient", "Kontaktinfo", true)
	login(ansattportenClientID, "ansattporten", "Intranett", true)
	login(browserClientID, "idporten", "Retired", false)
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
list "krr_login_client" "active" {
  provider         = krr
  include_resource = true
}

list "krr_login_client" "all" {
  provider = krr
  config {
    include_inactive = true
  }
}

list "krr_login_client" "api" {
  provider = krr
  config {
    integration_type = "api_klient"
  }
}

list "krr_client" "machines" {
  provider = krr
}
`,
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("krr_login_client.active", 3),
					querycheck.ExpectIdentity("krr_login_client.active", map[string]knownvalue.Check{"client_id": knownvalue.StringExact(idportenClientID)}),
					querycheck.ExpectIdentity("krr_login_client.active", map[string]knownvalue.Check{"client_id": knownvalue.StringExact(apiKlientClientID)}),
					querycheck.ExpectIdentity("krr_login_client.active", map[string]knownvalue.Check{"client_id": knownvalue.StringExact(ansattportenClientID)}),
					querycheck.ExpectResourceDisplayName("krr_login_client.active", byID(apiKlientClientID),
						knownvalue.StringExact("Kontaktinfo (api_klient, "+apiKlientClientID+")")),
					querycheck.ExpectResourceKnownValues("krr_login_client.active", byID(ansattportenClientID), []querycheck.KnownValueCheck{
						{Path: tfjsonpath.New("sso_disabled"), KnownValue: knownvalue.Bool(true)},
						{Path: tfjsonpath.New("integration_type"), KnownValue: knownvalue.StringExact("ansattporten")},
					}),
					querycheck.ExpectLength("krr_login_client.all", 4),
					querycheck.ExpectResourceDisplayName("krr_login_client.all", byID(browserClientID),
						knownvalue.StringExact("Retired (idporten, "+browserClientID+"), deactivated")),
					querycheck.ExpectLength("krr_login_client.api", 1),
					querycheck.ExpectLength("krr_client.machines", 1),
					querycheck.ExpectIdentity("krr_client.machines", map[string]knownvalue.Check{"client_id": knownvalue.StringExact(acctest.ConsumerClientID)}),
				},
			},
		},
	})
}
