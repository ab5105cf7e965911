package fakeportal

import (
	"net/http"
	"strings"
	"testing"
)

func TestScopeLifecycle(t *testing.T) {
	s := newTestServer(t, Options{})
	c := s.as(t, provOrgno)

	var created Scope
	c.ok("POST", "/scopes", map[string]any{"prefix": "prov", "subscope": "pensjon/v3/alderspensjon",
		"description": "Alderspensjon", "long_description": "Lang", "accessible_for_all": true,
		"allowed_integration_types": []string{"maskinporten"}, "at_max_age": 300}, &created)
	if created.Name != "prov:pensjon/v3/alderspensjon" || !created.Active || created.OwnerOrgno != provOrgno ||
		created.TokenType != "SELF_CONTAINED" || created.Visibility != "PUBLIC" || created.AtMaxAge != 300 ||
		created.Created == "" || created.LastUpdated == "" {
		t.Fatalf("created: %+v", created)
	}
	name := "?scope=prov:pensjon%2Fv3%2Falderspensjon"

	// POST of an existing scope: 409.
	c.fails("POST", "/scopes", map[string]any{"prefix": "prov", "subscope": "pensjon/v3/alderspensjon", "description": "x"}, http.StatusConflict)

	// Deactivate: answered with active false; hidden from the list but for inactive=true.
	var deleted Scope
	c.ok("DELETE", "/scopes"+name, nil, &deleted)
	if deleted.Active || deleted.LastUpdated == created.LastUpdated {
		t.Fatalf("deleted: %+v", deleted)
	}
	var list []Scope
	c.ok("GET", "/scopes", nil, &list)
	if len(list) != 0 {
		t.Fatalf("inactive scope listed: %+v", list)
	}
	c.ok("GET", "/scopes?inactive=true", nil, &list)
	if len(list) != 1 || list[0].Active {
		t.Fatalf("inactive=true: %+v", list)
	}
	c.fails("POST", "/scopes", map[string]any{"prefix": "prov", "subscope": "pensjon/v3/alderspensjon", "description": "x"}, http.StatusConflict)

	// PUT with active true brings it back, and replaces every field: what is
	// left out goes back to its default, but long_description,
	// delegation_source and enforced_aud_for_access_token, which keep their
	// old value when left out, as the real portal's may (§11).
	var put Scope
	c.ok("PUT", "/scopes"+name, map[string]any{"description": "Ny", "active": true}, &put)
	if !put.Active || put.Description != "Ny" || put.LongDescription != "Lang" || put.AccessibleForAll ||
		put.AtMaxAge != 0 || len(put.AllowedIntegrationTypes) != 0 || put.Prefix != "prov" ||
		put.Created != created.Created || put.LastUpdated == deleted.LastUpdated {
		t.Fatalf("after PUT: %+v", put)
	}
	// Sent as "", each is cleared.
	c.ok("PUT", "/scopes"+name, map[string]any{"description": "Ny", "active": true, "long_description": ""}, &put)
	if put.LongDescription != "" {
		t.Fatalf("long_description not cleared: %+v", put)
	}
	var one Scope
	c.ok("GET", "/scopes/scope"+name, nil, &one)
	if one.Description != "Ny" || !one.Active {
		t.Fatalf("GET after PUT: %+v", one)
	}
	// allowed_integration_types is always an array.
	_, raw, _ := c.do("GET", "/scopes/scope"+name, nil)
	if !strings.Contains(string(raw), `"allowed_integration_types":[]`) {
		t.Errorf("allowed_integration_types not an empty array: %s", raw)
	}
	// PUT with active false deactivates.
	c.ok("PUT", "/scopes"+name, map[string]any{"description": "Ny", "active": false}, &put)
	if put.Active {
		t.Fatal("PUT active false did not deactivate")
	}
	// Name parts never change.
	eb := c.fails("PUT", "/scopes"+name, map[string]any{"description": "x", "subscope": "annet"}, http.StatusBadRequest)
	if !eb.fieldNamed("subscope") {
		t.Errorf("subscope change: %+v", eb)
	}

	c.fails("GET", "/scopes/scope?scope=prov:none", nil, http.StatusNotFound)
	c.fails("PUT", "/scopes?scope=prov:none", map[string]any{"description": "x"}, http.StatusNotFound)
	c.fails("GET", "/scopes/scope", nil, http.StatusBadRequest)
}

func TestScopeOfAnotherOrganisation(t *testing.T) {
	s := newTestServer(t, Options{})
	s.as(t, otherOrgno).ok("POST", "/scopes", map[string]any{"prefix": "other", "subscope": "api", "description": "d"}, nil)
	c := s.as(t, provOrgno)
	c.fails("GET", "/scopes/scope?scope=other:api", nil, http.StatusForbidden)
	c.fails("PUT", "/scopes?scope=other:api", map[string]any{"description": "x", "active": true}, http.StatusForbidden)
	c.fails("DELETE", "/scopes?scope=other:api", nil, http.StatusForbidden)
	c.fails("PUT", "/scopes/access/"+consOrgno+"?scope=other:api", nil, http.StatusForbidden)
	c.fails("DELETE", "/scopes/access/"+consOrgno+"?scope=other:api", nil, http.StatusForbidden)
	var list []Scope
	c.ok("GET", "/scopes", nil, &list)
	if len(list) != 0 {
		t.Errorf("another organisation's scope listed: %+v", list)
	}
	// /scopes with no scopes is a plain empty array.
	_, raw, _ := c.do("GET", "/scopes", nil)
	if strings.TrimSpace(string(raw)) != "[]" {
		t.Errorf("empty list: %s", raw)
	}
}

