package fakeportal

import (
	"net/http"
	"strings"
	"testing"
)

// seedClient puts an active client of orgno of the given kind into the fake.
func seedClient(s *Server, id, orgno, integrationType string, active bool) {
	s.Edit(func(st *State) {
		st.Clients[id] = &Client{ClientID: id, ClientName: id, Description: "test", ClientOrgno: orgno,
			IntegrationType: integrationType, Active: active, Created: "2026-01-01T00:00:00.000+01:00",
			LastUpdated: "2026-01-01T00:00:00.000+01:00"}
	})
}

func TestOnBehalfOf_lifecycle(t *testing.T) {
	s := newTestServer(t, Options{})
	seedClient(s, "krr-1", provOrgno, "krr", true)
	c := s.as(t, provOrgno)
	base := "/clients/krr-1/onbehalfof"

	// No record yet: the list answers "does not have any", as the real
	// portal's empty lists do.
	eb := c.fails("GET", base, nil, http.StatusNotFound)
	if !strings.Contains(eb.ErrorDesc, "does not have any") {
		t.Fatalf("empty list: %+v", eb)
	}

	body := map[string]any{"onbehalfof": "kunde-1", "name": "Kunde En", "orgno": consOrgno,
		"description": "first customer", "uri": "https://kunde.example.no", "logo_uri": "https://kunde.example.no/logo.png"}
	var made OnBehalfOf
	c.ok("POST", base, body, &made)
	if made.ID != "krr-1::kunde-1" || made.OnBehalfOf != "kunde-1" || made.Orgno != consOrgno || made.Name != "Kunde En" ||
		made.OrganizationName != "KONSUMENT AS" || made.Created == "" || made.LastUpdated == "" || made.URI != "https://kunde.example.no" {
		t.Fatalf("POST: %+v", made)
	}
	// The same onbehalfof again: 409, so that a retried create is seen.
	c.fails("POST", base, body, http.StatusConflict)

	var list []OnBehalfOf
	c.ok("GET", base, nil, &list)
	if len(list) != 1 || list[0].OnBehalfOf != "kunde-1" {
		t.Fatalf("list: %+v", list)
	}
	var read OnBehalfOf
	c.ok("GET", base+"/kunde-1", nil, &read)
	if read != made {
		t.Fatalf("GET %+v, want %+v", read, made)
	}
	c.fails("GET", base+"/kunde-2", nil, http.StatusNotFound)

	// PUT replaces: what is left out is emptied; last_updated moves on.
	var changed OnBehalfOf
	c.ok("PUT", base+"/kunde-1", map[string]any{"name": "Kunde 1", "orgno": consOrgno}, &changed)
	if changed.Name != "Kunde 1" || changed.Description != "" || changed.URI != "" || changed.Created != made.Created ||
		changed.LastUpdated == made.LastUpdated || changed.OrganizationName != "KONSUMENT AS" {
		t.Fatalf("PUT: %+v", changed)
	}
	// orgno and onbehalfof never change.
	if eb := c.fails("PUT", base+"/kunde-1", map[string]any{"name": "x", "orgno": otherOrgno}, http.StatusBadRequest); !eb.fieldNamed("orgno") {
		t.Errorf("orgno change: %+v", eb.Errors)
	}
	if eb := c.fails("PUT", base+"/kunde-1", map[string]any{"name": "x", "onbehalfof": "kunde-9"}, http.StatusBadRequest); !eb.fieldNamed("onbehalfof") {
		t.Errorf("onbehalfof change: %+v", eb.Errors)
	}
	c.fails("PUT", base+"/kunde-2", map[string]any{"name": "x"}, http.StatusNotFound)

	// An orgno the fake does not know keeps the name sent.
	var unknown OnBehalfOf
	unknownOrgno := SyntheticOrgnos(1)[0]
	c.ok("POST", base, map[string]any{"onbehalfof": "kunde-2", "name": "Kunde To", "orgno": unknownOrgno,
		"organization_name": "KUNDE TO AS"}, &unknown)
	if unknown.OrganizationName != "KUNDE TO AS" {
		t.Errorf("organization_name of an unknown orgno: %+v", unknown)
	}

	c.ok("DELETE", base+"/kunde-1", nil, nil)
	c.fails("GET", base+"/kunde-1", nil, http.StatusNotFound)
	c.fails("DELETE", base+"/kunde-1", nil, http.StatusNotFound)
	c.ok("GET", base, nil, &list)
	if len(list) != 1 || list[0].OnBehalfOf != "kunde-2" {
		t.Fatalf("list after delete: %+v", list)
	}
	// Deleted is gone for good: the same onbehalfof can be made again.
	c.ok("POST", base, body, nil)
}

