package fakeportal

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// loginClient is a good web client of integrationType that signs people in,
// with over's fields changed (a nil value removes the field).
func loginClient(integrationType string, over map[string]any) map[string]any {
	b := map[string]any{"client_name": "Innlogging", "description": "Logger inn brukere",
		"integration_type": integrationType, "application_type": "web",
		"token_endpoint_auth_method": "client_secret_basic", "grant_types": []string{"authorization_code"},
		"redirect_uris":             []string{"https://app.example.no/callback"},
		"post_logout_redirect_uris": []string{"https://app.example.no/"},
		"frontchannel_logout_uri":   "https://app.example.no/logout",
		"code_challenge_method":     "S256", "scopes": []string{"openid", "profile"}}
	for k, v := range over {
		if v == nil {
			delete(b, k)
		} else {
			b[k] = v
		}
	}
	return b
}

// A native client: its own URI scheme, no front-channel logout, no secret.
var nativeApp = map[string]any{"application_type": "native", "token_endpoint_auth_method": "none",
	"redirect_uris": []string{"no.example.app:/callback"}, "post_logout_redirect_uris": nil, "frontchannel_logout_uri": nil}

// with is over and more together.
func with(over map[string]any, more map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range over {
		out[k] = v
	}
	for k, v := range more {
		out[k] = v
	}
	return out
}

// scopesForLoginClients makes API scopes for login clients: prov:apiklient
// (api_klient, granted to the consumer), prov:apiklient-open (api_klient,
// open to all), prov:apiklient-closed (api_klient, not shared),
// prov:ansatt (ansattporten, granted), prov:machine (maskinporten, open) and
// prov:idporten (idporten, open).
func scopesForLoginClients(t *testing.T, s *Server) {
	prov := s.as(t, provOrgno)
	for _, b := range []map[string]any{
		{"subscope": "apiklient", "allowed_integration_types": []string{"api_klient"}},
		{"subscope": "apiklient-open", "allowed_integration_types": []string{"api_klient"}, "accessible_for_all": true},
		{"subscope": "apiklient-closed", "allowed_integration_types": []string{"api_klient"}},
		{"subscope": "ansatt", "allowed_integration_types": []string{"ansattporten"}},
		{"subscope": "machine", "allowed_integration_types": []string{"maskinporten"}, "accessible_for_all": true},
		{"subscope": "idporten", "allowed_integration_types": []string{"idporten"}, "accessible_for_all": true},
	} {
		b["prefix"], b["description"] = "prov", "d"
		prov.ok("POST", "/scopes", b, nil)
	}
	prov.ok("PUT", "/scopes/access/"+consOrgno+"?scope=prov:apiklient", nil, nil)
	prov.ok("PUT", "/scopes/access/"+consOrgno+"?scope=prov:ansatt", nil, nil)
}

