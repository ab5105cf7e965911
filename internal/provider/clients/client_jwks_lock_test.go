package clients_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// Two key sets written to one client at once (two krr_client_jwks naming
// the same client by mistake; Terraform runs them in parallel) never
// interleave their read-then-replace: the per-client lock holds the second
// until the first is done. Without the lock both reads go out together and
// the proxy sees two requests in flight.
func TestAccClientJWKS_lockSerialisesWriters(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	clientID := jwksClientID(t, "")
	p.AddTestClient(clientID, true)
	// Every request about the client is held, so that two writers of its
	// keys overlap exactly when the proxy sees more than one in flight.
	proxy, proxyBase := acctest.NewHoldingProxy(t, p, func(r *http.Request) bool {
		return strings.Contains(r.URL.Path, "/clients/"+clientID)
	}, 150*time.Millisecond)
	config := strings.Replace(p.ProviderConfig("", acctest.ProviderOrgno), p.BaseURL, proxyBase, 1) + `
resource "krr_client_jwks" "first" {
  client_id = "` + clientID + `"
  keys = {
    "first" = {
      public_key_pem = <<-EOT
` + acctest.PublicPEM(t, &acctest.TestKey("A").PublicKey) + `EOT
    }
  }
}

resource "krr_client_jwks" "second" {
  client_id = "` + clientID + `"
  keys = {
    "second" = {
      public_key_pem = <<-EOT
` + acctest.PublicPEM(t, &acctest.TestKey("B").PublicKey) + `EOT
    }
  }
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			// Each claims the whole set, so the one written first sees
			// drift: that is the mistake, not what is tested here.
			ExpectNonEmptyPlan: true,
			ConfigStateChecks: []statecheck.StateCheck{acctest.CheckPortal(func() error {
				if _, n := proxy.Counts(); n > 1 {
					return fmt.Errorf("requests for one client's keys overlapped: %d in flight at once", n)
				}
				return nil
			})},
		}},
	})
	if n, _ := proxy.Counts(); n == 0 {
		t.Fatal("no request for the client went through the proxy: the test tested nothing")
	}
}
