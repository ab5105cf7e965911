package scopes_test

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

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// grantWriteProxy stands between the provider and the fake portal, holds
// every grant write (PUT or DELETE of /scopes/access/{orgno}) for a while, and
// records how many were in flight at once.
type grantWriteProxy struct {
	mu             sync.Mutex
	inFlight, peak int
	writes         int
}

func newGrantWriteProxy(t *testing.T, p *acctest.Portal, hold time.Duration) (*grantWriteProxy, string) {
	t.Helper()
	target, err := url.Parse(p.URL)
	if err != nil {
		t.Fatal(err)
	}
	g := &grantWriteProxy{}
	forward := httputil.NewSingleHostReverseProxy(target)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "/scopes/access/") && (r.Method == http.MethodPut || r.Method == http.MethodDelete) {
			g.mu.Lock()
			g.inFlight++
			g.writes++
			g.peak = max(g.peak, g.inFlight)
			g.mu.Unlock()
			defer func() {
				g.mu.Lock()
				g.inFlight--
				g.mu.Unlock()
			}()
			time.Sleep(hold)
		}
		forward.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return g, srv.URL + "/api/v1"
}

func (g *grantWriteProxy) counts() (peak, writes int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.peak, g.writes
}

// krr_scope_consumers writes a list's grants several at once, never more
// than its bound (8), and each once: nine consumers granted, then all
// revoked by destroy.
func TestAccScopeConsumers_writesGrantsAtOnce(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	const scope = acctest.ProviderPrefix + ":concurrent/v1/person.read"
	p.SeedScope(scope, false)
	consumers := fakeportal.SyntheticOrgnos(9)
	proxy, proxyBase := newGrantWriteProxy(t, p, 100*time.Millisecond)
	config := strings.Replace(p.ProviderConfig("", acctest.ProviderOrgno), p.BaseURL, proxyBase, 1) + `
resource "krr_scope_consumers" "c" {
  scope           = "` + scope + `"
  consumer_orgnos = [` + acctest.QuoteAll(consumers) + `]
}
`
	expect := func(wantWrites int) statecheck.StateCheck {
		return acctest.CheckPortal(func() error {
			peak, writes := proxy.counts()
			switch {
			case writes != wantWrites:
				return fmt.Errorf("%d grant writes, want %d: each grant once", writes, wantWrites)
			case peak < 2:
				return fmt.Errorf("the grants were written one at a time (%d in flight at most)", peak)
			case peak > 8:
				return fmt.Errorf("%d grant writes in flight at once, more than the bound of 8", peak)
			}
			return nil
		})
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:            config,
			ConfigStateChecks: []statecheck.StateCheck{expect(9)},
		}},
	})
	if peak, writes := proxy.counts(); writes != 18 || peak < 2 || peak > 8 {
		t.Errorf("after destroy: %d grant writes (want 18: 9 grants, 9 revokes), %d in flight at most (want 2 to 8)", writes, peak)
	}
	if got := len(p.ApprovedConsumers(scope)); got != 0 {
		t.Errorf("destroy left %d approved grants", got)
	}
}
