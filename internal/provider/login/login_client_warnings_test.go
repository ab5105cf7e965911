package login_test

import (
	"testing"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// What the plan only advises, or cannot be sure of, is a warning, never a
// refusal: lifetimes against Digdir's recommendation (access < refresh ≤
// authorization); a scope not shared yet, which a grant in the same apply
// could still make usable; a secret for a login client the portal holds
// without a secret method, which another resource of the same apply could
// still change. Plans write nothing. (Warnings are read through terraform
// itself.)
func TestLoginClient_planWarnings(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	p.SeedScope(acctest.PersonScope, false) // exists, not shared
	p.Edit(func(st *fakeportal.State) {
		st.Clients[browserClientID] = &fakeportal.Client{ClientID: browserClientID, ClientName: "SPA", Description: "x",
			ClientOrgno: acctest.ConsumerOrgno, IntegrationType: "idporten", ApplicationType: "browser",
			TokenEndpointAuthMethod: "none", GrantTypes: []string{"authorization_code"}, Scopes: []string{"openid"},
			RedirectURIs: []string{"https://spa.example.no/"}, Active: true}
	})
	d := acctest.NewReattachedTFDir(t, loginConfig(p, loginClientBlock(`integration_type = "api_klient"`, `client_name = "x"`,
		`description = "x"`, `token_endpoint_auth_method = "private_key_jwt"`, `redirect_uris = ["https://app.example.no/cb"]`,
		`scopes = ["openid", "`+acctest.PersonScope+`"]`, `access_token_lifetime = 900`, `refresh_token_lifetime = 600`)+`
resource "krr_client_secret" "spa" {
  client_id = "`+browserClientID+`"
}
`))
	out := d.MustRun("plan", "-input=false")
	acctest.ExpectText(t, "the plan", out,
		"Warning: Lifetimes against Digdir's advice",
		"access_token_lifetime is 900, refresh_token_lifetime 600 and authorization_lifetime 7200 seconds",
		"The portal takes these values; this is advice only.",
		"Warning: Scope not shared with the organisation (checked again at apply)",
		"Warning: Client cannot have a secret now (checked again at apply)",
		`Client `+browserClientID+` (SPA) has token_endpoint_auth_method "none"`)
	if n := p.WriteCount(); n != 0 {
		t.Errorf("a plan wrote to the portal: %v", p.RequestCounts())
	}
}
