package clients_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// A login client (here an API-klient client) gets no Maskinporten token: the
// ephemeral token says so, and what it gets instead, before any grant is
// sent. Maskinporten's own answer would say only that the client failed to
// authenticate. The action asks through the same request
// (requestClientToken).
func TestAccMaskinportenToken_loginClientRefused(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	loginID := "33333333-3333-4333-8333-333333333333"
	p.AddLoginClient(loginID, acctest.ProviderOrgno)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   tokenVersions,
		ProtoV6ProviderFactories: withEcho,
		Steps: []resource.TestStep{{
			Config: p.ProviderConfig("", acctest.ProviderOrgno) + `
ephemeral "krr_maskinporten_token" "login" {
  client_id   = "` + loginID + `"
  key_id      = "login-2026"
  private_key = <<-EOT
` + acctest.PrivatePEM(t, "B") + `EOT
  scopes      = ["krr:user/kontaktinformasjon.read"]
}

provider "echo" {
  data = ephemeral.krr_maskinporten_token.login
}

resource "echo" "token" {}
`,
			ExpectError: acctest.PhraseRegexp("A login client gets no Maskinporten token", "is an api_klient client",
				"signs people in", "authorization code flow", "Nothing was sent to the token endpoint"),
		}},
	})
	if n := p.GrantsFrom(loginID); n != 0 {
		t.Errorf("%d grants were sent for the login client, want 0", n)
	}
}