func TestOnBehalfOf_refusals(t *testing.T) {
	s := newTestServer(t, Options{})
	seedClient(s, "mp-1", provOrgno, "maskinporten", true)
	seedClient(s, "idp-1", provOrgno, "idporten", true)
	seedClient(s, "api-1", provOrgno, "api_klient", true)
	seedClient(s, "ansatt-1", provOrgno, "ansattporten", true)
	seedClient(s, "old-1", provOrgno, "idporten", false)
	seedClient(s, "cons-1", consOrgno, "idporten", true)
	c := s.as(t, provOrgno)
	good := func(obo string) map[string]any {
		return map[string]any{"onbehalfof": obo, "name": "Kunde", "orgno": consOrgno}
	}

	for _, id := range []string{"mp-1", "ansatt-1"} {
		if eb := c.fails("POST", "/clients/"+id+"/onbehalfof", good("k"), http.StatusBadRequest); !eb.fieldNamed("integration_type") {
			t.Errorf("%s: %+v", id, eb.Errors)
		}
	}
	c.ok("POST", "/clients/idp-1/onbehalfof", good("k"), nil)
	c.ok("POST", "/clients/api-1/onbehalfof", good("k"), nil)
	c.fails("POST", "/clients/old-1/onbehalfof", good("k"), http.StatusConflict)
	c.fails("POST", "/clients/nope/onbehalfof", good("k"), http.StatusNotFound)
	c.fails("POST", "/clients/cons-1/onbehalfof", good("k"), http.StatusForbidden)
	c.fails("GET", "/clients/cons-1/onbehalfof", nil, http.StatusForbidden)

	long := strings.Repeat("x", 256)
	for _, tc := range []struct {
		body  map[string]any
		field string
	}{
		{map[string]any{"name": "Kunde", "orgno": consOrgno}, "onbehalfof"},
		{map[string]any{"onbehalfof": "a b", "name": "Kunde", "orgno": consOrgno}, "onbehalfof"},
		{map[string]any{"onbehalfof": "a:b", "name": "Kunde", "orgno": consOrgno}, "onbehalfof"},
		{map[string]any{"onbehalfof": strings.Repeat("a", 65), "name": "Kunde", "orgno": consOrgno}, "onbehalfof"},
		{map[string]any{"onbehalfof": "k2", "orgno": consOrgno}, "name"},
		{map[string]any{"onbehalfof": "k2", "name": "Kunde", "orgno": "12345678"}, "orgno"},
		{map[string]any{"onbehalfof": "k2", "name": "Kunde", "orgno": "991825828"}, "orgno"},
		{map[string]any{"onbehalfof": "k2", "name": "Kunde", "orgno": consOrgno, "description": long}, "description"},
		{map[string]any{"onbehalfof": "k2", "name": "Kunde", "orgno": consOrgno, "uri": "kunde.example.no"}, "uri"},
		{map[string]any{"onbehalfof": "k2", "name": "Kunde", "orgno": consOrgno, "logo_uri": "ftp://x.no/l.png"}, "logo_uri"},
	} {
		if eb := c.fails("POST", "/clients/idp-1/onbehalfof", tc.body, http.StatusBadRequest); !eb.fieldNamed(tc.field) {
			t.Errorf("%v: want a field error on %s: %+v", tc.body, tc.field, eb.Errors)
		}
	}
	// 255 characters are fine.
	c.ok("POST", "/clients/idp-1/onbehalfof", map[string]any{"onbehalfof": "k3", "name": "Kunde", "orgno": consOrgno,
		"description": strings.Repeat("æ", 255)}, nil)

	// Records stay readable, and removable, on a deactivated client; not writable.
	s.Edit(func(st *State) { st.Clients["idp-1"].Active = false })
	c.ok("GET", "/clients/idp-1/onbehalfof/k", nil, nil)
	c.fails("PUT", "/clients/idp-1/onbehalfof/k", map[string]any{"name": "x"}, http.StatusConflict)
	c.ok("DELETE", "/clients/idp-1/onbehalfof/k", nil, nil)
}

