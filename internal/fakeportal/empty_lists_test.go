package fakeportal

import (
	"net/http"
	"strings"
	"testing"
)

// Lists with nothing in them answer as the real portal may (§11): 404 with
// §3's error body whose description says "does not have any", on
// /scopes/access (each filter), /scopes/access/all, /scopes/all with a
// filter, and /prefix. A scope that does not exist is a 404 in other words.
func TestEmptyListsSayDoesNotHaveAny(t *testing.T) {
	s := newTestServer(t, Options{})
	prov := s.as(t, provOrgno)
	prov.ok("POST", "/scopes", map[string]any{"prefix": "prov", "subscope": "lonely", "description": "d"}, nil)
	open := &apiClient{t: t, s: s}
	for _, tc := range []struct {
		who  *apiClient
		path string
	}{
		{prov, "/scopes/access?scope=prov:lonely"},
		{prov, "/scopes/access?scope=prov:lonely&consumer_orgno=" + consOrgno},
		{prov, "/scopes/access?consumer_orgno=" + consOrgno},
		{prov, "/scopes/access/all"},
		{s.as(t, consOrgno), "/prefix"},
		{open, "/scopes/all?prefix=nobody"},
		{open, "/scopes/all?prefix=prov&delegated_sources=true"},
	} {
		eb := tc.who.fails("GET", tc.path, nil, http.StatusNotFound)
		if !strings.Contains(eb.ErrorDesc, "does not have any") || !strings.Contains(eb.Error, "does not have any") {
			t.Errorf("GET %s: %q, want the portal's \"does not have any\"", tc.path, eb.ErrorDesc)
		}
	}
	if eb := prov.fails("GET", "/scopes/access?scope=prov:none", nil, http.StatusNotFound); strings.Contains(eb.ErrorDesc, "does not have any") {
		t.Errorf("a scope that does not exist reads as an empty list: %q", eb.ErrorDesc)
	}
	// A filter that finds something answers the list.
	var list []Scope
	open.ok("GET", "/scopes/all?prefix=prov&integration_type=MASKINPORTEN", nil, &list)
	if len(list) != 1 {
		t.Errorf("the catalogue filtered: %+v", list)
	}
	// Without a filter, the catalogue is a list, not an error: here, with
	// no other scope left, KRR's own five (§11).
	prov.ok("DELETE", "/scopes?scope=prov:lonely", nil, nil)
	open.ok("GET", "/scopes/all", nil, &list)
	if len(list) != len(krrScopes) || list[0].Prefix != krrPrefix {
		t.Errorf("the catalogue of only KRR's scopes: %+v", list)
	}
}