// Each rule of §12 refuses a client that breaks it with 400 naming the
// field.
func TestLoginClientRules(t *testing.T) {
	s := newTestServer(t, Options{})
	scopesForLoginClients(t, s)
	cons := s.as(t, consOrgno)
	browser := map[string]any{"application_type": "browser", "token_endpoint_auth_method": "none"}
	cases := []struct {
		name            string
		integrationType string
		over            map[string]any
		field, mention  string
	}{
		{"application type", "idporten", map[string]any{"application_type": "desktop"}, "application_type", "desktop"},

		{"web without authentication", "idporten", map[string]any{"token_endpoint_auth_method": "none"}, "token_endpoint_auth_method", "not none"},
		{"browser with a secret", "idporten", with(browser, map[string]any{"token_endpoint_auth_method": "client_secret_basic"}), "token_endpoint_auth_method", "must be none"},
		{"native with a key", "api_klient", with(nativeApp, map[string]any{"token_endpoint_auth_method": "private_key_jwt", "scopes": []string{"openid"}}), "token_endpoint_auth_method", "must be none"},
		{"native with a secret post", "ansattporten", with(nativeApp, map[string]any{"token_endpoint_auth_method": "client_secret_post"}), "token_endpoint_auth_method", "must be none"},

		{"implicit", "idporten", map[string]any{"grant_types": []string{"authorization_code", "implicit"}}, "grant_types", "deprecated"},
		{"no authorization code", "idporten", map[string]any{"grant_types": []string{"refresh_token"}}, "grant_types", "must have grant type authorization_code"},
		{"jwt bearer", "api_klient", map[string]any{"grant_types": []string{"authorization_code", jwtBearerGrantType}}, "grant_types", jwtBearerGrantType},
		{"client credentials", "ansattporten", map[string]any{"grant_types": []string{"authorization_code", "client_credentials"}}, "grant_types", "client_credentials"},

		{"no redirect uri", "idporten", map[string]any{"redirect_uris": []string{}, "frontchannel_logout_uri": nil}, "redirect_uris", "at least one"},
		{"redirect uri left out", "idporten", map[string]any{"redirect_uris": nil, "frontchannel_logout_uri": nil}, "redirect_uris", "at least one"},
		{"redirect fragment", "idporten", map[string]any{"redirect_uris": []string{"https://app.example.no/callback#x"}}, "redirect_uris", "fragment"},
		{"native redirect fragment", "idporten", with(nativeApp, map[string]any{"redirect_uris": []string{"no.example.app:/cb#x"}}), "redirect_uris", "fragment"},
		{"redirect scheme", "idporten", map[string]any{"redirect_uris": []string{"ftp://app.example.no/callback"}, "frontchannel_logout_uri": nil}, "redirect_uris", "http or https"},
		{"browser redirect app scheme", "idporten", with(browser, map[string]any{"redirect_uris": []string{"no.example.app:/callback"}, "frontchannel_logout_uri": nil}), "redirect_uris", "http or https"},
		{"redirect without host", "idporten", map[string]any{"redirect_uris": []string{"https:///callback"}, "frontchannel_logout_uri": nil}, "redirect_uris", "no host"},
		{"redirect relative", "idporten", map[string]any{"redirect_uris": []string{"/callback"}, "frontchannel_logout_uri": nil}, "redirect_uris", "not an absolute URI"},
		{"native redirect relative", "idporten", with(nativeApp, map[string]any{"redirect_uris": []string{"callback"}}), "redirect_uris", "not an absolute URI"},
		{"post logout fragment", "idporten", map[string]any{"post_logout_redirect_uris": []string{"https://app.example.no/#bye"}}, "post_logout_redirect_uris", "fragment"},
		{"post logout scheme", "api_klient", map[string]any{"post_logout_redirect_uris": []string{"javascript:alert(1)"}}, "post_logout_redirect_uris", "http or https"},

		{"native front-channel logout", "idporten", with(nativeApp, map[string]any{"frontchannel_logout_uri": "https://app.example.no/logout"}), "frontchannel_logout_uri", "native"},
		{"front-channel logout elsewhere", "idporten", map[string]any{"frontchannel_logout_uri": "https://other.example.no/logout"}, "frontchannel_logout_uri", "same scheme, host and port"},
		{"front-channel logout other port", "idporten", map[string]any{"frontchannel_logout_uri": "https://app.example.no:8443/logout"}, "frontchannel_logout_uri", "same scheme, host and port"},
		{"front-channel logout other scheme", "ansattporten", map[string]any{"frontchannel_logout_uri": "http://app.example.no/logout"}, "frontchannel_logout_uri", "same scheme, host and port"},
		{"front-channel logout fragment", "idporten", map[string]any{"frontchannel_logout_uri": "https://app.example.no/logout#x"}, "frontchannel_logout_uri", "fragment"},

		{"code challenge method", "idporten", map[string]any{"code_challenge_method": "plain"}, "code_challenge_method", "plain"},
		{"browser without PKCE", "idporten", with(browser, map[string]any{"code_challenge_method": "none"}), "code_challenge_method", "S256"},
		{"native without PKCE", "api_klient", with(nativeApp, map[string]any{"code_challenge_method": "none", "scopes": []string{"openid"}}), "code_challenge_method", "S256"},

		{"refresh token usage", "idporten", map[string]any{"refresh_token_usage": "SOMETIMES"}, "refresh_token_usage", "SOMETIMES"},
		{"lifetime zero", "idporten", map[string]any{"refresh_token_lifetime": 0}, "refresh_token_lifetime", "at least 1"},

		{"idporten without openid", "idporten", map[string]any{"scopes": []string{"profile"}}, "scopes", "must have the scope openid"},
		{"idporten without scopes", "idporten", map[string]any{"scopes": nil}, "scopes", "must have the scope openid"},
		{"idporten with an API scope", "idporten", map[string]any{"scopes": []string{"openid", "prov:idporten"}}, "scopes", "carries only openid, profile, eidas, no_pid, not prov:idporten"},
		{"idporten with KRR's user scope", "idporten", map[string]any{"scopes": []string{"openid", "krr:user/kontaktinformasjon.read"}}, "scopes", "carries only openid, profile, eidas, no_pid, not krr:user/kontaktinformasjon.read"},
		{"api_klient without openid", "api_klient", map[string]any{"scopes": []string{"profile", "prov:apiklient"}}, "scopes", "must have the scope openid"},
		{"api_klient with eidas", "api_klient", map[string]any{"scopes": []string{"openid", "eidas"}}, "scopes", "eidas does not allow integration type api_klient"},
		{"api_klient with a machine scope", "api_klient", map[string]any{"scopes": []string{"openid", "prov:machine"}}, "scopes", "prov:machine does not allow integration type api_klient"},
		{"api_klient with a scope not shared", "api_klient", map[string]any{"scopes": []string{"openid", "prov:apiklient-closed"}}, "scopes", "not been shared"},
		{"ansattporten without openid", "ansattporten", map[string]any{"scopes": []string{"profile"}}, "scopes", "must have the scope openid"},
		{"ansattporten with an api_klient scope", "ansattporten", map[string]any{"scopes": []string{"openid", "prov:apiklient"}}, "scopes", "prov:apiklient does not allow integration type ansattporten"},
		{"ansattporten with no_pid", "ansattporten", map[string]any{"scopes": []string{"openid", "no_pid"}}, "scopes", "no_pid does not allow integration type ansattporten"},
	}
	for _, tc := range cases {
		eb := cons.fails("POST", "/clients", loginClient(tc.integrationType, tc.over), http.StatusBadRequest)
		if !eb.fieldNamed(tc.field) || !strings.Contains(eb.ErrorDesc, tc.mention) {
			t.Errorf("%s: want field %s mentioning %q: %s", tc.name, tc.field, tc.mention, eb.ErrorDesc)
		}
	}

	// One answer names every bad field.
	eb := cons.fails("POST", "/clients", loginClient("idporten", map[string]any{"token_endpoint_auth_method": "none",
		"grant_types": []string{"implicit"}, "scopes": []string{"profile"}}), http.StatusBadRequest)
	for _, field := range []string{"token_endpoint_auth_method", "grant_types", "scopes"} {
		if !eb.fieldNamed(field) {
			t.Errorf("several broken rules: %s not named: %s", field, eb.ErrorDesc)
		}
	}

	// A PUT is judged by the same rules, and a refused one changes nothing.
	cons.ok("POST", "/clients", loginClient("idporten", map[string]any{"client_id": "put-me"}), nil)
	eb = cons.fails("PUT", "/clients/put-me", loginClient("idporten", map[string]any{"grant_types": []string{"implicit", "authorization_code"}}), http.StatusBadRequest)
	if !eb.fieldNamed("grant_types") {
		t.Errorf("PUT with implicit: %s", eb.ErrorDesc)
	}
	var cl Client
	cons.ok("GET", "/clients/put-me", nil, &cl)
	if !slices.Equal(cl.GrantTypes, []string{"authorization_code"}) {
		t.Errorf("a refused PUT changed the client: %v", cl.GrantTypes)
	}
}

