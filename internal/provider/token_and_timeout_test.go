package provider

import (
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// The portal refuses the token in the middle of a run (it expired early, or
// was revoked): the provider fetches a new one once and sends the call
// again, and the apply goes on. One scope is made, not two.
func TestAccTokenRefusedMidRunIsRenewed(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	p.InjectFault(fakeportal.Fault{Method: "POST", Route: "/scopes", Status: 401})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.MinimalScopeConfig(p),
			ConfigStateChecks: []statecheck.StateCheck{acctest.CheckPortal(func() error {
				if n := p.RequestCount("POST /scopes"); n != 2 {
					return fmt.Errorf("want the create refused once and sent again: %d POSTs", n)
				}
				if s, ok := p.Scope(acctest.TestScopeName); !ok || !s.Active {
					return fmt.Errorf("scope not made: %+v", s)
				}
				return nil
			})},
		}},
	})
}

// A request that never gets an answer ends at request_timeout, each try,
// with a diagnostic that names the call; the run does not hang.
func TestAccRequestWithoutAnswerTimesOut(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	p.InjectFault(fakeportal.Fault{Method: "GET", Route: "/prefix", Latency: time.Hour, Times: 10})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: p.ProviderConfig("", acctest.ProviderOrgno, `request_timeout = "1s"`) + `
data "krr_prefixes" "mine" {}
`,
			ExpectError: acctest.PhraseRegexp("GET /prefix", "could not reach the portal API", "3 attempts", "deadline exceeded"),
		}},
	})
}
