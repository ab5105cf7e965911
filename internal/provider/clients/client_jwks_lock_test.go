package clients_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// overlapProxy stands between the provider and the fake portal, holds every
// request about one client for a while, and records how many were in
// flight at once: two writers of one client's keys overlap exactly when it
// sees more than one.
type overlapProxy struct {
	mu       sync.Mutex
	inFlight int
	peak     int
}

func newOverlapProxy(t *testing.T, p *acctest.Portal, clientID string, hold time.Duration) (*overlapProxy, string) {
	t.Helper()
	target, err := url.Parse(p.URL)
	if err != nil {
		t.Fatal(err)
	}
	o := &overlapProxy{}
	forward := httputil.NewSingleHostReverseProxy(target)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "/clients/"+clientID) {
			o.mu.Lock()
			o.inFlight++
			o.peak = max(o.peak, o.inFlight)
			o.mu.Unlock()
			defer func() {
				o.mu.Lock()
				o.inFlight--
				o.mu.Unlock()
			}()
			time.Sleep(hold)
		}
		forward.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return o, srv.URL + "/api/v1"
}

func (o *overlapProxy) peakInFlight() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.peak
}

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
	proxy, proxyBase := newOverlapProxy(t, p, clientID, 150*time.Millisecond)
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
				if n := proxy.peakInFlight(); n > 1 {
					return fmt.Errorf("requests for one client's keys overlapped: %d in flight at once", n)
				}
				return nil
			})},
		}},
	})
	if proxy.peakInFlight() == 0 {
		t.Fatal("no request for the client went through the proxy: the test tested nothing")
	}
}