// What §12 allows, it accepts, for each kind of login client.
func TestLoginClientsAccepted(t *testing.T) {
	s := newTestServer(t, Options{})
	scopesForLoginClients(t, s)
	cons := s.as(t, consOrgno)
	for _, tc := range []struct {
		name            string
		integrationType string
		over            map[string]any
	}{
		{"idporten with every ID-porten scope and refresh tokens", "idporten", map[string]any{
			"scopes": []string{"openid", "profile", "eidas", "no_pid"}, "token_endpoint_auth_method": "client_secret_post",
			"grant_types": []string{"authorization_code", "refresh_token"}, "refresh_token_usage": "REUSE"}},
		{"idporten with openid alone, keys and no PKCE", "idporten", map[string]any{"scopes": []string{"openid"},
			"token_endpoint_auth_method": "private_key_jwt", "code_challenge_method": "none"}},
		{"browser on localhost in the test environment", "idporten", map[string]any{"application_type": "browser",
			"token_endpoint_auth_method": "none", "redirect_uris": []string{"http://localhost:3000/cb"},
			"post_logout_redirect_uris": []string{"http://localhost:3000/"}, "frontchannel_logout_uri": "http://localhost:3000/logout"}},
		{"web on localhost in the test environment", "ansattporten", map[string]any{
			"redirect_uris": []string{"http://127.0.0.1:8080/cb"}, "frontchannel_logout_uri": nil}},
		{"native with its own scheme and a loopback", "idporten", with(nativeApp, map[string]any{
			"redirect_uris": []string{"no.example.app:/callback", "http://127.0.0.1:0/callback"}})},
		{"front-channel logout on the default port spelled out", "idporten", map[string]any{
			"frontchannel_logout_uri": "https://app.example.no:443/logout"}},
		{"front-channel logout on a second redirect's origin", "idporten", map[string]any{
			"redirect_uris":           []string{"https://app.example.no/callback", "https://login.example.no:8443/cb"},
			"frontchannel_logout_uri": "https://login.example.no:8443/logout"}},
		{"api_klient calling APIs for the person", "api_klient", map[string]any{"scopes": []string{"openid", "profile",
			"prov:apiklient", "prov:apiklient-open", "krr:user/kontaktinformasjon.read"}}},
		{"ansattporten with an employee API", "ansattporten", map[string]any{"scopes": []string{"openid", "profile", "prov:ansatt"}}},
	} {
		if status, raw, _ := cons.do("POST", "/clients", loginClient(tc.integrationType, tc.over)); status != http.StatusOK {
			t.Errorf("%s: %d %s", tc.name, status, raw)
		}
	}
}

