package login_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

const loginAddr = "krr_login_client.app"

// lifecycleCase is one kind of login client with one sign-in method, taken
// through its whole life: create, an empty plan, update, import, a change
// made in the web portal (drift), deactivation there, destroy.
type lifecycleCase struct {
	id            string
	create        []string // attribute lines of the first configuration
	update        []string // of the second
	extra         string   // other resources (keys)
	createChecks  []statecheck.StateCheck
	updatePortal  func(c fakeportal.Client) error // what the portal holds after the update
	drift         func(c *fakeportal.Client)      // a change made in the web portal
	driftAttrs    []string                        // the attributes the plan then changes back
	importIgnored []string
}

func stateIs(attr string, check knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(loginAddr, tfjsonpath.New(attr), check)
}

func strs(ss ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(ss))
	for i, s := range ss {
		checks[i] = knownvalue.StringExact(s)
	}
	return knownvalue.SetExact(checks)
}

func runLifecycle(t *testing.T, c lifecycleCase) {
	t.Helper()
	p := acctest.NewPortal(t)
	config := func(lines []string) string {
		return loginConfig(p, loginClientBlock(append([]string{fmt.Sprintf("client_id = %q", c.id)}, lines...)...)+c.extra)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config(c.create),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(loginAddr, plancheck.ResourceActionCreate),
						plancheck.ExpectKnownValue(loginAddr, tfjsonpath.New("client_orgno"), knownvalue.StringExact(acctest.ConsumerOrgno)),
						plancheck.ExpectKnownValue(loginAddr, tfjsonpath.New("id"), knownvalue.StringExact(c.id)),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: append([]statecheck.StateCheck{
					stateIs("client_id", knownvalue.StringExact(c.id)),
					stateIs("active", knownvalue.Bool(true)),
					stateIs("client_orgno", knownvalue.StringExact(acctest.ConsumerOrgno)),
					acctest.CheckPortal(func() error {
						if cl, ok := portalClient(p, c.id); !ok || !cl.Active {
							return fmt.Errorf("want client %s active in the portal, have %+v", c.id, cl)
						}
						return nil
					}),
				}, c.createChecks...),
			},
			{
				Config: config(c.update),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(loginAddr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{acctest.CheckPortal(func() error {
					cl, _ := portalClient(p, c.id)
					return c.updatePortal(cl)
				})},
			},
			{
				ResourceName:            loginAddr,
				ImportState:             true,
				ImportStateId:           c.id,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: c.importIgnored,
			},
			{
				PreConfig: func() { p.Edit(func(st *fakeportal.State) { c.drift(st.Clients[c.id]) }) },
				Config:    config(c.update),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(loginAddr, plancheck.ResourceActionUpdate),
						acctest.ExpectChangedAttributes(loginAddr, c.driftAttrs...),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// Deactivated in the web portal: the plan brings the same
				// client back.
				PreConfig: func() { p.Edit(func(st *fakeportal.State) { st.Clients[c.id].Active = false }) },
				Config:    config(c.update),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(loginAddr, plancheck.ResourceActionUpdate),
						acctest.ExpectChangedAttributes(loginAddr, "active"),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{stateIs("active", knownvalue.Bool(true))},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if cl, ok := portalClient(p, c.id); !ok || cl.Active {
				return fmt.Errorf("want client %s kept and deactivated after destroy, have %+v (found %v)", c.id, cl, ok)
			}
			return nil
		},
	})
}

