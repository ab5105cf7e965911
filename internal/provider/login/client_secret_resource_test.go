package login_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/login"
)

const secretAddr = "krr_client_secret.app"

// captured is a knownvalue.Check that keeps the string it is shown, so
// that a later step can compare with it.
type captured struct{ value *string }

func (c captured) CheckValue(v any) error {
	s, ok := v.(string)
	if !ok || s == "" {
		return fmt.Errorf("want a non-empty string, got %#v", v)
	}
	*c.value = s
	return nil
}

func (c captured) String() string { return "captured" }

// secretClientConfig is a web login client with method and a
// krr_client_secret for it, with the secret's attribute lines.
func secretClientConfig(p *acctest.Portal, method string, secretLines ...string) string {
	return loginConfig(p, loginClientBlock(fmt.Sprintf("client_id = %q", idportenClientID), `integration_type = "idporten"`,
		`client_name = "Min side"`, `description = "x"`, fmt.Sprintf("token_endpoint_auth_method = %q", method),
		`redirect_uris = ["https://minside.example.no/callback"]`)+`
resource "krr_client_secret" "app" {
  client_id = krr_login_client.app.client_id
  `+strings.Join(secretLines, "\n  ")+`
}
`)
}

// isPortalSecret checks that the secret held in state is the portal's
// current one.
func isPortalSecret(p *acctest.Portal, held *string) statecheck.StateCheck {
	return acctest.CheckPortal(func() error {
		current, ok := p.ClientSecret(idportenClientID)
		if !ok || current != *held {
			return fmt.Errorf("the secret in state is not the portal's current one (portal has one: %v)", ok)
		}
		return nil
	})
}

