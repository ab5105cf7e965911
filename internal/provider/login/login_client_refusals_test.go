package login_test

import (
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// refusal is one rule of the combination table that a configuration breaks.
type refusal struct {
	name  string
	lines []string // attribute lines; web/client_secret_basic/idporten unless they say otherwise
	want  *regexp.Regexp
}

// withDefaults completes lines into a whole krr_login_client: what lines do
// not set is a valid idporten web client.
func withDefaults(lines []string) []string {
	defaults := map[string]string{
		"integration_type":           `integration_type = "idporten"`,
		"client_name":                `client_name = "x"`,
		"description":                `description = "x"`,
		"token_endpoint_auth_method": `token_endpoint_auth_method = "client_secret_basic"`,
		"redirect_uris":              `redirect_uris = ["https://app.example.no/callback"]`,
	}
	out := slices.Clone(lines)
	for _, attr := range []string{"integration_type", "client_name", "description", "token_endpoint_auth_method", "redirect_uris"} {
		if !slices.ContainsFunc(lines, func(l string) bool { return regexp.MustCompile(`^` + attr + `\s*=`).MatchString(l) }) {
			out = append(out, defaults[attr])
		}
	}
	return out
}

func expectRefusedAtPlan(t *testing.T, p *acctest.Portal, providerConfig string, cases []refusal) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      providerConfig + loginClientBlock(withDefaults(c.lines)...),
					PlanOnly:    true,
					ExpectError: c.want,
				}},
			})
		})
	}
	// Nothing was written: each refusal came at plan, before any POST or PUT.
	if n := p.WriteCount(); n != 0 {
		t.Errorf("refusals at plan wrote to the portal: %v", p.RequestCounts())
	}
}

