package fakeportal

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestKeySets(t *testing.T) {
	clock := newClock()
	s := newTestServer(t, Options{Now: clock.Now})
	scopesForClients(t, s)
	cons := s.as(t, consOrgno)
	cons.ok("POST", "/clients", map[string]any{"client_id": "c1", "client_name": "n", "description": "d",
		"integration_type": "maskinporten", "scopes": []string{"prov:api"}}, nil)

	var ks KeySet
	// A client without keys: its key set is 404, as the real portal's may
	// be, while the client is there.
	if eb := cons.fails("GET", "/clients/c1/jwks", nil, http.StatusNotFound); !strings.Contains(eb.ErrorDesc, "no keys") {
		t.Errorf("no keys: %s", eb.ErrorDesc)
	}
	cons.ok("GET", "/clients/c1", nil, nil)

	// POST replaces the whole set, and answers 201 with it.
	cons.answers(http.StatusCreated, "POST", "/clients/c1/jwks", map[string]any{"keys": []any{validKeyJWK(provKey, "a"), validKeyJWK(consKey, "b")}}, &ks)
	if len(ks.Keys) != 2 || ks.Created == "" {
		t.Fatalf("two keys: %+v", ks)
	}
	wantExp := clock.Now().Add(365 * 24 * time.Hour).Unix()
	if ks.Keys[0].Exp != wantExp || ks.Keys[0].Created == "" {
		t.Errorf("default exp %d, want %d", ks.Keys[0].Exp, wantExp)
	}
	cons.answers(http.StatusCreated, "POST", "/clients/c1/jwks", map[string]any{"keys": []any{validKeyJWK(consKey, "b")}}, &ks)
	if len(ks.Keys) != 1 || ks.Keys[0].Kid != "b" {
		t.Fatalf("replaced set: %+v", ks)
	}

	// Per-kid calls.
	var k JWK
	cons.ok("PUT", "/clients/c1/jwks/c", validKeyJWK(otherKey, "c"), &k)
	if k.Kid != "c" || k.Use != "sig" {
		t.Fatalf("PUT key: %+v", k)
	}
	noKid := validKeyJWK(provKey, "")
	delete(noKid, "kid")
	cons.ok("PUT", "/clients/c1/jwks/d.1_x-y", noKid, &k) // the path names the kid
	cons.ok("GET", "/clients/c1/jwks", nil, &ks)
	if len(ks.Keys) != 3 {
		t.Fatalf("after PUTs: %+v", ks)
	}
	cons.ok("GET", "/clients/c1/jwks/c", nil, &k)
	if k.Kid != "c" {
		t.Fatalf("GET key: %+v", k)
	}
	eb := cons.fails("PUT", "/clients/c1/jwks/c", validKeyJWK(otherKey, "zz"), http.StatusBadRequest)
	if !eb.fieldNamed("kid") {
		t.Errorf("kid mismatch: %+v", eb)
	}
	status, raw, _ := cons.do("DELETE", "/clients/c1/jwks/c", nil)
	if status != http.StatusNoContent || len(raw) != 0 {
		t.Fatalf("DELETE key: %d %s", status, raw)
	}
	cons.fails("GET", "/clients/c1/jwks/c", nil, http.StatusNotFound)
	cons.fails("DELETE", "/clients/c1/jwks/c", nil, http.StatusNotFound)

	// Validation.
	withKey := func(change func(k map[string]any)) map[string]any {
		k := validKeyJWK(provKey, "v")
		change(k)
		return map[string]any{"keys": []any{k}}
	}
	cases := []struct {
		body  any
		field string
	}{
		{withKey(func(k map[string]any) { k["kty"] = "EC" }), "keys[0].kty"},
		{withKey(func(k map[string]any) { k["use"] = "enc" }), "keys[0].use"},
		{withKey(func(k map[string]any) { delete(k, "use") }), "keys[0].use"},
		{withKey(func(k map[string]any) { k["alg"] = "ES256" }), "keys[0].alg"},
		// The portal's 2025 key schema has no RS384 (portal-api.md §11).
		{withKey(func(k map[string]any) { k["alg"] = "RS384" }), "keys[0].alg"},
		{withKey(func(k map[string]any) { k["kid"] = "bad kid!" }), "keys[0].kid"},
		{withKey(func(k map[string]any) { k["d"] = "c2VjcmV0" }), "keys[0].d"},
		{withKey(func(k map[string]any) { k["p"] = "c2VjcmV0" }), "keys[0].p"},
		{withKey(func(k map[string]any) { k["exp"] = clock.Now().Add(400 * 24 * time.Hour).Unix() }), "keys[0].exp"},
		{withKey(func(k map[string]any) { k["exp"] = clock.Now().Add(-time.Hour).Unix() }), "keys[0].exp"},
		{map[string]any{"keys": []any{validKeyJWK(weakKey, "weak")}}, "keys[0].n"},
		{map[string]any{"keys": []any{validKeyJWK(provKey, "x"), validKeyJWK(consKey, "x")}}, "keys[1].kid"},
		{map[string]any{}, "keys"},
		// No keys at all: the last key goes with DELETE, never with POST.
		{map[string]any{"keys": []any{}}, "keys"},
	}
	six := []any{}
	for i := range 6 {
		six = append(six, validKeyJWK(provKey, fmt.Sprint("k", i)))
	}
	cases = append(cases, struct {
		body  any
		field string
	}{map[string]any{"keys": six}, "keys"})
	for _, tc := range cases {
		eb := cons.fails("POST", "/clients/c1/jwks", tc.body, http.StatusBadRequest)
		if !eb.fieldNamed(tc.field) {
			t.Errorf("want field error %s: %+v", tc.field, eb.Errors)
		}
	}
	// A refused set leaves the old one.
	cons.ok("GET", "/clients/c1/jwks", nil, &ks)
	if len(ks.Keys) != 2 {
		t.Fatalf("after refusals: %+v", ks)
	}
	// An exp within a year is kept.
	exp := clock.Now().Add(30 * 24 * time.Hour).Unix()
	cons.ok("PUT", "/clients/c1/jwks/e", validKeyJWK(provKey, "e"), nil)
	ok := validKeyJWK(provKey, "f")
	ok["exp"] = exp
	cons.ok("PUT", "/clients/c1/jwks/f", ok, &k)
	if k.Exp != exp {
		t.Errorf("exp %d, want %d", k.Exp, exp)
	}
	// At most five keys, also one at a time.
	cons.ok("PUT", "/clients/c1/jwks/g", validKeyJWK(provKey, "g"), nil)
	eb = cons.fails("PUT", "/clients/c1/jwks/h", validKeyJWK(provKey, "h"), http.StatusBadRequest)
	if !eb.fieldNamed("kid") {
		t.Errorf("sixth key: %+v", eb)
	}

	// DELETE removes every key: 204, no body; the set is then 404, and a
	// DELETE of no keys is still fine.
	for range 2 {
		status, raw, _ = cons.do("DELETE", "/clients/c1/jwks", nil)
		if status != http.StatusNoContent || len(raw) != 0 {
			t.Fatalf("DELETE set: %d %s", status, raw)
		}
	}
	cons.fails("GET", "/clients/c1/jwks", nil, http.StatusNotFound)
	// A client that does not exist is 404 too, with other words.
	if eb := cons.fails("GET", "/clients/nobody/jwks", nil, http.StatusNotFound); !strings.Contains(eb.ErrorDesc, "does not exist") {
		t.Errorf("no client: %s", eb.ErrorDesc)
	}
	// dcr.modify is enough for keys; another organisation's client is 403.
	s.as(t, consOrgno, "idporten:dcr.modify").ok("PUT", "/clients/c1/jwks/m", validKeyJWK(provKey, "m"), nil)
	s.as(t, otherOrgno).fails("GET", "/clients/c1/jwks", nil, http.StatusForbidden)
	s.as(t, otherOrgno).fails("POST", "/clients/c1/jwks", map[string]any{"keys": []any{}}, http.StatusForbidden)
}
