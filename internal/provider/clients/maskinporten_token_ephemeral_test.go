package clients_test

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/echoprovider"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// withEcho serves the provider and terraform-plugin-testing's echo
// provider, which puts an ephemeral value in state where a test can check
// it.
var withEcho = map[string]func() (tfprotov6.ProviderServer, error){
	provider.TypeName: acctest.ProviderFactories[provider.TypeName],
	"echo":            echoprovider.NewProviderServer(),
}

// tokenClient is the id of the client tokenConfig made (deactivated once
// the test has destroyed it).
func tokenClient(p *acctest.Portal, t *testing.T) string {
	t.Helper()
	var ids []string
	p.Edit(func(st *fakeportal.State) {
		for id, c := range st.Clients {
			if c.ClientName == "Token proof" {
				ids = append(ids, id)
			}
		}
	})
	if len(ids) != 1 {
		t.Fatalf("want the one client made, portal has %v", ids)
	}
	return ids[0]
}

// tokenClientConfig is a client of the provider organisation, made in the
// same configuration with its scope and a key set holding key B's public
// half as keyName; jwksBody is added inside the key set's block.
func tokenClientConfig(t *testing.T, p *acctest.Portal, keyName, jwksBody string) string {
	return p.ProviderConfig("", acctest.ProviderOrgno) + `
resource "krr_scope" "read" {
  prefix      = "` + acctest.ProviderPrefix + `"
  subscope    = "token/v1/person.read"
  description = "Read persons"
}

# No client_id: the id is known only once the client is made, so the token
# is asked for in the apply, after the keys, not at plan.
resource "krr_client" "app" {
  client_name = "Token proof"
  description = "Proves it gets tokens"
  scopes      = [krr_scope.read.name]
}

resource "krr_client_jwks" "app" {
  client_id = krr_client.app.client_id
  keys = {
    "` + keyName + `" = {
      public_key_pem = <<-EOT
` + acctest.PublicPEM(t, &acctest.TestKey("B").PublicKey) + `EOT
    }
  }
` + jwksBody + `}
`
}

// tokenConfig is tokenClientConfig's client and a token for it signed with
// signer's private key, asking for scopes (HCL list items).
func tokenConfig(t *testing.T, p *acctest.Portal, signer, scopes, waitFor string) string {
	return tokenClientConfig(t, p, "app-2026", "") + `
ephemeral "krr_maskinporten_token" "app" {
  client_id   = krr_client.app.client_id
  key_id      = "app-2026"
  private_key = <<-EOT
` + acctest.PrivatePEM(t, signer) + `EOT
  scopes      = [` + scopes + `]
  wait_for    = "` + waitFor + `"
  depends_on  = [krr_client_jwks.app]
}

provider "echo" {
  data = ephemeral.krr_maskinporten_token.app
}

resource "echo" "token" {}
`
}

var tokenVersions = acctest.Requires(acctest.Ephemeral)

// A client made in the same configuration gets a token for its scope, for
// its own organisation; the value reaches the echo provider, never the
// provider's own state.
func TestAccMaskinportenToken_clientMadeInTheSameApply(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   tokenVersions,
		ProtoV6ProviderFactories: withEcho,
		Steps: []resource.TestStep{acctest.WithEphemeralInPlan(resource.TestStep{
			Config: tokenConfig(t, p, "B", "krr_scope.read.name", "30s"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("echo.token", tfjsonpath.New("data").AtMapKey("scope"),
					knownvalue.StringExact(acctest.ProviderPrefix+":token/v1/person.read")),
				statecheck.ExpectKnownValue("echo.token", tfjsonpath.New("data").AtMapKey("consumer"),
					knownvalue.StringExact(acctest.ProviderOrgno)),
				statecheck.ExpectKnownValue("echo.token", tfjsonpath.New("data").AtMapKey("access_token"),
					knownvalue.StringRegexp(regexp.MustCompile(`^eyJ`))),
				statecheck.ExpectKnownValue("echo.token", tfjsonpath.New("data").AtMapKey("expires_in"),
					knownvalue.Int64Func(func(v int64) error {
						if v <= 0 {
							return fmt.Errorf("expires_in %d", v)
						}
						return nil
					})),
			},
		})},
	})
}

// A wrong key is refused; the provider asks again until wait_for, since
// Maskinporten answers a key it does not know yet in the same words, then
// fails with the token endpoint's own description.
func TestAccMaskinportenToken_wrongKey(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   tokenVersions,
		ProtoV6ProviderFactories: withEcho,
		Steps: []resource.TestStep{{
			Config: tokenConfig(t, p, "C", "krr_scope.read.name", "3s"),
			ExpectError: acctest.PhraseRegexp("Maskinporten gave client", "no token",
				"invalid_grant: Invalid assertion. Client authentication failed.", "after asking for"),
		}},
	})
	if n := p.GrantsFrom(tokenClient(p, t)); n < 2 {
		t.Errorf("the wrong key was tried %d times; a key not known yet is asked again", n)
	}
}

// A scope the client does not carry is refused at once: waiting would not
// help.
func TestAccMaskinportenToken_scopeNotCarried(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	p.SeedScope(acctest.PersonScope, true)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   tokenVersions,
		ProtoV6ProviderFactories: withEcho,
		Steps: []resource.TestStep{{
			Config:      tokenConfig(t, p, "B", `"`+acctest.PersonScope+`"`, "30s"),
			ExpectError: acctest.PhraseRegexp("no token", "invalid_scope", "Token request contains invalid scopes for client", acctest.PersonScope),
		}},
	})
	if n := p.GrantsFrom(tokenClient(p, t)); n != 1 {
		t.Errorf("a refused scope was asked for %d times, want 1", n)
	}
}

// New clients and keys take a while to be known at Maskinporten (here the
// fake takes 4 s): the token is asked for again until they are.
func TestAccMaskinportenToken_waitsForANewClient(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortalWith(t, fakeportal.Options{CredentialDelay: 4 * time.Second})
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   tokenVersions,
		ProtoV6ProviderFactories: withEcho,
		Steps: []resource.TestStep{acctest.WithEphemeralInPlan(resource.TestStep{
			Config: tokenConfig(t, p, "B", "krr_scope.read.name", "1m"),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("echo.token", tfjsonpath.New("data").AtMapKey("consumer"), knownvalue.StringExact(acctest.ProviderOrgno)),
				acctest.CheckPortal(func() error {
					if n := p.GrantsFrom(tokenClient(p, t)); n < 2 {
						return fmt.Errorf("the token was got at the first try (%d grants): the delay was not shown", n)
					}
					return nil
				}),
			},
		})},
	})
}