var rfc3339 = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$`)

// A secret made on create is the portal's; a change of rotation_triggers
// makes a new one (create_before_destroy), after which the old one is no
// longer the portal's; destroy only forgets it: no secret is made then.
func TestAccClientSecret_createRotateForget(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	var first, second, created, expires string
	config := func(trigger string) string {
		return secretClientConfig(p, "client_secret_basic", `rotation_triggers = { rotated = "`+trigger+`" }`,
			"lifecycle {\n    create_before_destroy = true\n  }")
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config("2026-01"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(secretAddr, tfjsonpath.New("client_secret"), captured{&first}),
					statecheck.ExpectKnownValue(secretAddr, tfjsonpath.New("created"), captured{&created}),
					statecheck.ExpectKnownValue(secretAddr, tfjsonpath.New("expires"), captured{&expires}),
					statecheck.ExpectKnownValue(secretAddr, tfjsonpath.New("id"), knownvalue.StringExact(idportenClientID)),
					isPortalSecret(p, &first),
					acctest.CheckPortal(func() error {
						c, err1 := time.Parse(time.RFC3339, created)
						e, err2 := time.Parse(time.RFC3339, expires)
						if err1 != nil || err2 != nil || !rfc3339.MatchString(created) || e.Sub(c) != 360*24*time.Hour {
							return fmt.Errorf("created %q, expires %q: want RFC 3339, 360 days apart", created, expires)
						}
						return nil
					}),
				},
			},
			{
				Config: config("2026-07"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(secretAddr, plancheck.ResourceActionCreateBeforeDestroy),
						plancheck.ExpectResourceAction(loginAddr, plancheck.ResourceActionNoop),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(secretAddr, tfjsonpath.New("client_secret"), captured{&second}),
					isPortalSecret(p, &second),
					acctest.CheckPortal(func() error {
						if second == first {
							return fmt.Errorf("the trigger's change did not make a new secret")
						}
						return nil
					}),
				},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if got := p.RequestCounts()["POST /clients/{id}/secret"]; got != 2 {
				return fmt.Errorf("want 2 secrets made (create, rotation) and none on destroy; the portal made %d: %v", got, p.RequestCounts())
			}
			return nil
		},
	})
}

// rotate_after_days: a plan made when the secret is older than that
// replaces it; one made before does not. (The provider's clock is moved,
// so this test runs alone.)
func TestAccClientSecret_rotateAfterDays(t *testing.T) {
	p := acctest.NewPortal(t)
	var first, second string
	config := secretClientConfig(p, "client_secret_post", "rotate_after_days = 30")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(secretAddr, tfjsonpath.New("client_secret"), captured{&first}),
				},
			},
			{
				// 29 days on: not due yet.
				PreConfig: func() {
					t.Cleanup(login.SetClockForTest(func() time.Time { return time.Now().Add(29 * 24 * time.Hour) }))
				},
				Config:   config,
				PlanOnly: true,
			},
			{
				// 31 days on: due, and replaced.
				PreConfig: func() { login.SetClockForTest(func() time.Time { return time.Now().Add(31 * 24 * time.Hour) }) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(secretAddr, plancheck.ResourceActionDestroyBeforeCreate),
						plancheck.ExpectUnknownValue(secretAddr, tfjsonpath.New("client_secret")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(secretAddr, tfjsonpath.New("client_secret"), captured{&second}),
					isPortalSecret(p, &second),
					acctest.CheckPortal(func() error {
						if first == second {
							return fmt.Errorf("rotate_after_days did not make a new secret")
						}
						return nil
					}),
				},
			},
		},
	})
}

// A secret for a client that has none is refused at plan, with nothing
// written, when that is certain: a client this plan gives a method without
// a secret, or a machine client. A login client the portal holds without a
// secret, which this plan does not manage, is refused before the write.
func TestAccClientSecret_refusedWithoutSecretMethod(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:   secretClientConfig(p, "private_key_jwt"),
			PlanOnly: true,
			ExpectError: acctest.PhraseRegexp(`This plan gives client `+idportenClientID+` token_endpoint_auth_method "private_key_jwt"`,
				`only a client that signs in with client_secret_basic or client_secret_post has a secret`),
		}},
	})
	p.AddTestClient(acctest.ConsumerClientID, true) // a maskinporten client of the provider organisation
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: p.ProviderConfig("", acctest.ProviderOrgno) + `
resource "krr_client_secret" "machine" {
  client_id = "` + acctest.ConsumerClientID + `"
}
`,
			PlanOnly:    true,
			ExpectError: acctest.PhraseRegexp(`has token_endpoint_auth_method "private_key_jwt"`, `only a client that signs in with client_secret_basic`),
		}},
	})
	p.Edit(func(st *fakeportal.State) {
		st.Clients[browserClientID] = &fakeportal.Client{ClientID: browserClientID, ClientName: "SPA", Description: "x",
			ClientOrgno: acctest.ConsumerOrgno, IntegrationType: "idporten", ApplicationType: "browser",
			TokenEndpointAuthMethod: "none", GrantTypes: []string{"authorization_code"}, Scopes: []string{"openid"},
			RedirectURIs: []string{"https://spa.example.no/"}, Active: true}
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: loginConfig(p, `
resource "krr_client_secret" "spa" {
  client_id = "`+browserClientID+`"
}
`),
			ExpectError: acctest.PhraseRegexp(`has token_endpoint_auth_method "none"`, `Nothing was written`),
		}},
	})
	if n := p.WriteCount(); n != 0 {
		t.Errorf("refused secrets wrote to the portal: %v", p.RequestCounts())
	}
}

// krr_client_secret cannot be imported: the portal never shows a secret
// again. The error says so, and what to do.
func TestAccClientSecret_importRefused(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: loginConfig(p, `
import {
  to = krr_client_secret.app
  id = "`+idportenClientID+`"
}

resource "krr_client_secret" "app" {
  client_id = "`+idportenClientID+`"
}
`),
			ExpectError: acctest.PhraseRegexp(`krr_client_secret cannot be imported`, `let krr_client_secret make a new secret`),
		}},
	})
}