// An ID-porten client of a web application that signs in with
// client_secret_basic: the defaults of every optional field, then every
// field set.
func TestAccLoginClient_idportenClientSecretBasic(t *testing.T) {
	t.Parallel()
	runLifecycle(t, lifecycleCase{
		id: idportenClientID,
		create: []string{`integration_type = "idporten"`, `client_name = "Min side"`, `description = "Citizens sign in"`,
			`token_endpoint_auth_method = "client_secret_basic"`, `redirect_uris = ["https://minside.example.no/callback"]`},
		createChecks: []statecheck.StateCheck{
			stateIs("application_type", knownvalue.StringExact("web")),
			stateIs("scopes", strs("openid", "profile")),
			stateIs("grant_types", strs("authorization_code")),
			stateIs("code_challenge_method", knownvalue.StringExact("S256")),
			stateIs("refresh_token_usage", knownvalue.StringExact("ONETIME")),
			stateIs("sso_disabled", knownvalue.Bool(false)),
			stateIs("frontchannel_logout_session_required", knownvalue.Bool(false)),
			stateIs("post_logout_redirect_uris", strs()),
			stateIs("access_token_lifetime", knownvalue.Int64Exact(120)),
			stateIs("authorization_lifetime", knownvalue.Int64Exact(7200)),
			stateIs("refresh_token_lifetime", knownvalue.Int64Exact(600)),
			stateIs("frontchannel_logout_uri", knownvalue.Null()),
			stateIs("logo_uri", knownvalue.Null()),
		},
		update: []string{`integration_type = "idporten"`, `client_name = "Min side v2"`, `description = "Citizens sign in, from abroad too"`,
			`token_endpoint_auth_method = "client_secret_basic"`,
			`redirect_uris = ["https://minside.example.no/callback", "https://minside.example.no:8443/cb"]`,
			`post_logout_redirect_uris = ["https://minside.example.no/bye"]`,
			`frontchannel_logout_uri = "https://minside.example.no:8443/logout"`,
			`frontchannel_logout_session_required = true`,
			`sso_disabled = true`, `refresh_token_usage = "REUSE"`, `code_challenge_method = "none"`,
			`grant_types = ["authorization_code", "refresh_token"]`, `scopes = ["openid", "profile", "eidas", "no_pid"]`,
			`access_token_lifetime = 60`, `refresh_token_lifetime = 1800`, `authorization_lifetime = 3600`,
			`logo_uri = "https://minside.example.no/logo.png"`},
		updatePortal: func(c fakeportal.Client) error {
			if c.ClientName != "Min side v2" || len(c.RedirectURIs) != 2 || len(c.PostLogoutRedirectURIs) != 1 ||
				c.FrontchannelLogoutURI != "https://minside.example.no:8443/logout" || !c.FrontchannelLogoutSessionRequired ||
				!c.SSODisabled || c.RefreshTokenUsage != "REUSE" || c.CodeChallengeMethod != "none" || len(c.GrantTypes) != 2 ||
				len(c.Scopes) != 4 || c.AccessTokenLifetime != 60 || c.RefreshTokenLifetime != 1800 ||
				c.AuthorizationLifetime != 3600 || c.LogoURI != "https://minside.example.no/logo.png" {
				return fmt.Errorf("the portal did not get every change: %+v", c)
			}
			return nil
		},
		drift: func(c *fakeportal.Client) {
			c.Description = "edited by hand"
			c.RedirectURIs = []string{"https://minside.example.no/callback"}
			c.SSODisabled = false
			c.LogoURI = ""
			c.FrontchannelLogoutSessionRequired = false
			c.AuthorizationLifetime = 7200
			c.ApplicationType = "browser"
		},
		driftAttrs: []string{"description", "redirect_uris", "sso_disabled", "logo_uri",
			"frontchannel_logout_session_required", "authorization_lifetime", "application_type"},
	})
}

// The client of KRR's user look-up: an API-klient that signs in with a key
// (private_key_jwt), registered with krr_client_jwks, and carries KRR's
// user scopes beside openid and profile.
func TestAccLoginClient_apiKlientPrivateKeyJWT(t *testing.T) {
	t.Parallel()
	keys := `
resource "krr_client_jwks" "app" {
  client_id = krr_login_client.app.client_id
  keys = {
    "lookup-2026" = {
      public_key_pem = <<-EOT
` + acctest.PublicPEM(t, &acctest.TestKey("A").PublicKey) + `EOT
    }
  }
}
`
	base := []string{`integration_type = "api_klient"`, `client_name = "Kontaktinfo"`, `description = "The person's own contact details"`,
		`token_endpoint_auth_method = "private_key_jwt"`, `redirect_uris = ["https://kontakt.example.no/callback"]`}
	runLifecycle(t, lifecycleCase{
		id:     apiKlientClientID,
		create: append(slices.Clone(base), `scopes = ["openid", "profile", "krr:user/kontaktinformasjon.read"]`),
		extra:  keys,
		createChecks: []statecheck.StateCheck{
			stateIs("token_endpoint_auth_method", knownvalue.StringExact("private_key_jwt")),
			stateIs("scopes", strs("openid", "profile", "krr:user/kontaktinformasjon.read")),
			statecheck.ExpectKnownValue("krr_client_jwks.app", tfjsonpath.New("client_id"), knownvalue.StringExact(apiKlientClientID)),
		},
		update: append(slices.Clone(base),
			`scopes = ["openid", "profile", "krr:user/kontaktinformasjon.read", "krr:user/digitalpost.read"]`,
			`grant_types = ["authorization_code", "refresh_token"]`),
		updatePortal: func(c fakeportal.Client) error {
			if len(c.Scopes) != 4 || len(c.GrantTypes) != 2 {
				return fmt.Errorf("the portal did not get the scopes and grant types: %+v", c)
			}
			return nil
		},
		drift: func(c *fakeportal.Client) {
			c.Scopes = []string{"openid", "profile"}
			c.AccessTokenLifetime = 300
		},
		driftAttrs: []string{"scopes", "access_token_lifetime"},
	})
}

