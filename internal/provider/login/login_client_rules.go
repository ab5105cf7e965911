package login

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

// ruleBreak is one rule of the combination table (portal-api.md §12) that
// a login client breaks: the attribute to fix and what the rule is.
type ruleBreak struct {
	attr    path.Path
	summary string
	detail  string
}

// combinationRules checks a login client against the combination table.
// It is run at plan, where any value may be unknown (at any depth: a known
// set with an unknown element), and again at apply before the write, where
// every value is known. A rule is judged only on known values: what it
// cannot decide yet is left to the check at apply, so that the plan never
// refuses what would succeed. production: the provider's environment is
// prod, where only native clients may use localhost.
func combinationRules(m loginClientModel, production bool) []ruleBreak {
	var out []ruleBreak
	add := func(attr, summary, format string, args ...any) {
		out = append(out, ruleBreak{path.Root(attr), summary, fmt.Sprintf(format, args...)})
	}
	kind := framework.KnownString(m.IntegrationType)
	app := framework.KnownString(m.ApplicationType)
	method := framework.KnownString(m.TokenEndpointAuthMethod)

	if app != "" && method != "" {
		switch {
		case app == appWeb && method == authNone:
			add("token_endpoint_auth_method", "Sign-in method not allowed for a web client",
				"token_endpoint_auth_method is \"none\", but application_type is \"web\": a web client authenticates "+
					"at the token endpoint with private_key_jwt (recommended; keys through krr_client_jwks), "+
					"client_secret_basic or client_secret_post (a secret through krr_client_secret). \"none\" is for "+
					"browser and native clients.")
		case app != appWeb && method != authNone:
			add("token_endpoint_auth_method", "Sign-in method not allowed for a "+app+" client",
				"token_endpoint_auth_method is %q, but application_type is %q: a browser or native client cannot "+
					"keep a secret or a key, so it must use \"none\" (with PKCE, code_challenge_method = \"S256\").",
				method, app)
		}
	}
	if app != "" && app != appWeb && framework.KnownString(m.CodeChallengeMethod) == pkceNone {
		add("code_challenge_method", "PKCE required for a "+app+" client",
			"code_challenge_method is \"none\", but application_type is %q: a browser or native client has no "+
				"secret, so it must use PKCE with code_challenge_method = \"S256\".", app)
	}
	if kind == typeAnsattporten && !m.SSODisabled.IsUnknown() && !m.SSODisabled.IsNull() && !m.SSODisabled.ValueBool() {
		add("sso_disabled", "Ansattporten forces sso_disabled",
			"sso_disabled is false, but integration_type is \"ansattporten\": Ansattporten always turns single "+
				"sign-on off (the portal forces sso_disabled = true). Leave sso_disabled out, or set it to true.")
	}

	redirects, redirectsKnown := framework.KnownStrings(m.RedirectURIs)
	for _, u := range redirects {
		if problem := uriProblem(u, app, production); problem != "" {
			add("redirect_uris", "Invalid redirect URI", "redirect_uris holds %q: %s", u, problem)
		}
	}
	logouts, _ := framework.KnownStrings(m.PostLogoutRedirectURIs)
	for _, u := range logouts {
		if problem := uriProblem(u, app, production); problem != "" {
			add("post_logout_redirect_uris", "Invalid post-logout redirect URI", "post_logout_redirect_uris holds %q: %s", u, problem)
		}
	}
	if front := framework.KnownString(m.FrontchannelLogoutURI); front != "" {
		switch {
		case app == appNative:
			add("frontchannel_logout_uri", "No front-channel logout for a native client",
				"frontchannel_logout_uri is set, but application_type is \"native\": front-channel logout calls the "+
					"URI in a browser, which a native app is not. Leave frontchannel_logout_uri out.")
		case uriProblem(front, app, production) != "":
			add("frontchannel_logout_uri", "Invalid front-channel logout URI", "frontchannel_logout_uri %q: %s",
				front, uriProblem(front, app, production))
		case redirectsKnown && !slices.ContainsFunc(redirects, func(r string) bool { return sameOrigin(r, front) }):
			add("frontchannel_logout_uri", "Front-channel logout URI on another host",
				"frontchannel_logout_uri %q is not on the same scheme, host and port as any of redirect_uris (%s): "+
					"the portal requires it to be (portal-api.md §12).", front, strings.Join(redirects, ", "))
		}
	}

	if grants, known := framework.KnownStrings(m.GrantTypes); known && !slices.Contains(grants, grantAuthorizationCode) {
		add("grant_types", "Grant types without authorization_code",
			"grant_types is [%s]; a login client always has \"authorization_code\" (add \"refresh_token\" for refresh "+
				"tokens).", quoted(grants))
	}
	out = append(out, scopeRules(kind, m.Scopes)...)
	return out
}

