package fakeportal

import (
	"fmt"
	"net"
	"net/url"
	"slices"
	"strings"
)

// The rules of portal-api.md §12 for the clients that sign people in:
// ID-porten, API-klient and Ansattporten. They judge the combination of
// fields (an application type fixes the auth method, a native client has no
// front-channel logout, …); each broken rule is a field error of its own,
// so that one answer names every bad field. idporten_saml2 and eformidling
// clients are not login clients in this sense and keep the general rules.
//
// What the sources only recommend is left alone: the guide's "access <
// refresh ≤ authorization" lifetimes are not enforced, only §6's "at least 1".

const (
	authorizationCodeGrant = "authorization_code"
	refreshTokenGrant      = "refresh_token"
	implicitGrant          = "implicit"
)

// codeChallengeMethods: PKCE with S256, or none to opt out (§12).
var codeChallengeMethods = []string{"S256", "none"}

// idportenScopes is all an idporten client may carry: openid and profile,
// and eidas and no_pid on top. A client that calls APIs for the person is an
// api_klient.
var idportenScopes = []string{"openid", "profile", "eidas", "no_pid"}

// loginIntegration: integration types whose clients sign people in with
// OpenID Connect (§12).
func loginIntegration(t string) bool {
	return t == "idporten" || t == "api_klient" || t == "ansattporten"
}

// secretAuthMethod: the auth methods that authenticate with a client secret.
func secretAuthMethod(m string) bool { return strings.HasPrefix(m, "client_secret_") }

// defaultLoginAuthMethod is the auth method of a login client that left it
// out: a web client has a back end that keeps a secret (the portal's
// default, client_secret_basic); a browser or native client cannot keep one.
func defaultLoginAuthMethod(applicationType string) string {
	if applicationType == "web" {
		return "client_secret_basic"
	}
	return "none"
}

// checkLoginClient adds a field error for each rule of §12 that req, for a
// login client of integrationType, breaks.
func (f *Fake) checkLoginClient(fe *fieldErrors, req *clientRequest, integrationType string) {
	app := orDefault(req.ApplicationType, "web")
	if slices.Contains(applicationTypes, app) { // a bad one is refused already; what hangs on it cannot be judged
		checkLoginAuthMethod(fe, app, req.TokenEndpointAuthMethod)
		checkCodeChallengeMethod(fe, app, req.CodeChallengeMethod)
		f.checkLoginURIs(fe, app, req)
	}
	checkLoginGrantTypes(fe, req.GrantTypes)
	checkLoginScopes(fe, integrationType, req.Scopes)
}

// checkLoginAuthMethod: a web client authenticates with a secret or a key,
// a browser or native client with none (it runs on the user's device, where
// nothing stays secret). A method left out gets the default that fits.
func checkLoginAuthMethod(fe *fieldErrors, app, method string) {
	if method == "" || !slices.Contains(authMethods, method) { // default, or refused already
		return
	}
	switch {
	case app == "web" && method == "none":
		fe.add("token_endpoint_auth_method", "a web client authenticates with client_secret_basic, client_secret_post or private_key_jwt, not none")
	case app != "web" && method != "none":
		fe.add("token_endpoint_auth_method", fmt.Sprintf("a %s client cannot keep a secret or a key: token_endpoint_auth_method must be none, not %s", app, method))
	}
}

// checkCodeChallengeMethod: S256 (the default) or none; browser and native
// clients have no secret, so PKCE is all that protects their codes.
func checkCodeChallengeMethod(fe *fieldErrors, app, method string) {
	if method == "" {
		return
	}
	if !slices.Contains(codeChallengeMethods, method) {
		fe.checkEnum("code_challenge_method", method, codeChallengeMethods)
		return
	}
	if method == "none" && app != "web" {
		fe.add("code_challenge_method", fmt.Sprintf("a %s client must use PKCE: code_challenge_method S256, not none", app))
	}
}

// checkLoginGrantTypes: authorization_code always, refresh_token when
// refresh tokens are wanted, nothing else; implicit is deprecated. Left out,
// the default is authorization_code alone.
func checkLoginGrantTypes(fe *fieldErrors, grants []string) {
	if len(grants) == 0 {
		return
	}
	for _, g := range uniqueStrings(grants) {
		switch g {
		case authorizationCodeGrant, refreshTokenGrant:
		case implicitGrant:
			fe.add("grant_types", "grant type implicit is deprecated and refused; use authorization_code with PKCE")
		default:
			fe.add("grant_types", fmt.Sprintf("a login client has grant types authorization_code and, for refresh tokens, refresh_token; not %s", g))
		}
	}
	if !slices.Contains(grants, authorizationCodeGrant) {
		fe.add("grant_types", "a login client must have grant type authorization_code")
	}
}

// checkLoginScopes: every login client asks for openid (it is what makes
// the login OpenID Connect); an idporten client carries nothing but the
// ID-porten scopes. Whether an api_klient or ansattporten client may use an
// API's scope is the scope's allowed integration types and grants, judged by
// scopeUnusable like any client's.
func checkLoginScopes(fe *fieldErrors, integrationType string, scopes []string) {
	if !slices.Contains(scopes, "openid") {
		fe.add("scopes", fmt.Sprintf("an %s client signs people in and must have the scope openid", integrationType))
	}
	if integrationType != "idporten" {
		return
	}
	for _, s := range uniqueStrings(scopes) {
		if !slices.Contains(idportenScopes, s) {
			fe.add("scopes", fmt.Sprintf("an idporten client carries only %s, not %s; a client that calls APIs for the person is an api_klient",
				strings.Join(idportenScopes, ", "), s))
		}
	}
}

