package fakeportal

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

// idportenClient is what an ID-porten login client sends.
func idportenClient(id string, scopes ...string) map[string]any {
	return map[string]any{"client_id": id, "client_name": "Innlogging", "description": "Logger inn brukere",
		"integration_type": "idporten", "application_type": "web", "token_endpoint_auth_method": "client_secret_basic",
		"grant_types":   []string{"authorization_code"},
		"redirect_uris": []string{"https://app.example.no/callback"}, "post_logout_redirect_uris": []string{"https://app.example.no/"},
		"frontchannel_logout_uri": "https://app.example.no/logout", "code_challenge_method": "S256",
		"client_uri": "https://app.example.no/", "scopes": scopes}
}

// openid and profile exist everywhere: an organisation that neither owns
// nor was given them puts them on its ID-porten clients.
func TestBuiltinScopesOnIDPortenClients(t *testing.T) {
	s := newTestServer(t, Options{})
	cons := s.as(t, consOrgno)
	var cl Client
	cons.ok("POST", "/clients", idportenClient("login-1", "openid", "profile"), &cl)
	if !slices.Equal(cl.Scopes, []string{"openid", "profile"}) || cl.IntegrationType != "idporten" {
		t.Fatalf("created: %+v", cl)
	}
	cons.ok("PUT", "/clients/login-1", idportenClient("login-1", "openid"), &cl)
	for _, it := range []string{"ansattporten", "idporten_saml2"} {
		body := idportenClient("login-"+it, "openid", "profile")
		body["integration_type"] = it
		cons.ok("POST", "/clients", body, nil)
	}

	// They are nobody's own scopes and not in the catalogue.
	var list []Scope
	s.as(t, provOrgno).ok("GET", "/scopes", nil, &list)
	(&apiClient{t: t, s: s}).ok("GET", "/scopes/all", nil, &list)
	for _, sc := range list {
		if sc.Name == "openid" || sc.Name == "profile" {
			t.Errorf("built-in scope listed: %+v", sc)
		}
	}
}

func TestMaskinportenClientNeedsRealScopes(t *testing.T) {
	s := newTestServer(t, Options{})
	scopesForClients(t, s)
	cons := s.as(t, consOrgno)
	body := func(id string, scopes ...string) map[string]any {
		return map[string]any{"client_id": id, "client_name": "n", "description": "d",
			"integration_type": "maskinporten", "scopes": scopes}
	}
	eb := cons.fails("POST", "/clients", body("m1", "prov:api", "prov:nope"), http.StatusBadRequest)
	if !eb.fieldNamed("scopes") || !strings.Contains(eb.ErrorDesc, "prov:nope does not exist") {
		t.Errorf("a scope that does not exist: %s", eb.ErrorDesc)
	}
	// openid exists, but not for Maskinporten.
	eb = cons.fails("POST", "/clients", body("m2", "openid"), http.StatusBadRequest)
	if !strings.Contains(eb.ErrorDesc, "does not allow integration type maskinporten") {
		t.Errorf("openid on a maskinporten client: %s", eb.ErrorDesc)
	}
	// An ID-porten client is refused a scope that does not exist, too.
	eb = cons.fails("POST", "/clients", idportenClient("login-2", "openid", "email-nope"), http.StatusBadRequest)
	if !strings.Contains(eb.ErrorDesc, "email-nope does not exist") {
		t.Errorf("a scope that does not exist on an ID-porten client: %s", eb.ErrorDesc)
	}
	cons.ok("POST", "/clients", body("m3", "prov:api"), nil)
}
