package provider

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// The real API writes timestamps in more than one form (milliseconds or
// microseconds with Z, no fraction, an offset). With a fake that varies
// its form, every resource applies, refreshes and updates without a diff,
// and the timestamps in state are the portal's, whatever their form.
func TestAccEveryTimestampFormReadWithoutDiff(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortalWith(t, fakeportal.Options{TimestampSeed: 20261127})
	config := func(description string) string {
		return p.ProviderConfig("", acctest.ProviderOrgno) + `
resource "krr_scope" "s" {
  prefix      = "` + acctest.ProviderPrefix + `"
  subscope    = "stamps/v1/person.read"
  description = "` + description + `"
}

resource "krr_scope_access" "g" {
  scope          = krr_scope.s.name
  consumer_orgno = "` + acctest.ConsumerOrgno + `"
}

resource "krr_client" "c" {
  client_name = "Stamps"
  description = "` + description + `"
  scopes      = [krr_scope.s.name]
}

resource "krr_client_jwks" "k" {
  client_id = krr_client.c.client_id
  keys      = { "k1" = { jwk = jsonencode({ kty = "RSA", n = "` + acctest.JWKN(&acctest.TestKey("A").PublicKey) + `", e = "AQAB" }) } }
}

resource "krr_org_contacts" "o" {
  invoice               = { email = "faktura@example.no" }
  notification_contacts = [{ name = "Drift", email = "drift@example.no" }]
}
`
	}
	forms := func() error {
		seen := map[string]bool{}
		p.Edit(func(st *fakeportal.State) {
			for _, s := range st.Scopes {
				seen[timestampForm(s.Created)] = true
				seen[timestampForm(s.LastUpdated)] = true
			}
			for _, c := range st.Clients {
				seen[timestampForm(c.Created)] = true
				seen[timestampForm(c.LastUpdated)] = true
			}
			for _, g := range st.Grants {
				seen[timestampForm(g.Created)] = true
			}
		})
		if len(seen) < 2 || seen["unparsable"] {
			return fmt.Errorf("the fake's timestamps took the forms %v; the test needs several, all RFC 3339", seen)
		}
		return nil
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config("v1"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{acctest.CheckPortal(forms)},
			},
			{
				Config: config("v2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						acctest.ExpectChangedAttributes("krr_scope.s", "description"),
						acctest.ExpectChangedAttributes("krr_client.c", "description"),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// timestampForm names a timestamp's form: its fraction digits and zone.
func timestampForm(ts string) string {
	if _, err := time.Parse(time.RFC3339Nano, ts); err != nil {
		return "unparsable"
	}
	zone := "Z"
	if !strings.HasSuffix(ts, "Z") {
		zone = "offset"
	}
	fraction := 0
	if _, f, ok := strings.Cut(ts, "."); ok {
		for _, r := range f {
			if r < '0' || r > '9' {
				break
			}
			fraction++
		}
	}
	return fmt.Sprintf("%d digits, %s", fraction, zone)
}