// checkLoginURIs: at least one redirect URI; every redirect and
// post-logout URI by the rules of redirectURIProblem; a front-channel logout
// URI only for a non-native client, on the origin of a redirect URI (the
// browser calls it in a frame of the client's own site).
func (f *Fake) checkLoginURIs(fe *fieldErrors, app string, req *clientRequest) {
	if len(req.RedirectURIs) == 0 {
		fe.add("redirect_uris", "a login client needs at least one redirect URI")
	}
	for _, l := range []struct {
		field string
		uris  []string
	}{{"redirect_uris", req.RedirectURIs}, {"post_logout_redirect_uris", req.PostLogoutRedirectURIs}} {
		for _, raw := range l.uris {
			if msg := f.redirectURIProblem(raw, app); msg != "" {
				fe.add(l.field, l.field+": "+msg)
			}
		}
	}
	logout := req.FrontchannelLogoutURI
	if logout == "" {
		return
	}
	if app == "native" {
		fe.add("frontchannel_logout_uri", "a native client has no frontchannel_logout_uri: there is no web page to call")
		return
	}
	if msg := f.redirectURIProblem(logout, app); msg != "" {
		fe.add("frontchannel_logout_uri", "frontchannel_logout_uri: "+msg)
		return
	}
	for _, r := range req.RedirectURIs {
		if origin(r) == origin(logout) {
			return
		}
	}
	fe.add("frontchannel_logout_uri", fmt.Sprintf("frontchannel_logout_uri %q must be on the same scheme, host and port as one of the redirect_uris", logout))
}

// redirectURIProblem says what is wrong with raw as a redirect URI of a
// client of application type app, "" when nothing: an absolute URI without
// a fragment; for web and browser clients http or https with a host, and in
// production not localhost; for native clients any scheme (an app's own,
// com.example.app:/cb, or a loopback http://127.0.0.1:0/cb).
func (f *Fake) redirectURIProblem(raw, app string) string {
	if strings.Contains(raw, "#") {
		return fmt.Sprintf("%q has a fragment (#); a redirect URI has none", raw)
	}
	u, err := url.Parse(raw)
	if err != nil || !u.IsAbs() {
		return fmt.Sprintf("%q is not an absolute URI", raw)
	}
	if app == "native" {
		return ""
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return fmt.Sprintf("%q: a %s client's URIs are http or https, not %s", raw, app, u.Scheme)
	case u.Hostname() == "":
		return fmt.Sprintf("%q has no host", raw)
	case f.opts.Production && isLocalhost(u.Hostname()):
		return fmt.Sprintf("%q: in production only a native client may use localhost", raw)
	}
	return ""
}

// isLocalhost: the name localhost (and its subdomains, RFC 6761) or a
// loopback address.
func isLocalhost(host string) bool {
	host = strings.ToLower(host)
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// origin is raw's scheme, host and port, the port spelled out when it is the
// scheme's default, so that https://a.no/ and https://a.no:443/x share one;
// "" when raw is no absolute URI.
func origin(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || !u.IsAbs() {
		return ""
	}
	port := u.Port()
	if port == "" {
		switch u.Scheme {
		case "http":
			port = "80"
		case "https":
			port = "443"
		}
	}
	return u.Scheme + "://" + strings.ToLower(u.Hostname()) + ":" + port
}

// checkLoginFixedFields: besides integration_type, client_id and
// client_orgno, a login client's supplier_orgno never changes after create
// (§12: the web UI greys it out). A PUT may send it back as it was.
func checkLoginFixedFields(fe *fieldErrors, cl *Client, req *clientRequest) {
	if req.SupplierOrgno != "" && req.SupplierOrgno != cl.SupplierOrgno {
		was := cl.SupplierOrgno
		if was == "" {
			was = "none"
		}
		fe.add("supplier_orgno", fmt.Sprintf("supplier_orgno never changes (is %s)", was))
	}
}

// applyLoginDefaults gives a login client the defaults of §12 for what req
// left out, after applyClientFields has set what it sent.
//
// Ansattporten forces single sign-on off: the client is stored, and
// answered, with sso_disabled true whatever the request said, as the real
// portal does, so that a client that sends false reads back true.
func applyLoginDefaults(cl *Client, req *clientRequest) {
	cl.TokenEndpointAuthMethod = orDefault(req.TokenEndpointAuthMethod, defaultLoginAuthMethod(cl.ApplicationType))
	if len(req.GrantTypes) == 0 {
		cl.GrantTypes = []string{authorizationCodeGrant}
	}
	cl.CodeChallengeMethod = orDefault(req.CodeChallengeMethod, "S256")
	cl.RefreshTokenUsage = orDefault(req.RefreshTokenUsage, "ONETIME")
	if cl.IntegrationType == "ansattporten" {
		cl.SSODisabled = true
	}
}

// notMachineClientReason is why the token endpoint refuses a grant from a
// client that is no Maskinporten or KRR client, in words that tell the user
// no retry will help.
func notMachineClientReason(cl *Client) string {
	if loginIntegration(cl.IntegrationType) {
		return fmt.Sprintf("client %s is an %s client: it signs people in and gets no Maskinporten token", cl.ClientID, cl.IntegrationType)
	}
	return fmt.Sprintf("client %s is an %s client, not a maskinporten or krr client: it gets no Maskinporten token", cl.ClientID, cl.IntegrationType)
}
