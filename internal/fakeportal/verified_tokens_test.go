package fakeportal

import (
	"net/http"
	"strings"
	"testing"
)

// A token the fake has accepted once is remembered, but only as the whole
// text it checked: the same token with its claims or its signature changed
// is refused as before.
func TestRememberedTokenIsTheWholeText(t *testing.T) {
	s := newTestServer(t, Options{})
	good := s.IssueToken(consOrgno)
	c := &apiClient{t: t, s: s, token: good}
	c.ok("GET", "/scopes", nil, nil)
	c.ok("GET", "/scopes", nil, nil) // the second time from what was remembered

	parts := strings.Split(good, ".")
	other := strings.Split(s.IssueToken(provOrgno), ".")
	for name, tok := range map[string]string{
		// another organisation's claims under this token's signature
		"claims changed": parts[0] + "." + other[1] + "." + parts[2],
		// this token's claims under another token's signature
		"signature changed": parts[0] + "." + parts[1] + "." + other[2],
	} {
		eb := (&apiClient{t: t, s: s, token: tok}).fails("GET", "/scopes", nil, http.StatusUnauthorized)
		if !strings.Contains(eb.ErrorDesc, "signature") {
			t.Errorf("%s: %s, want the signature refused", name, eb.ErrorDesc)
		}
	}
}