func TestScopeValidation(t *testing.T) {
	s := newTestServer(t, Options{})
	c := s.as(t, provOrgno)
	cases := []struct {
		body  map[string]any
		field string
	}{
		{map[string]any{"prefix": "other", "subscope": "x", "description": "d"}, "prefix"},
		{map[string]any{"prefix": "nope", "subscope": "x", "description": "d"}, "prefix"},
		{map[string]any{"subscope": "x", "description": "d"}, "prefix"},
		{map[string]any{"prefix": "prov", "description": "d"}, "subscope"},
		{map[string]any{"prefix": "prov", "subscope": "a b", "description": "d"}, "subscope"},
		{map[string]any{"prefix": "prov", "subscope": "x"}, "description"},
		{map[string]any{"prefix": "prov", "subscope": "x", "description": strings.Repeat("a", 256)}, "description"},
		{map[string]any{"prefix": "prov", "subscope": "x", "description": "d", "long_description": strings.Repeat("a", 1024)}, "long_description"},
		{map[string]any{"prefix": "prov", "subscope": "x", "description": "d", "visibility": "SECRET"}, "visibility"},
		{map[string]any{"prefix": "prov", "subscope": "x", "description": "d", "token_type": "JWT"}, "token_type"},
		{map[string]any{"prefix": "prov", "subscope": "x", "description": "d", "allowed_integration_types": []string{"Maskinporten"}}, "allowed_integration_types"},
		{map[string]any{"prefix": "prov", "subscope": "x", "description": "d", "at_max_age": -1}, "at_max_age"},
		{map[string]any{"prefix": "prov", "subscope": "x", "description": "d", "authorization_max_lifetime": -1}, "authorization_max_lifetime"},
		{map[string]any{"prefix": "prov", "subscope": "x", "description": "d", "delegation_source": "https://example.org/"}, "delegation_source"},
		{map[string]any{"prefix": "prov", "subscope": "x", "description": "d", "owner_orgno": "991825828"}, "owner_orgno"},
	}
	for _, tc := range cases {
		eb := c.fails("POST", "/scopes", tc.body, http.StatusBadRequest)
		if !eb.fieldNamed(tc.field) {
			t.Errorf("%v: no field error for %s: %+v", tc.body, tc.field, eb.Errors)
		}
	}
	c.fails("POST", "/scopes", "{not json", http.StatusBadRequest)
	// A known delegation source and a second prefix of the caller are fine.
	c.ok("POST", "/scopes", map[string]any{"prefix": "prov2", "subscope": "x", "description": "d",
		"delegation_source": "https://tt02.altinn.no/", "visibility": "PRIVATE", "token_type": "OPAQUE"}, nil)
	// The consumer has no prefix at all.
	s.as(t, consOrgno).fails("POST", "/scopes", map[string]any{"prefix": "prov", "subscope": "y", "description": "d"}, http.StatusBadRequest)
}

func TestScopeCatalogue(t *testing.T) {
	s := newTestServer(t, Options{})
	c := s.as(t, provOrgno)
	for _, b := range []map[string]any{
		{"prefix": "prov", "subscope": "public", "description": "d", "allowed_integration_types": []string{"maskinporten"}},
		{"prefix": "prov", "subscope": "open", "description": "d", "accessible_for_all": true},
		{"prefix": "prov", "subscope": "private", "description": "d", "visibility": "PRIVATE"},
		{"prefix": "prov", "subscope": "gone", "description": "d"},
		{"prefix": "prov2", "subscope": "krr", "description": "d", "allowed_integration_types": []string{"krr"},
			"delegation_source": "https://tt02.altinn.no/"},
	} {
		c.ok("POST", "/scopes", b, nil)
	}
	c.ok("DELETE", "/scopes?scope=prov:gone", nil, nil)

	open := &apiClient{t: t, s: s} // no token
	names := func(q string) string {
		var list []Scope
		open.ok("GET", "/scopes/all"+q, nil, &list)
		var n []string
		for _, s := range list {
			n = append(n, s.Name)
		}
		return strings.Join(n, ",")
	}
	// KRR's own scopes are in the catalogue, open to all: the krr:global
	// ones for krr and maskinporten clients, the krr:user ones for
	// api_klient clients (§11).
	const krrGlobal = "krr:global/digitalpost.read,krr:global/kontaktinformasjon.read,"
	const krrAll = krrGlobal + "krr:user/digitalpost.read,krr:user/kontaktinformasjon.read,krr:user/spraak.write,"
	for q, want := range map[string]string{
		"":                               krrAll + "prov2:krr,prov:open,prov:public",
		"?inactive=true":                 krrAll + "prov2:krr,prov:gone,prov:open,prov:public",
		"?prefix=prov2":                  "prov2:krr",
		"?accessible_for_all=true":       krrAll + "prov:open",
		"?integration_type=MASKINPORTEN": krrGlobal + "prov:open,prov:public",
		"?integration_type=api_klient&prefix=krr": "krr:user/digitalpost.read,krr:user/kontaktinformasjon.read,krr:user/spraak.write",
		"?delegated_sources=true":                 "prov2:krr",
		"?integration_type=krr&prefix=prov":       "prov:open",
		"?integration_type=Krr&prefix=prov2":      "prov2:krr", // either case, as the web UI sends upper case
	} {
		if got := names(q); got != want {
			t.Errorf("/scopes/all%s: %s, want %s", q, got, want)
		}
	}
}