// Every rule of the combination table (portal-api.md §12) is refused at
// plan, naming the attribute and the rule, with nothing written.
func TestAccLoginClient_combinationRulesRefusedAtPlan(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	p.SeedScope(acctest.PersonScope, true)
	expectRefusedAtPlan(t, p, p.ProviderConfig("", acctest.ConsumerOrgno), []refusal{
		{"web with none", []string{`token_endpoint_auth_method = "none"`},
			acctest.PhraseRegexp(`token_endpoint_auth_method is "none", but application_type is "web"`)},
		{"browser with a secret", []string{`application_type = "browser"`},
			acctest.PhraseRegexp(`token_endpoint_auth_method is "client_secret_basic", but application_type is "browser"`, `must use "none"`)},
		{"native with a key", []string{`application_type = "native"`, `token_endpoint_auth_method = "private_key_jwt"`},
			acctest.PhraseRegexp(`token_endpoint_auth_method is "private_key_jwt", but application_type is "native"`)},
		{"browser without PKCE", []string{`application_type = "browser"`, `token_endpoint_auth_method = "none"`, `code_challenge_method = "none"`},
			acctest.PhraseRegexp(`code_challenge_method is "none", but application_type is "browser"`)},
		{"ansattporten with single sign-on", []string{`integration_type = "ansattporten"`, `sso_disabled = false`},
			acctest.PhraseRegexp(`sso_disabled is false, but integration_type is "ansattporten"`)},
		{"redirect with a fragment", []string{`redirect_uris = ["https://app.example.no/cb#x"]`},
			acctest.PhraseRegexp(`redirect_uris holds "https://app.example.no/cb#x"`, `must not have a fragment`)},
		{"web redirect with an app scheme", []string{`redirect_uris = ["no.example.app:/cb"]`},
			acctest.PhraseRegexp(`redirect_uris holds "no.example.app:/cb"`, `are http or https`)},
		{"redirect without a host", []string{`redirect_uris = ["https:/cb"]`},
			acctest.PhraseRegexp(`redirect_uris holds "https:/cb"`, `must have a host`)},
		{"relative redirect", []string{`redirect_uris = ["/callback"]`},
			acctest.PhraseRegexp(`redirect_uris holds "/callback"`, `must be absolute`)},
		{"native relative redirect", []string{`application_type = "native"`, `token_endpoint_auth_method = "none"`, `redirect_uris = ["callback"]`},
			acctest.PhraseRegexp(`redirect_uris holds "callback"`, `must be absolute`)},
		{"post-logout with a fragment", []string{`post_logout_redirect_uris = ["https://app.example.no/bye#x"]`},
			acctest.PhraseRegexp(`post_logout_redirect_uris holds "https://app.example.no/bye#x"`, `fragment`)},
		{"front-channel logout on a native client", []string{`application_type = "native"`, `token_endpoint_auth_method = "none"`,
			`redirect_uris = ["no.example.app:/cb"]`, `frontchannel_logout_uri = "https://app.example.no/fc"`},
			acctest.PhraseRegexp(`frontchannel_logout_uri is set, but application_type is "native"`)},
		{"front-channel logout on another host", []string{`frontchannel_logout_uri = "https://other.example.no/fc"`},
			acctest.PhraseRegexp(`frontchannel_logout_uri "https://other.example.no/fc" is not on the same scheme, host and port`)},
		{"front-channel logout on another port", []string{`frontchannel_logout_uri = "https://app.example.no:8443/fc"`},
			acctest.PhraseRegexp(`is not on the same scheme, host and port as any of redirect_uris`)},
		{"grant types without authorization_code", []string{`grant_types = ["refresh_token"]`},
			acctest.PhraseRegexp(`grant_types is ["refresh_token"]; a login client always has "authorization_code"`)},
		{"implicit grant", []string{`grant_types = ["authorization_code", "implicit"]`},
			acctest.PhraseRegexp(`Grant type implicit is deprecated`)},
		{"JWT grant", []string{`grant_types = ["authorization_code", "urn:ietf:params:oauth:grant-type:jwt-bearer"]`},
			acctest.PhraseRegexp(`a login client may have only "authorization_code"`)},
		{"scopes without openid", []string{`scopes = ["profile"]`},
			acctest.PhraseRegexp(`scopes is ["profile"]; a login client always carries "openid"`)},
		{"an API's scope on idporten", []string{`scopes = ["openid", "` + acctest.PersonScope + `"]`},
			acctest.PhraseRegexp(`an idporten client carries only openid and profile, and may add eidas and no_pid`)},
		{"eidas on api_klient", []string{`integration_type = "api_klient"`, `scopes = ["openid", "eidas"]`},
			acctest.PhraseRegexp(`eidas and no_pid are ID-porten's own additions, for idporten clients only`)},
		{"KRR's machine scope on api_klient", []string{`integration_type = "api_klient"`, `scopes = ["openid", "krr:global/kontaktinformasjon.read"]`},
			acctest.PhraseRegexp(`KRR's machine look-up scopes`, `not on a api_klient client`)},
		{"KRR's user scope on ansattporten", []string{`integration_type = "ansattporten"`, `scopes = ["openid", "krr:user/kontaktinformasjon.read"]`},
			acctest.PhraseRegexp(`Digdir allows them on api_klient clients only`)},
		{"a scope that cannot exist", []string{`integration_type = "api_klient"`, `scopes = ["openid", "nosuchprefix:api.read"]`},
			acctest.PhraseRegexp(`"nosuchprefix" is not any organisation's prefix`)},
		{"a bad scope name", []string{`scopes = ["openid", "not a scope"]`},
			acctest.PhraseRegexp(`is not a scope name`)},
		{"a lifetime of 0", []string{`refresh_token_lifetime = 0`},
			acctest.PhraseRegexp(`refresh_token_lifetime is 0; a lifetime must be at least 1 second`)},
		{"a machine kind", []string{`integration_type = "maskinporten"`},
			acctest.PhraseRegexp(`integration_type`, `value must be one of`)},
		{"no redirect", []string{`redirect_uris = []`},
			acctest.PhraseRegexp(`redirect_uris`, `set must contain at least 1 elements`)},
		{"a bad client id", []string{`client_id = "Not-A-UUID"`},
			acctest.PhraseRegexp(`must be a lowercase UUID`)},
	})
}

// In prod, only a native client may use localhost; the provider knows its
// environment and refuses it at plan. In test, localhost is allowed.
func TestAccLoginClient_localhostInProduction(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortalWith(t, fakeportal.Options{Production: true})
	prod := p.ProviderConfig("", acctest.ConsumerOrgno, `environment = "prod"`)
	expectRefusedAtPlan(t, p, prod, []refusal{
		{"web", []string{`redirect_uris = ["http://localhost:8080/callback"]`},
			acctest.PhraseRegexp(`redirect_uris holds "http://localhost:8080/callback"`, `in the prod environment only native clients may use localhost`)},
		{"browser post-logout", []string{`application_type = "browser"`, `token_endpoint_auth_method = "none"`,
			`post_logout_redirect_uris = ["http://127.0.0.1/bye"]`},
			acctest.PhraseRegexp(`post_logout_redirect_uris holds "http://127.0.0.1/bye"`, `only native clients may use localhost`)},
	})
	// A native client may, in prod too; and any client may in test.
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{Config: prod + loginClientBlock(withDefaults([]string{`application_type = "native"`,
			`token_endpoint_auth_method = "none"`, `redirect_uris = ["http://localhost:0/callback"]`})...)}},
	})
	test := acctest.NewPortal(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: test.ProviderConfig("", acctest.ConsumerOrgno) + `
resource "krr_login_client" "web" {
  integration_type           = "idporten"
  client_name                = "dev"
  description                = "dev"
  token_endpoint_auth_method = "client_secret_basic"
  redirect_uris              = ["http://localhost:8080/callback"]
}
`},
		},
	})
}
