package fakeportal

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// scopesForClients makes prov:api (granted to the consumer), prov:mine,
// prov:open (accessible for all) and prov:idporten (ID-porten only).
func scopesForClients(t *testing.T, s *Server) {
	prov := s.as(t, provOrgno)
	for _, b := range []map[string]any{
		{"prefix": "prov", "subscope": "api", "description": "d"},
		{"prefix": "prov", "subscope": "mine", "description": "d"},
		{"prefix": "prov", "subscope": "open", "description": "d", "accessible_for_all": true},
		{"prefix": "prov", "subscope": "idporten", "description": "d", "allowed_integration_types": []string{"idporten"}},
		{"prefix": "prov", "subscope": "gone", "description": "d", "accessible_for_all": true},
	} {
		prov.ok("POST", "/scopes", b, nil)
	}
	prov.ok("DELETE", "/scopes?scope=prov:gone", nil, nil)
	prov.ok("PUT", "/scopes/access/"+consOrgno+"?scope=prov:api", nil, nil)
}

func TestClientLifecycle(t *testing.T) {
	s := newTestServer(t, Options{})
	scopesForClients(t, s)
	cons := s.as(t, consOrgno)

	body := map[string]any{"client_id": "my-client-1", "client_name": "Min klient", "description": "Henter data",
		"integration_type": "maskinporten", "scopes": []string{"prov:api", "prov:open"}}
	var cl Client
	cons.ok("POST", "/clients", body, &cl)
	if cl.ClientID != "my-client-1" || cl.ClientOrgno != consOrgno || cl.SupplierOrgno != "" || !cl.Active ||
		cl.ApplicationType != "web" || cl.TokenEndpointAuthMethod != "private_key_jwt" ||
		len(cl.GrantTypes) != 1 || cl.GrantTypes[0] != jwtBearerGrantType ||
		cl.AccessTokenLifetime != 120 || cl.AuthorizationLifetime != 7200 || cl.RefreshTokenLifetime != 600 ||
		cl.ClientSecret != "" || cl.Created == "" || !strings.HasSuffix(cl.JWKSURI, "/api/v1/clients/my-client-1/jwks") {
		t.Fatalf("created: %+v", cl)
	}
	// A retried create with the same id: 409, and the client reads back.
	cons.fails("POST", "/clients", body, http.StatusConflict)
	var read Client
	cons.ok("GET", "/clients/my-client-1", nil, &read)
	if read.ClientName != "Min klient" {
		t.Fatalf("read back: %+v", read)
	}

	// Without an id the server makes a UUID.
	var gen Client
	cons.ok("POST", "/clients", map[string]any{"client_name": "n", "description": "d",
		"integration_type": "maskinporten", "scopes": []string{"prov:open"}}, &gen)
	if !regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(gen.ClientID) {
		t.Errorf("generated id %q is not a UUID", gen.ClientID)
	}

	// PUT replaces: omitted fields get their defaults back.
	var put Client
	cons.ok("PUT", "/clients/my-client-1", map[string]any{"client_name": "Nytt navn", "description": "d",
		"scopes": []string{"prov:api"}, "access_token_lifetime": 60, "active": true}, &put)
	if put.ClientName != "Nytt navn" || len(put.Scopes) != 1 || put.AccessTokenLifetime != 60 ||
		put.IntegrationType != "maskinporten" || put.Created != cl.Created || put.LastUpdated == cl.LastUpdated {
		t.Fatalf("after PUT: %+v", put)
	}
	cons.ok("PUT", "/clients/my-client-1", map[string]any{"client_name": "Nytt navn", "description": "d",
		"scopes": []string{"prov:api"}, "active": true}, &put)
	if put.AccessTokenLifetime != 120 {
		t.Errorf("omitted lifetime not reset: %d", put.AccessTokenLifetime)
	}
	eb := cons.fails("PUT", "/clients/my-client-1", map[string]any{"client_name": "n", "description": "d",
		"integration_type": "krr", "scopes": []string{"prov:api"}}, http.StatusBadRequest)
	if !eb.fieldNamed("integration_type") {
		t.Errorf("integration type change: %+v", eb)
	}
	eb = cons.fails("PUT", "/clients/my-client-1", map[string]any{"client_id": "other", "client_name": "n",
		"description": "d", "scopes": []string{"prov:api"}}, http.StatusBadRequest)
	if !eb.fieldNamed("client_id") {
		t.Errorf("client id mismatch: %+v", eb)
	}

	// A machine client has keys, no secret to renew (client_secrets_test.go
	// has the secrets of login clients).
	if eb := cons.fails("POST", "/clients/my-client-1/secret", nil, http.StatusBadRequest); !eb.fieldNamed("token_endpoint_auth_method") {
		t.Errorf("a secret for a private_key_jwt client: %+v", eb)
	}

	// Deactivate: 200, empty body; hidden but for inactive=true; PUT active true brings it back.
	status, raw, _ := cons.do("DELETE", "/clients/my-client-1", nil)
	if status != http.StatusOK || len(raw) != 0 {
		t.Fatalf("DELETE: %d %q", status, raw)
	}
	// Again: the client is deactivated already, and the portal may say so
	// with 409 (§11).
	if eb := cons.fails("DELETE", "/clients/my-client-1", nil, http.StatusConflict); !strings.Contains(eb.ErrorDesc, "already deactivated") {
		t.Errorf("second DELETE: %s", eb.ErrorDesc)
	}
	var list []Client
	cons.ok("GET", "/clients", nil, &list)
	if len(list) != 1 || list[0].ClientID != gen.ClientID {
		t.Fatalf("list: %+v", list)
	}
	cons.ok("GET", "/clients?inactive=true", nil, &list)
	if len(list) != 2 {
		t.Fatalf("list inactive: %+v", list)
	}
	cons.fails("POST", "/clients/my-client-1/secret", nil, http.StatusConflict)
	cons.ok("PUT", "/clients/my-client-1", map[string]any{"client_name": "n", "description": "d",
		"scopes": []string{"prov:api"}, "active": true}, &put)
	if !put.Active {
		t.Fatal("not reactivated")
	}

	// Another organisation's client, and none.
	s.as(t, otherOrgno).fails("GET", "/clients/my-client-1", nil, http.StatusForbidden)
	s.as(t, otherOrgno).fails("DELETE", "/clients/my-client-1", nil, http.StatusForbidden)
	cons.fails("GET", "/clients/none", nil, http.StatusNotFound)
}