// A login client that leaves fields out gets defaults that fit its
// application type; a machine client's stay as they were.
func TestLoginClientDefaults(t *testing.T) {
	s := newTestServer(t, Options{})
	scopesForLoginClients(t, s)
	cons := s.as(t, consOrgno)
	bare := func(integrationType string, over map[string]any) map[string]any {
		return loginClient(integrationType, with(map[string]any{"application_type": nil, "token_endpoint_auth_method": nil,
			"grant_types": nil, "code_challenge_method": nil, "scopes": []string{"openid"}}, over))
	}
	for _, tc := range []struct {
		name            string
		integrationType string
		over            map[string]any
		app, method     string
	}{
		{"idporten", "idporten", nil, "web", "client_secret_basic"},
		{"api_klient", "api_klient", nil, "web", "client_secret_basic"},
		{"ansattporten", "ansattporten", nil, "web", "client_secret_basic"},
		{"browser", "idporten", map[string]any{"application_type": "browser"}, "browser", "none"},
		{"native", "api_klient", with(nativeApp, map[string]any{"token_endpoint_auth_method": nil}), "native", "none"},
	} {
		var cl Client
		cons.ok("POST", "/clients", bare(tc.integrationType, tc.over), &cl)
		if cl.ApplicationType != tc.app || cl.TokenEndpointAuthMethod != tc.method ||
			!slices.Equal(cl.GrantTypes, []string{"authorization_code"}) || cl.CodeChallengeMethod != "S256" ||
			cl.RefreshTokenUsage != "ONETIME" || (cl.ClientSecret != "") != (tc.method == "client_secret_basic") {
			t.Errorf("%s: defaults %+v", tc.name, cl)
		}
	}

	var m Client
	cons.ok("POST", "/clients", map[string]any{"client_name": "n", "description": "d",
		"integration_type": "maskinporten", "scopes": []string{"prov:machine"}}, &m)
	if m.TokenEndpointAuthMethod != "private_key_jwt" || !slices.Equal(m.GrantTypes, []string{jwtBearerGrantType}) ||
		m.CodeChallengeMethod != "" || m.RefreshTokenUsage != "" {
		t.Errorf("a machine client got login defaults: %+v", m)
	}
}

