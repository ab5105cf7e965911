package fakeportal

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// The real portal answers unset strings, false booleans and empty lists
// explicitly (portal-api.md §11); a client that read "" and absent apart
// would see a diff against it, so the fake does the same.
func TestAnswersCarryEmptyFieldsExplicitly(t *testing.T) {
	s := newTestServer(t, Options{})
	scopesForClients(t, s)
	prov := s.as(t, provOrgno)
	_, raw, _ := prov.do("GET", "/scopes/scope?scope=prov:api", nil)
	for _, want := range []string{`"long_description":""`, `"delegation_source":""`, `"enforced_aud_for_access_token":""`,
		`"allowed_integration_types":[]`, `"requires_user_consent":false`} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("scope answer lacks %s: %s", want, raw)
		}
	}
	cons := s.as(t, consOrgno)
	cons.ok("POST", "/clients", map[string]any{"client_id": "c1", "client_name": "n", "description": "d",
		"integration_type": "maskinporten", "scopes": []string{"prov:api"}}, nil)
	_, raw, _ = cons.do("GET", "/clients/c1", nil)
	for _, want := range []string{`"sso_disabled":false`, `"refresh_token_usage":""`, `"redirect_uris":[]`,
		`"post_logout_redirect_uris":[]`, `"logo_uri":""`, `"frontchannel_logout_uri":""`, `"code_challenge_method":""`,
		`"client_uri":""`} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("client answer lacks %s: %s", want, raw)
		}
	}
}

// A PUT that leaves out long_description, delegation_source or
// enforced_aud_for_access_token keeps the old value, as the real portal may
// (§11); only an explicit "" clears it.
func TestScopePutKeepsLeftOutOptionalStrings(t *testing.T) {
	s := newTestServer(t, Options{})
	c := s.as(t, provOrgno)
	full := map[string]any{"prefix": "prov", "subscope": "api", "description": "d", "long_description": "lang",
		"delegation_source": "https://tt02.altinn.no/", "enforced_aud_for_access_token": "https://api.example.no"}
	c.ok("POST", "/scopes", full, nil)
	var got Scope
	c.ok("PUT", "/scopes?scope=prov:api", map[string]any{"description": "d2", "active": true}, &got)
	if got.LongDescription != "lang" || got.DelegationSource != "https://tt02.altinn.no/" ||
		got.EnforcedAudForAccessToken != "https://api.example.no" || got.Description != "d2" {
		t.Fatalf("left out, changed: %+v", got)
	}
	status, raw, _ := c.do("PUT", "/scopes?scope=prov:api", map[string]any{"description": "d2", "active": true,
		"long_description": "", "delegation_source": "", "enforced_aud_for_access_token": ""})
	if status != http.StatusOK {
		t.Fatalf("PUT: %d %s", status, raw)
	}
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	if got.LongDescription != "" || got.DelegationSource != "" || got.EnforcedAudForAccessToken != "" {
		t.Fatalf("sent empty, kept: %+v", got)
	}
}
