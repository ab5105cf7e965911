package login_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// A plan-time check never refuses a plan that would succeed: a redirect URI
// not known at plan (a known set holding an unknown element) may be the one
// the front-channel logout URI shares its host with, so the plan goes ahead
// and the apply succeeds.
func TestAccLoginClient_unknownRedirectNotRefusedAtPlan(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: loginConfig(p, `
resource "terraform_data" "uri" {
  input = "https://other.example.no/callback"
}
`+loginClientBlock(`integration_type = "idporten"`, `client_name = "x"`, `description = "x"`,
				`token_endpoint_auth_method = "client_secret_basic"`,
				`redirect_uris = ["https://app.example.no/callback", terraform_data.uri.output]`,
				`frontchannel_logout_uri = "https://other.example.no/logout"`)),
			ConfigStateChecks: []statecheck.StateCheck{
				stateIs("frontchannel_logout_uri", knownvalue.StringExact("https://other.example.no/logout")),
			},
		}},
	})
}

// What the plan could not judge is judged at apply, before the write: a
// redirect URI with a fragment, unknown at the first plan, stops the apply
// with the rule, and nothing is written.
func TestAccLoginClient_unknownRedirectCheckedBeforeWrite(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: loginConfig(p, `
resource "terraform_data" "uri" {
  input = "https://app.example.no/callback#fragment"
}
`+loginClientBlock(`integration_type = "idporten"`, `client_name = "x"`, `description = "x"`,
				`token_endpoint_auth_method = "client_secret_basic"`, `redirect_uris = [terraform_data.uri.output]`)),
			// Terraform plans again during the apply, with the value known,
			// and that plan refuses it, before Create.
			ExpectError: acctest.PhraseRegexp(`redirect_uris holds "https://app.example.no/callback#fragment"`, `must not have a fragment`),
		}},
	})
	if n := p.WriteCount(); n != 0 {
		t.Errorf("a refused create wrote to the portal: %v", p.RequestCounts())
	}
}

// A scope not usable at plan, but that this apply may still make usable,
// is a warning at plan, and checked again before the write: here it is
// still not shared, so the create stops with nothing written.
func TestAccLoginClient_scopeNotSharedCheckedBeforeWrite(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	p.SeedScope(acctest.PersonScope, false) // exists, but not shared with the consumer
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: loginConfig(p, loginClientBlock(`integration_type = "api_klient"`, `client_name = "x"`, `description = "x"`,
				`token_endpoint_auth_method = "private_key_jwt"`, `redirect_uris = ["https://app.example.no/callback"]`,
				`scopes = ["openid", "`+acctest.PersonScope+`"]`)),
			ExpectError: acctest.PhraseRegexp(`has not been shared with organisation `+acctest.ConsumerOrgno,
				`Nothing was written: login client "x" has not been created`),
		}},
	})
	if n := p.WriteCount(); n != 0 {
		t.Errorf("a refused create wrote to the portal: %v", p.RequestCounts())
	}
}

// A scope granted to the organisation is usable on an api_klient client.
func TestAccLoginClient_apiKlientGrantedScope(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	p.SeedScope(acctest.PersonScope, false, acctest.ConsumerOrgno)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: loginConfig(p, loginClientBlock(`integration_type = "api_klient"`, `client_name = "x"`, `description = "x"`,
				`token_endpoint_auth_method = "private_key_jwt"`, `redirect_uris = ["https://app.example.no/callback"]`,
				`scopes = ["openid", "profile", "`+acctest.PersonScope+`"]`)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(loginAddr, tfjsonpath.New("scopes"), strs("openid", "profile", acctest.PersonScope)),
			},
		}},
	})
}
