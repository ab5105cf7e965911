package fakeportal

import (
	"encoding/json"
	"testing"
)

// unlistedScopeFields are fields of the live catalogue that portal-api.md
// does not list, with the values the fake gives a scope described "d".
var unlistedScopeFields = map[string]any{
	"protected":                    false,
	"supports_european_businesses": false,
	"description#en":               "d",
	"long_description#nn":          "lang",
}

// checkUnlisted checks that every scope object in raw (one or a list)
// carries the unlisted fields.
func checkUnlisted(t *testing.T, what string, raw []byte) {
	t.Helper()
	var objs []map[string]any
	if err := json.Unmarshal(raw, &objs); err != nil {
		var one map[string]any
		if err := json.Unmarshal(raw, &one); err != nil {
			t.Fatalf("%s: %s", what, raw)
		}
		objs = []map[string]any{one}
	}
	if len(objs) == 0 {
		t.Fatalf("%s: no scope in %s", what, raw)
	}
	for _, o := range objs {
		for field, want := range unlistedScopeFields {
			if got, ok := o[field]; !ok || got != want {
				t.Errorf("%s: %s is %v (present %v), want %v: %s", what, field, got, ok, want, raw)
			}
		}
	}
}

func TestScopeAnswersCarryUnlistedFields(t *testing.T) {
	s := newTestServer(t, Options{})
	c := s.as(t, provOrgno)
	body := map[string]any{"prefix": "prov", "subscope": "api", "description": "d", "long_description": "lang"}

	call := func(method, path string, body any) []byte {
		t.Helper()
		status, raw, _ := c.do(method, path, body)
		if status != 200 {
			t.Fatalf("%s %s: %d %s", method, path, status, raw)
		}
		return raw
	}
	checkUnlisted(t, "POST /scopes", call("POST", "/scopes", body))
	checkUnlisted(t, "GET /scopes", call("GET", "/scopes", nil))
	checkUnlisted(t, "GET /scopes/scope", call("GET", "/scopes/scope?scope=prov:api", nil))
	checkUnlisted(t, "GET /scopes/all", call("GET", "/scopes/all?prefix=prov", nil)) // not KRR's, described otherwise

	// A PUT without them is fine; so is one that sends back what it read,
	// unlisted fields included, and they change nothing.
	body["active"] = true
	checkUnlisted(t, "PUT /scopes without them", call("PUT", "/scopes?scope=prov:api", body))
	var read map[string]any
	json.Unmarshal(call("GET", "/scopes/scope?scope=prov:api", nil), &read)
	read["protected"], read["description#en"] = true, "changed"
	checkUnlisted(t, "PUT /scopes with them", call("PUT", "/scopes?scope=prov:api", read))

	checkUnlisted(t, "DELETE /scopes", call("DELETE", "/scopes?scope=prov:api", nil))
	checkUnlisted(t, "GET /scopes?inactive=true", call("GET", "/scopes?inactive=true", nil))
}