// scopeRules are the rules of Digdir's that decide which scopes each kind
// may carry, whatever any organisation grants: openid always; an idporten
// client only ID-porten's own scopes. Other organisations' scopes on
// api_klient and ansattporten clients are judged by scopes.Rules
// (login_client_scopes.go).
func scopeRules(kind string, set types.Set) []ruleBreak {
	var out []ruleBreak
	if set.IsUnknown() || set.IsNull() {
		return nil
	}
	known, allKnown := framework.KnownStrings(set)
	if allKnown && !slices.Contains(known, scopeOpenID) {
		out = append(out, ruleBreak{path.Root("scopes"), "Scopes without openid", fmt.Sprintf(
			"scopes is [%s]; a login client always carries \"openid\" (and most carry \"profile\").", quoted(known))})
	}
	if kind == typeAPIKlient || kind == typeAnsattporten {
		var idportenOnly []string
		for _, s := range known {
			if s == scopeEIDAS || s == scopeNoPID {
				idportenOnly = append(idportenOnly, s)
			}
		}
		if len(idportenOnly) > 0 {
			out = append(out, ruleBreak{path.Root("scopes"), "Scope not allowed on an " + kind + " client", fmt.Sprintf(
				"scopes holds [%s]; eidas and no_pid are ID-porten's own additions, for idporten clients only. An %s "+
					"client carries openid, profile and the APIs' scopes that allow %s.", quoted(idportenOnly), kind, kind)})
		}
	}
	if kind == typeIDporten {
		var other []string
		for _, s := range known {
			if !slices.Contains(idportenScopes, s) {
				other = append(other, s)
			}
		}
		if len(other) > 0 {
			out = append(out, ruleBreak{path.Root("scopes"), "Scope not allowed on an idporten client", fmt.Sprintf(
				"scopes holds [%s]; an idporten client carries only openid and profile, and may add eidas and "+
					"no_pid (Digdir's rule). To call APIs for the signed-in person, use integration_type = "+
					"\"api_klient\".", quoted(other))})
		}
	}
	return out
}

func quoted(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// lifetimeAdvice is Digdir's recommendation access < refresh ≤
// authorization: a warning, never a refusal, since the portal takes any
// lifetime of at least one second. "" when followed or not known yet.
func lifetimeAdvice(m loginClientModel) string {
	if m.AccessTokenLifetime.IsUnknown() || m.RefreshTokenLifetime.IsUnknown() || m.AuthorizationLifetime.IsUnknown() {
		return ""
	}
	access, refresh, authz := m.AccessTokenLifetime.ValueInt64(), m.RefreshTokenLifetime.ValueInt64(), m.AuthorizationLifetime.ValueInt64()
	if access < refresh && refresh <= authz {
		return ""
	}
	return fmt.Sprintf("access_token_lifetime is %d, refresh_token_lifetime %d and authorization_lifetime %d seconds. "+
		"Digdir's guide recommends access_token_lifetime < refresh_token_lifetime ≤ authorization_lifetime: a refresh "+
		"token that outlives the authorization is cut short, and one shorter than the access token is of little use. "+
		"The portal takes these values; this is advice only.", access, refresh, authz)
}