func TestClientValidation(t *testing.T) {
	s := newTestServer(t, Options{})
	scopesForClients(t, s)
	cons := s.as(t, consOrgno)
	base := func(over map[string]any) map[string]any {
		b := map[string]any{"client_name": "n", "description": "d", "integration_type": "maskinporten",
			"scopes": []string{"prov:api"}}
		for k, v := range over {
			b[k] = v
		}
		return b
	}
	cases := []struct {
		over    map[string]any
		field   string
		mention string
	}{
		{map[string]any{"scopes": []string{"prov:mine"}}, "scopes", "prov:mine"}, // not shared with the consumer
		{map[string]any{"scopes": []string{"prov:none"}}, "scopes", "prov:none"},
		{map[string]any{"scopes": []string{"prov:gone"}}, "scopes", "prov:gone"},
		{map[string]any{"scopes": []string{"prov:idporten"}}, "scopes", "prov:idporten"},
		{map[string]any{"scopes": []string{}}, "scopes", "at least one"},
		{map[string]any{"client_name": ""}, "client_name", ""},
		{map[string]any{"description": ""}, "description", ""},
		{map[string]any{"integration_type": "soap"}, "integration_type", ""},
		{map[string]any{"integration_type": ""}, "integration_type", ""},
		{map[string]any{"application_type": "native"}, "application_type", ""},
		{map[string]any{"token_endpoint_auth_method": "client_secret_basic"}, "token_endpoint_auth_method", ""},
		{map[string]any{"grant_types": []string{"client_credentials"}}, "grant_types", ""},
		{map[string]any{"access_token_lifetime": -5}, "access_token_lifetime", ""},
		// 0 is refused (since 2025-05-22), each lifetime on its own.
		{map[string]any{"access_token_lifetime": 0}, "access_token_lifetime", "at least 1"},
		{map[string]any{"authorization_lifetime": 0}, "authorization_lifetime", "at least 1"},
		{map[string]any{"refresh_token_lifetime": 0}, "refresh_token_lifetime", "at least 1"},
		{map[string]any{"client_id": "has space"}, "client_id", ""},
		{map[string]any{"client_orgno": "889640783"}, "client_orgno", ""},
		{map[string]any{"supplier_orgno": "12345678"}, "supplier_orgno", ""},
	}
	for _, tc := range cases {
		eb := cons.fails("POST", "/clients", base(tc.over), http.StatusBadRequest)
		if !eb.fieldNamed(tc.field) || !strings.Contains(eb.ErrorDesc, tc.mention) {
			t.Errorf("%v: want field %s mentioning %q: %s", tc.over, tc.field, tc.mention, eb.ErrorDesc)
		}
	}
	// A revoked grant no longer lets the scope on.
	s.as(t, provOrgno).ok("DELETE", "/scopes/access/"+consOrgno+"?scope=prov:api", nil, nil)
	eb := cons.fails("POST", "/clients", base(nil), http.StatusBadRequest)
	if !strings.Contains(eb.ErrorDesc, "prov:api") || !strings.Contains(eb.ErrorDesc, "not been shared") {
		t.Errorf("revoked grant: %s", eb.ErrorDesc)
	}
	// The owner may use its own scope.
	s.as(t, provOrgno).ok("POST", "/clients", base(map[string]any{"scopes": []string{"prov:mine"}}), nil)

	// A PUT that sends a lifetime of 0 is refused too, and changes nothing;
	// one that leaves the lifetimes out gets the defaults.
	prov := s.as(t, provOrgno)
	var cl Client
	prov.ok("POST", "/clients", base(map[string]any{"client_id": "life", "scopes": []string{"prov:mine"},
		"access_token_lifetime": 60, "authorization_lifetime": 600, "refresh_token_lifetime": 300}), &cl)
	if cl.AccessTokenLifetime != 60 || cl.AuthorizationLifetime != 600 || cl.RefreshTokenLifetime != 300 {
		t.Fatalf("lifetimes given: %+v", cl)
	}
	eb = prov.fails("PUT", "/clients/life", base(map[string]any{"scopes": []string{"prov:mine"}, "refresh_token_lifetime": 0}), http.StatusBadRequest)
	if !eb.fieldNamed("refresh_token_lifetime") {
		t.Errorf("PUT with a lifetime of 0: %+v", eb)
	}
	prov.ok("GET", "/clients/life", nil, &cl)
	if cl.RefreshTokenLifetime != 300 {
		t.Errorf("a refused PUT changed the client: %+v", cl)
	}
	prov.ok("PUT", "/clients/life", base(map[string]any{"scopes": []string{"prov:mine"}}), &cl)
	if cl.AccessTokenLifetime != 120 || cl.AuthorizationLifetime != 7200 || cl.RefreshTokenLifetime != 600 {
		t.Errorf("lifetimes left out: %+v", cl)
	}
}

func TestClientForAnotherOrganisation(t *testing.T) {
	s := newTestServer(t, Options{})
	scopesForClients(t, s)
	prov := s.as(t, provOrgno)
	var cl Client
	prov.ok("POST", "/clients", map[string]any{"client_id": "for-consumer", "client_orgno": consOrgno,
		"client_name": "n", "description": "d", "integration_type": "maskinporten", "scopes": []string{"prov:api"}}, &cl)
	if cl.ClientOrgno != consOrgno || cl.SupplierOrgno != provOrgno {
		t.Fatalf("supplier client: %+v", cl)
	}
	// Both the supplier and the organisation manage it.
	prov.ok("GET", "/clients/for-consumer", nil, nil)
	s.as(t, consOrgno).ok("GET", "/clients/for-consumer", nil, nil)
	s.as(t, otherOrgno).fails("GET", "/clients/for-consumer", nil, http.StatusForbidden)
}