// Ansattporten forces single sign-on off: sso_disabled reads back true
// whatever a create or a PUT sent; ID-porten keeps what was sent.
func TestAnsattportenForcesSSODisabled(t *testing.T) {
	s := newTestServer(t, Options{})
	cons := s.as(t, consOrgno)
	var cl Client
	cons.ok("POST", "/clients", loginClient("ansattporten", map[string]any{"client_id": "ansatt", "sso_disabled": false}), &cl)
	if !cl.SSODisabled {
		t.Errorf("created with sso_disabled false: %+v", cl)
	}
	cons.ok("PUT", "/clients/ansatt", loginClient("ansattporten", map[string]any{"sso_disabled": false}), &cl)
	cons.ok("GET", "/clients/ansatt", nil, &cl)
	if !cl.SSODisabled {
		t.Errorf("after a PUT with sso_disabled false: %+v", cl)
	}
	cons.ok("POST", "/clients", loginClient("idporten", map[string]any{"client_id": "citizens"}), &cl)
	if cl.SSODisabled {
		t.Errorf("idporten client: sso_disabled %v, want the default false", cl.SSODisabled)
	}
}

// integration_type, client_id, client_orgno and supplier_orgno never change
// after create; a PUT may send them back as they were.
func TestLoginClientFixedFields(t *testing.T) {
	s := newTestServer(t, Options{})
	prov := s.as(t, provOrgno)
	cons := s.as(t, consOrgno)
	prov.ok("POST", "/clients", loginClient("api_klient", map[string]any{"client_id": "made-by-supplier", "client_orgno": consOrgno}), nil)
	cons.ok("POST", "/clients", loginClient("idporten", map[string]any{"client_id": "own"}), nil)

	for _, tc := range []struct {
		name  string
		as    *apiClient
		id    string
		over  map[string]any
		field string
	}{
		{"another supplier", prov, "made-by-supplier", map[string]any{"client_orgno": consOrgno, "supplier_orgno": otherOrgno}, "supplier_orgno"},
		{"a supplier added", cons, "own", map[string]any{"supplier_orgno": provOrgno}, "supplier_orgno"},
		{"another kind", cons, "own", map[string]any{"integration_type": "ansattporten"}, "integration_type"},
		{"another organisation", cons, "own", map[string]any{"client_orgno": otherOrgno}, "client_orgno"},
		{"another id", cons, "own", map[string]any{"client_id": "other"}, "client_id"},
	} {
		eb := tc.as.fails("PUT", "/clients/"+tc.id, loginClient("idporten", with(map[string]any{"integration_type": nil}, tc.over)), http.StatusBadRequest)
		if !eb.fieldNamed(tc.field) {
			t.Errorf("%s: want field %s: %s", tc.name, tc.field, eb.ErrorDesc)
		}
	}
	var cl Client
	prov.ok("PUT", "/clients/made-by-supplier", loginClient("api_klient", map[string]any{"client_id": "made-by-supplier",
		"client_orgno": consOrgno, "supplier_orgno": provOrgno}), &cl)
	if cl.SupplierOrgno != provOrgno || cl.ClientOrgno != consOrgno {
		t.Errorf("sent back as it was: %+v", cl)
	}
}

