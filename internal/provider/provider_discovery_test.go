package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// Given another issuer (audience) and no token endpoint, the provider finds
// the endpoint in the issuer's metadata, as Maskinporten publishes it, and
// signs in through it.
func TestAccProvider_tokenEndpointFromIssuerMetadata(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	// No token_endpoint: only the issuer.
	config := func(audience string) string {
		return fmt.Sprintf(`
provider "krr" {
  base_url    = %q
  audience    = %q
  client_id   = "admin-%s"
  key_id      = "%s-admin"
  private_key = <<-EOT
%sEOT
}

data "krr_organization" "me" {}
`, p.BaseURL, audience, acctest.ProviderOrgno, acctest.ProviderOrgno, acctest.AdminKeyPEM(t, acctest.ProviderOrgno))
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config(p.Audience),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.krr_organization.me", tfjsonpath.New("orgno"), knownvalue.StringExact(acctest.ProviderOrgno)),
				acctest.CheckPortal(func() error {
					if n := p.RequestCount("GET /.well-known/oauth-authorization-server"); n == 0 {
						return fmt.Errorf("the metadata was not read")
					}
					if n := p.RequestCount("POST /token"); n == 0 {
						return fmt.Errorf("no token was fetched")
					}
					return nil
				}),
			},
		}},
	})
}