func TestOnBehalfOf_scopes(t *testing.T) {
	s := newTestServer(t, Options{})
	seedClient(s, "idp-1", provOrgno, "idporten", true)
	base := "/clients/idp-1/onbehalfof"
	body := func(obo string) map[string]any {
		return map[string]any{"onbehalfof": obo, "name": "K", "orgno": consOrgno}
	}

	s.as(t, provOrgno, "idporten:dcr.read").fails("POST", base, body("a"), http.StatusForbidden)
	s.as(t, provOrgno, "idporten:scopes.write").fails("GET", base, nil, http.StatusForbidden)
	for i, scope := range []string{"idporten:dcr.write", "idporten:dcr.modify", "idporten:dcr/onbehalfof.write"} {
		obo := string(rune('a' + i))
		s.as(t, provOrgno, scope).ok("POST", base, body(obo), nil)
		s.as(t, provOrgno, scope).ok("PUT", base+"/"+obo, body(obo), nil)
		s.as(t, provOrgno, scope).ok("DELETE", base+"/"+obo, nil, nil)
	}
	s.as(t, provOrgno, "idporten:dcr.modify").fails("GET", base, nil, http.StatusForbidden)
	s.as(t, provOrgno, "idporten:dcr.write").ok("POST", base, body("z"), nil)
	s.as(t, provOrgno, "idporten:dcr.read").ok("GET", base, nil, nil)
	s.as(t, provOrgno, "idporten:dcr.read").ok("GET", base+"/z", nil, nil)
	s.as(t, provOrgno, "idporten:dcr/onbehalfof.write").ok("GET", base, nil, nil)
}

// The test helpers change a record behind the client's back.
func TestOnBehalfOf_driftHelpers(t *testing.T) {
	s := newTestServer(t, Options{})
	seedClient(s, "krr-1", provOrgno, "krr", true)
	c := s.as(t, provOrgno)
	var made OnBehalfOf
	c.ok("POST", "/clients/krr-1/onbehalfof", map[string]any{"onbehalfof": "k", "name": "K", "orgno": consOrgno}, &made)
	if !s.EditOnBehalfOf("krr-1", "k", func(r *OnBehalfOf) { r.Name = "changed" }) {
		t.Fatal("EditOnBehalfOf found no record")
	}
	got, ok := s.OnBehalfOfRecord("krr-1", "k")
	if !ok || got.Name != "changed" || got.LastUpdated == made.LastUpdated {
		t.Fatalf("after edit: %+v", got)
	}
	s.DeleteOnBehalfOf("krr-1", "k")
	if _, ok := s.OnBehalfOfRecord("krr-1", "k"); ok {
		t.Fatal("record still there after DeleteOnBehalfOf")
	}
	if s.EditOnBehalfOf("krr-1", "k", func(*OnBehalfOf) {}) {
		t.Fatal("EditOnBehalfOf of a missing record reports true")
	}
}
