package fakeportal

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// A grant from a client made through the API is refused in Maskinporten's
// words: a client or key the token endpoint does not know, or a signature
// no key it knows verifies, gets "Client authentication failed." and
// nothing more; a grant it read and refused gets those words and the
// reason; one it cannot read, "Invalid parameter value".
func TestClientGrantRefusals(t *testing.T) {
	s := newTestServer(t, Options{CredentialDelay: time.Hour})
	scopesForClients(t, s)
	cons := s.as(t, consOrgno)
	cons.ok("POST", "/clients", map[string]any{"client_id": "c1", "client_name": "n", "description": "d",
		"integration_type": "maskinporten", "scopes": []string{"prov:api"}}, nil)
	cons.answers(http.StatusCreated, "POST", "/clients/c1/jwks", map[string]any{"keys": []any{validKeyJWK(consKey, "k1")}}, nil)
	// Known from an hour ago on: the client and its key are known to the
	// token endpoint only when dated back.
	s.Edit(func(st *State) {
		old := time.Now().Add(-2 * time.Hour).Format(time.RFC3339Nano)
		st.Clients["c1"].Created = old
		st.JWKS["c1"].Keys[0].Created = old
	})
	cons.ok("POST", "/clients", map[string]any{"client_id": "new", "client_name": "n", "description": "d",
		"integration_type": "maskinporten", "scopes": []string{"prov:api"}}, nil)
	cons.answers(http.StatusCreated, "POST", "/clients/new/jwks", map[string]any{"keys": []any{validKeyJWK(consKey, "k1")}}, nil)

	now := time.Now()
	good := grantSpec{key: consKey, kid: "k1", iss: "c1", aud: s.Audience, scope: "prov:api", iat: now}
	if status, ans := postToken(t, s, grantForm(signGrant(t, good))); status != http.StatusOK {
		t.Fatalf("the good grant: %d %v", status, ans)
	}

	const notKnown = "Invalid assertion. Client authentication failed."
	for _, tc := range []struct {
		name   string
		change func(g *grantSpec)
		exact  string // the whole description, or
		prefix string // how it starts, with more after it
		more   string // and what the more holds
	}{
		{name: "unknown client", change: func(g *grantSpec) { g.iss = "nobody" }, exact: notKnown},
		{name: "client not known yet", change: func(g *grantSpec) { g.iss = "new" }, exact: notKnown},
		{name: "unknown kid", change: func(g *grantSpec) { g.kid = "k2" }, exact: notKnown},
		{name: "wrong signature", change: func(g *grantSpec) { g.key = otherKey }, exact: notKnown},
		{name: "expired", change: func(g *grantSpec) { g.iat = now.Add(-200 * time.Second); g.exp = now.Add(-80 * time.Second) },
			prefix: notKnown + " ", more: "JWT is expired"},
		{name: "bad audience", change: func(g *grantSpec) { g.aud = "https://maskinporten.no/" },
			prefix: notKnown + " ", more: "Invalid JWT claim aud"},
		{name: "iat in the future", change: func(g *grantSpec) { g.iat = now.Add(time.Minute) },
			prefix: notKnown + " ", more: "iat"},
		{name: "no kid", change: func(g *grantSpec) { g.kid = "" }, prefix: "the assertion's header must have the kid", more: "kid"},
	} {
		g := good
		tc.change(&g)
		status, ans := postToken(t, s, grantForm(signGrant(t, g)))
		desc, _ := ans["error_description"].(string)
		switch {
		case status != http.StatusBadRequest || ans["error"] != "invalid_grant":
			t.Errorf("%s: %d %v, want 400 invalid_grant", tc.name, status, ans)
		case tc.exact != "" && desc != tc.exact:
			t.Errorf("%s: %q, want exactly %q", tc.name, desc, tc.exact)
		case tc.exact == "" && (!strings.HasPrefix(desc, tc.prefix) || len(desc) == len(tc.prefix) || !strings.Contains(desc, tc.more)):
			t.Errorf("%s: %q, want %q followed by a reason with %q", tc.name, desc, tc.prefix, tc.more)
		}
	}

	status, ans := postToken(t, s, grantForm("eyJhbGciOiJSUzI1NiJ9.not-json"))
	if desc, _ := ans["error_description"].(string); status != http.StatusBadRequest || ans["error"] != "invalid_grant" ||
		!strings.HasPrefix(desc, "Invalid assertion. Invalid parameter value: ") {
		t.Errorf("malformed: %d %v", status, ans)
	}
}
