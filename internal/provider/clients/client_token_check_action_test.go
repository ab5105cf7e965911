package clients_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// tokenCheckConfig is tokenClientConfig's client, with the key set
// triggering krr_client_token_check after it is made or changed, signed
// with signer's private key. keyName names the key (a new name rotates it).
func tokenCheckConfig(t *testing.T, p *acctest.Portal, keyName, signer, waitFor string) string {
	return tokenClientConfig(t, p, keyName, `
  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.krr_client_token_check.app]
    }
  }
`) + `
action "krr_client_token_check" "app" {
  config {
    client_id        = krr_client.app.client_id
    key_id           = "` + keyName + `"
    private_key_file = "` + keyFile(t, signer) + `"
    scopes           = [krr_scope.read.name]
    wait_for         = "` + waitFor + `"
  }
}
`
}

// keyFile writes signer's private key to a file of the test's, as a
// pipeline writes its secret, and returns the path.
func keyFile(t *testing.T, signer string) string {
	path := filepath.Join(t.TempDir(), "client-key.pem")
	if err := os.WriteFile(path, []byte(acctest.PrivatePEM(t, signer)), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// expectGrants checks that the client asked Maskinporten for a token at
// least n times in all.
func expectGrants(t *testing.T, p *acctest.Portal, n int) func() error {
	return func() error {
		if got := p.GrantsFrom(tokenClient(p, t)); got < n {
			return fmt.Errorf("the client asked for %d tokens, want at least %d: the action did not run", got, n)
		}
		return nil
	}
}

// The key set's action proves, in the apply that makes the client, that
// the client gets a token; rotating the key (a new key id) runs it again.
func TestAccClientTokenCheck_afterCreateAndUpdate(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   acctest.Requires(acctest.Actions),
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:            tokenCheckConfig(t, p, "app-2026", "B", "30s"),
				ConfigStateChecks: []statecheck.StateCheck{acctest.CheckPortal(expectGrants(t, p, 1))},
			},
			{
				Config:            tokenCheckConfig(t, p, "app-2027", "B", "30s"),
				ConfigStateChecks: []statecheck.StateCheck{acctest.CheckPortal(expectGrants(t, p, 2))},
			},
		},
	})
}

// A key the client does not have fails the apply with Maskinporten's own
// words, after asking again until wait_for (a key not known yet reads the
// same).
func TestAccClientTokenCheck_wrongKeyFailsTheApply(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   acctest.Requires(acctest.Actions),
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: tokenCheckConfig(t, p, "app-2026", "C", "3s"),
			ExpectError: acctest.PhraseRegexp("Maskinporten gave client", "no token",
				"invalid_grant: Invalid assertion. Client authentication failed.", "after asking for"),
		}},
	})
	if err := expectGrants(t, p, 2)(); err != nil {
		t.Error(err)
	}
}

// A new client and key take a while to be known (here the fake takes 4 s):
// the action asks again until they are, and the apply succeeds.
func TestAccClientTokenCheck_waitsForANewClient(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortalWith(t, fakeportal.Options{CredentialDelay: 4 * time.Second})
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   acctest.Requires(acctest.Actions),
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: tokenCheckConfig(t, p, "app-2026", "B", "1m"),
		}},
	})
	if err := expectGrants(t, p, 2)(); err != nil {
		t.Errorf("%v (the first try cannot succeed while the fake does not know the client)", err)
	}
}
