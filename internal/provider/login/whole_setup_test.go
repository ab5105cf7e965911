package login_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// One apply builds a service's whole setup from nothing: its machine
// client for KRR's look-up (krr) with its key, and its api_klient for the
// user look-up with a secret. Then an empty plan, a destroy, and one apply
// again that brings both clients back under the ids that were set.
func TestAccLogin_wholeServiceInOneApply(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	const machineID = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"
	config := loginConfig(p, `
resource "krr_client" "lookup" {
  client_id        = "`+machineID+`"
  integration_type = "krr"
  client_name      = "KRR look-up"
  description      = "Machine look-up"
  scopes           = ["krr:global/digitalpost.read", "krr:global/kontaktinformasjon.read"]
}

resource "krr_client_jwks" "lookup" {
  client_id = krr_client.lookup.client_id
  keys = {
    "lookup-2026" = {
      public_key_pem = <<-EOT
`+acctest.PublicPEM(t, &acctest.TestKey("A").PublicKey)+`EOT
    }
  }
}
`+loginClientBlock(`client_id = "`+apiKlientClientID+`"`, `integration_type = "api_klient"`, `client_name = "Mine opplysninger"`,
		`description = "The person's own contact details"`, `token_endpoint_auth_method = "client_secret_basic"`,
		`redirect_uris = ["https://mine.example.no/callback"]`, `scopes = ["openid", "profile", "krr:user/kontaktinformasjon.read"]`)+`
resource "krr_client_secret" "app" {
  client_id = krr_login_client.app.client_id
}
`)
	bothActive := acctest.CheckPortal(func() error {
		for _, id := range []string{machineID, apiKlientClientID} {
			if c, ok := portalClient(p, id); !ok || !c.Active {
				return fmt.Errorf("client %s is not active in the portal: %+v", id, c)
			}
		}
		if _, ok := p.ClientSecret(apiKlientClientID); !ok {
			return fmt.Errorf("the api_klient has no secret in the portal")
		}
		return nil
	})
	applied := resource.TestStep{
		Config: config,
		ConfigPlanChecks: resource.ConfigPlanChecks{
			PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
		},
		ConfigStateChecks: []statecheck.StateCheck{
			bothActive,
			statecheck.ExpectKnownValue(loginAddr, tfjsonpath.New("client_id"), knownvalue.StringExact(apiKlientClientID)),
			statecheck.ExpectKnownValue("krr_client.lookup", tfjsonpath.New("client_id"), knownvalue.StringExact(machineID)),
		},
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			applied,
			{Config: config, Destroy: true},
			applied,
		},
	})
}