// In production only a native client may use localhost or a loopback
// address; in the test environment (the default) any client may.
func TestLoginClientLocalhostInProduction(t *testing.T) {
	s := newTestServer(t, Options{Production: true})
	cons := s.as(t, consOrgno)
	for _, tc := range []struct {
		name  string
		over  map[string]any
		field string
	}{
		{"web on localhost", map[string]any{"redirect_uris": []string{"https://localhost/cb"}, "frontchannel_logout_uri": nil}, "redirect_uris"},
		{"browser on 127.0.0.1", map[string]any{"application_type": "browser", "token_endpoint_auth_method": "none",
			"redirect_uris": []string{"http://127.0.0.1:8080/cb"}, "frontchannel_logout_uri": nil}, "redirect_uris"},
		{"web on a subdomain of localhost", map[string]any{"redirect_uris": []string{"http://app.localhost/cb"}, "frontchannel_logout_uri": nil}, "redirect_uris"},
		{"post logout to [::1]", map[string]any{"post_logout_redirect_uris": []string{"http://[::1]:3000/"}}, "post_logout_redirect_uris"},
	} {
		eb := cons.fails("POST", "/clients", loginClient("idporten", tc.over), http.StatusBadRequest)
		if !eb.fieldNamed(tc.field) || !strings.Contains(eb.ErrorDesc, "in production only a native client may use localhost") {
			t.Errorf("%s: want field %s: %s", tc.name, tc.field, eb.ErrorDesc)
		}
	}
	cons.ok("POST", "/clients", loginClient("idporten", with(nativeApp, map[string]any{
		"redirect_uris": []string{"http://127.0.0.1:0/callback", "http://localhost:0/callback"}})), nil)
	cons.ok("POST", "/clients", loginClient("idporten", nil), nil)

	test := newTestServer(t, Options{})
	test.as(t, consOrgno).ok("POST", "/clients", loginClient("idporten", map[string]any{
		"redirect_uris": []string{"https://localhost/cb"}, "frontchannel_logout_uri": nil}), nil)
}

// eidas and no_pid, like openid and profile, are nobody's own scopes and
// not in the catalogue.
func TestIDPortenScopesNotInCatalogue(t *testing.T) {
	s := newTestServer(t, Options{})
	var list []Scope
	(&apiClient{t: t, s: s}).ok("GET", "/scopes/all", nil, &list)
	for _, sc := range list {
		if slices.Contains(idportenScopes, sc.Name) {
			t.Errorf("built-in scope listed: %s", sc.Name)
		}
	}
}

// A login client never gets a Maskinporten token, even with keys and a
// grant they sign: the answer says why, so that nobody waits for it to
// become known. A grant no key of the client verifies learns nothing about
// its kind.
func TestTokenEndpointRefusesLoginClients(t *testing.T) {
	s := newTestServer(t, Options{})
	cons := s.as(t, consOrgno)
	cons.ok("POST", "/clients", loginClient("idporten", map[string]any{"client_id": "login-keys",
		"token_endpoint_auth_method": "private_key_jwt"}), nil)
	cons.answers(http.StatusCreated, "POST", "/clients/login-keys/jwks", map[string]any{"keys": []any{validKeyJWK(consKey, "k1")}}, nil)

	grant := grantSpec{key: consKey, kid: "k1", iss: "login-keys", aud: s.Audience, scope: "openid"}
	status, ans := postToken(t, s, grantForm(signGrant(t, grant)))
	desc, _ := ans["error_description"].(string)
	if status != http.StatusBadRequest || ans["error"] != "invalid_grant" ||
		desc != clientAuthFailed+" client login-keys is an idporten client: it signs people in and gets no Maskinporten token" {
		raw, _ := json.Marshal(ans)
		t.Errorf("a login client's grant: %d %s", status, raw)
	}

	grant.key = otherKey
	status, ans = postToken(t, s, grantForm(signGrant(t, grant)))
	if desc, _ := ans["error_description"].(string); status != http.StatusBadRequest || desc != clientAuthFailed {
		t.Errorf("a grant the client's key does not verify: %d %v", status, ans)
	}
}
