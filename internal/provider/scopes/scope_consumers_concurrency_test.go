package scopes_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// krr_scope_consumers writes a list's grants several at once, never more
// than its bound (10), and each once: twelve consumers granted, then all
// revoked by destroy.
func TestAccScopeConsumers_writesGrantsAtOnce(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	const scope = acctest.ProviderPrefix + ":concurrent/v1/person.read"
	p.SeedScope(scope, false)
	consumers := fakeportal.SyntheticOrgnos(12)
	// Every grant write (PUT or DELETE of /scopes/access/{orgno}) is held.
	proxy, proxyBase := acctest.NewHoldingProxy(t, p, func(r *http.Request) bool {
		return strings.Contains(r.URL.Path, "/scopes/access/") && (r.Method == http.MethodPut || r.Method == http.MethodDelete)
	}, 100*time.Millisecond)
	config := strings.Replace(p.ProviderConfig("", acctest.ProviderOrgno), p.BaseURL, proxyBase, 1) + `
resource "krr_scope_consumers" "c" {
  scope           = "` + scope + `"
  consumer_orgnos = [` + acctest.QuoteAll(consumers) + `]
}
`
	expect := func(wantWrites int) statecheck.StateCheck {
		return acctest.CheckPortal(func() error {
			writes, peak := proxy.Counts()
			switch {
			case writes != wantWrites:
				return fmt.Errorf("%d grant writes, want %d: each grant once", writes, wantWrites)
			case peak < 2:
				return fmt.Errorf("the grants were written one at a time (%d in flight at most)", peak)
			case peak > 10:
				return fmt.Errorf("%d grant writes in flight at once, more than the bound of 10", peak)
			}
			return nil
		})
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:            config,
			ConfigStateChecks: []statecheck.StateCheck{expect(12)},
		}},
	})
	if writes, peak := proxy.Counts(); writes != 24 || peak < 2 || peak > 10 {
		t.Errorf("after destroy: %d grant writes (want 24: 12 grants, 12 revokes), %d in flight at most (want 2 to 10)", writes, peak)
	}
	if got := len(p.ApprovedConsumers(scope)); got != 0 {
		t.Errorf("destroy left %d approved grants", got)
	}
}