// An Ansattporten client that signs in with client_secret_post: single
// sign-on is off, as the portal forces.
func TestAccLoginClient_ansattportenClientSecretPost(t *testing.T) {
	t.Parallel()
	base := []string{`integration_type = "ansattporten"`, `client_name = "Intranett"`, `description = "Employees sign in"`,
		`token_endpoint_auth_method = "client_secret_post"`}
	runLifecycle(t, lifecycleCase{
		id:     ansattportenClientID,
		create: append(slices.Clone(base), `redirect_uris = ["https://intra.example.no/callback"]`),
		createChecks: []statecheck.StateCheck{
			stateIs("sso_disabled", knownvalue.Bool(true)),
			stateIs("token_endpoint_auth_method", knownvalue.StringExact("client_secret_post")),
		},
		update: append(slices.Clone(base), `redirect_uris = ["https://intra.example.no/callback", "https://intra.example.no/cb2"]`,
			`sso_disabled = true`, `scopes = ["openid"]`),
		updatePortal: func(c fakeportal.Client) error {
			if len(c.RedirectURIs) != 2 || !c.SSODisabled || !slices.Equal(c.Scopes, []string{"openid"}) {
				return fmt.Errorf("the portal did not get the change: %+v", c)
			}
			return nil
		},
		drift: func(c *fakeportal.Client) {
			c.CodeChallengeMethod = "none"
			c.ClientName = "renamed"
			c.TokenEndpointAuthMethod = "client_secret_basic"
		},
		driftAttrs: []string{"code_challenge_method", "client_name", "token_endpoint_auth_method"},
	})
}

// A single-page application: browser, no secret (none), PKCE.
func TestAccLoginClient_browserNone(t *testing.T) {
	t.Parallel()
	base := []string{`integration_type = "idporten"`, `client_name = "SPA"`, `description = "A browser app"`,
		`application_type = "browser"`, `token_endpoint_auth_method = "none"`}
	runLifecycle(t, lifecycleCase{
		id:     browserClientID,
		create: append(slices.Clone(base), `redirect_uris = ["https://spa.example.no/"]`),
		createChecks: []statecheck.StateCheck{
			stateIs("application_type", knownvalue.StringExact("browser")),
			stateIs("token_endpoint_auth_method", knownvalue.StringExact("none")),
			stateIs("code_challenge_method", knownvalue.StringExact("S256")),
		},
		update: append(slices.Clone(base), `redirect_uris = ["https://spa.example.no/"]`,
			`post_logout_redirect_uris = ["https://spa.example.no/logged-out"]`, `frontchannel_logout_uri = "https://spa.example.no/fc"`),
		updatePortal: func(c fakeportal.Client) error {
			if len(c.PostLogoutRedirectURIs) != 1 || c.FrontchannelLogoutURI != "https://spa.example.no/fc" {
				return fmt.Errorf("the portal did not get the change: %+v", c)
			}
			return nil
		},
		drift: func(c *fakeportal.Client) {
			c.RefreshTokenUsage = "REUSE"
			c.PostLogoutRedirectURIs = nil
			c.FrontchannelLogoutURI = ""
		},
		driftAttrs: []string{"refresh_token_usage", "post_logout_redirect_uris", "frontchannel_logout_uri"},
	})
}

// A mobile or desktop app: native, none, an app's own scheme and a loopback
// redirect.
func TestAccLoginClient_nativeNone(t *testing.T) {
	t.Parallel()
	base := []string{`integration_type = "api_klient"`, `client_name = "App"`, `description = "A native app"`,
		`application_type = "native"`, `token_endpoint_auth_method = "none"`}
	runLifecycle(t, lifecycleCase{
		id:     nativeClientID,
		create: append(slices.Clone(base), `redirect_uris = ["no.example.app:/callback"]`),
		createChecks: []statecheck.StateCheck{
			stateIs("application_type", knownvalue.StringExact("native")),
			stateIs("redirect_uris", strs("no.example.app:/callback")),
		},
		update: append(slices.Clone(base), `redirect_uris = ["no.example.app:/callback", "http://127.0.0.1:0/callback"]`,
			`grant_types = ["authorization_code", "refresh_token"]`),
		updatePortal: func(c fakeportal.Client) error {
			if len(c.RedirectURIs) != 2 || len(c.GrantTypes) != 2 {
				return fmt.Errorf("the portal did not get the change: %+v", c)
			}
			return nil
		},
		drift:      func(c *fakeportal.Client) { c.GrantTypes = []string{"authorization_code"}; c.RefreshTokenLifetime = 60 },
		driftAttrs: []string{"grant_types", "refresh_token_lifetime"},
	})
}
