package clients_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// A lifetime of 0 is refused at plan, naming the attribute and the rule:
// the portal answers 400 for it since 2025-05-22 (portal-api.md §11), and
// the fake does too, so a plan that let it through would fail the apply.
func TestAccClient_zeroLifetimeRefusedAtPlan(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	for _, attr := range []string{"access_token_lifetime", "authorization_lifetime", "refresh_token_lifetime"} {
		t.Run(attr, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				Steps: []resource.TestStep{{
					Config: p.ProviderConfig("", acctest.ConsumerOrgno) + `
resource "krr_client" "x" {
  client_name = "x"
  description = "x"
  scopes      = ["` + acctest.PersonScope + `"]
  ` + attr + ` = 0
}
`,
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(`(?s)Invalid lifetime.*` + attr + `\s+is\s+0;\s+a\s+lifetime\s+must\s+be\s+at\s+least\s+1\s+second\s+\(the\s+portal\s+refuses\s+0`),
				}},
			})
		})
	}
	if n := len(p.RequestCounts()); n != 0 {
		t.Errorf("a lifetime of 0 sent requests: %v", p.RequestCounts())
	}
}

// Destroying a client that is deactivated already (here: imported as it
// was, active = false) is done, although the portal may answer its DELETE
// with 409 (portal-api.md §11), as the fake does.
func TestAccClient_destroyDeactivated(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	p.SeedScope(acctest.PersonScope, true)
	p.Edit(func(st *fakeportal.State) {
		st.Clients[acctest.ConsumerClientID] = &fakeportal.Client{ClientID: acctest.ConsumerClientID, ClientName: "Case handling",
			Description: "Looks up persons", ClientOrgno: acctest.ConsumerOrgno, IntegrationType: "maskinporten",
			ApplicationType: "web", TokenEndpointAuthMethod: "private_key_jwt",
			GrantTypes: []string{"urn:ietf:params:oauth:grant-type:jwt-bearer"}, Scopes: []string{acctest.PersonScope},
			AccessTokenLifetime: 120, AuthorizationLifetime: 7200, RefreshTokenLifetime: 600, Active: false}
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: p.ProviderConfig("", acctest.ConsumerOrgno) + fmt.Sprintf(`
import {
  to = krr_client.app
  id = %q
}

resource "krr_client" "app" {
  client_id   = %q
  client_name = "Case handling"
  description = "Looks up persons"
  scopes      = [%q]
  active      = false
}
`, acctest.ConsumerClientID, acctest.ConsumerClientID, acctest.PersonScope),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("krr_client.app", tfjsonpath.New("active"), knownvalue.Bool(false)),
			},
		}},
		// The destroy succeeded (else the test fails on it), and the client
		// is still there, inactive: nothing is deleted.
		CheckDestroy: func(*terraform.State) error {
			var cl *fakeportal.Client
			p.Edit(func(st *fakeportal.State) { cl = st.Clients[acctest.ConsumerClientID] })
			if cl == nil || cl.Active {
				return fmt.Errorf("client after destroy: %+v", cl)
			}
			return nil
		},
	})
}
