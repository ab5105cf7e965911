package fakeportal

import (
	"net/http"
	"strings"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
)

func TestTokenGrantWithKid(t *testing.T) {
	s := newTestServer(t, Options{})
	for _, alg := range []jose.SignatureAlgorithm{jose.RS256, jose.RS384, jose.RS512} {
		assertion := signGrant(t, grantSpec{key: provKey, alg: alg, kid: provOrgno + "-admin",
			iss: "admin-" + provOrgno, aud: s.Audience, scope: "idporten:scopes.read idporten:dcr.read"})
		status, ans := postToken(t, s, grantForm(assertion))
		if status != http.StatusOK {
			t.Fatalf("%s: status %d: %v", alg, status, ans)
		}
		if ans["token_type"] != "Bearer" || ans["expires_in"] != float64(599) ||
			ans["scope"] != "idporten:scopes.read idporten:dcr.read" || ans["access_token"] == "" {
			t.Fatalf("%s: answer %v", alg, ans)
		}
		c := &apiClient{t: t, s: s, token: ans["access_token"].(string)}
		var scopes []Scope
		c.ok("GET", "/scopes", nil, &scopes)
		// The token holds only what was asked for.
		eb := c.fails("POST", "/scopes", map[string]any{"prefix": "prov", "subscope": "x", "description": "d"}, http.StatusForbidden)
		if !strings.Contains(eb.ErrorDesc, "idporten:scopes.write") {
			t.Errorf("403 does not name the scope: %s", eb.ErrorDesc)
		}
	}
}

func TestTokenGrantWithX5c(t *testing.T) {
	s := newTestServer(t, Options{})
	assertion := signGrant(t, grantSpec{key: certKey, x5c: certOrgCert, iss: "admin-cert", aud: s.Audience,
		scope: "idporten:scopes.read"})
	status, ans := postToken(t, s, grantForm(assertion))
	if status != http.StatusOK {
		t.Fatalf("status %d: %v", status, ans)
	}
	c := &apiClient{t: t, s: s, token: ans["access_token"].(string)}
	// The certificate organisation has no prefix: the token acts for it.
	eb := c.fails("GET", "/prefix", nil, http.StatusNotFound)
	if !strings.Contains(eb.ErrorDesc, certOrgno) {
		t.Errorf("the token does not act for %s: %s", certOrgno, eb.ErrorDesc)
	}
}

func TestTokenGrantRefusals(t *testing.T) {
	clock := newClock()
	s := newTestServer(t, Options{Now: clock.Now})
	s.AddOrg(Org{Orgno: "889640782", Name: "KONSUMENT AS", AdminClientID: "admin-" + consOrgno,
		AdminKeyID: consOrgno + "-admin", AdminPublicKey: &consKey.PublicKey,
		AdminScopes: []string{"idporten:scopes.read"}})
	now := clock.Now()
	good := grantSpec{key: provKey, kid: provOrgno + "-admin", iss: "admin-" + provOrgno,
		aud: s.Audience, scope: "idporten:scopes.read", iat: now}

	reused := good
	reused.jti = "once-only"
	if status, ans := postToken(t, s, grantForm(signGrant(t, reused))); status != http.StatusOK {
		t.Fatalf("first use of a jti: %d %v", status, ans)
	}

	cases := []struct {
		name   string
		change func(g *grantSpec)
		code   string
		desc   string
	}{
		{"bad signature", func(g *grantSpec) { g.key = otherKey }, "invalid_grant", "signature"},
		{"wrong aud", func(g *grantSpec) { g.aud = strings.TrimSuffix(s.Audience, "/") }, "invalid_grant", "aud"},
		{"exp-iat over 120", func(g *grantSpec) { g.exp = g.iat.Add(121 * time.Second) }, "invalid_grant", "exp - iat"},
		{"expired", func(g *grantSpec) { g.iat = now.Add(-200 * time.Second); g.exp = now.Add(-80 * time.Second) }, "invalid_grant", "expired"},
		{"iat in the future", func(g *grantSpec) { g.iat = now.Add(30 * time.Second); g.exp = g.iat.Add(60 * time.Second) }, "invalid_grant", "future"},
		{"reused jti", func(g *grantSpec) { g.jti = "once-only" }, "invalid_grant", "jti"},
		{"no jti", func(g *grantSpec) { g.noJTI = true }, "invalid_grant", "jti"},
		{"unknown iss", func(g *grantSpec) { g.iss = "admin-nobody" }, "invalid_grant", "Client authentication failed"},
		{"unknown kid", func(g *grantSpec) { g.kid = "other-kid" }, "invalid_grant", "kid"},
		{"no kid nor x5c", func(g *grantSpec) { g.kid = "" }, "invalid_grant", "kid or x5c"},
		{"x5c for a client with keys", func(g *grantSpec) { g.kid = ""; g.x5c = certOrgCert; g.key = certKey }, "invalid_grant", "registered keys"},
		{"unknown scope", func(g *grantSpec) { g.scope = "idporten:scopes.read prov:secret" }, "invalid_scope", "prov:secret"},
		{"scope not allowed for the client", func(g *grantSpec) {
			g.key, g.kid, g.iss, g.scope = consKey, consOrgno+"-admin", "admin-"+consOrgno, "idporten:scopes.write"
		}, "invalid_scope", "idporten:scopes.write"},
		{"no scope", func(g *grantSpec) { g.scope = "" }, "invalid_scope", "no scope"},
		{"HS256 is not accepted", nil, "invalid_grant", "RS256"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			g := good
			var assertion string
			if tc.change != nil {
				tc.change(&g)
				assertion = signGrant(t, g)
			} else {
				signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.HS256, Key: []byte("0123456789abcdef0123456789abcdef")}, nil)
				if err != nil {
					t.Fatal(err)
				}
				obj, _ := signer.Sign([]byte(`{"iss":"admin-` + provOrgno + `"}`))
				assertion, _ = obj.CompactSerialize()
			}
			status, ans := postToken(t, s, grantForm(assertion))
			if status != http.StatusBadRequest || ans["error"] != tc.code ||
				!strings.Contains(ans["error_description"].(string), tc.desc) {
				t.Fatalf("got %d %v, want 400 %s mentioning %q", status, ans, tc.code, tc.desc)
			}
		})
	}

	t.Run("x5c with another certificate", func(t *testing.T) {
		g := grantSpec{key: provKey, x5c: selfSigned(t, provKey), iss: "admin-cert", aud: s.Audience,
			scope: "idporten:scopes.read", iat: now}
		status, ans := postToken(t, s, grantForm(signGrant(t, g)))
		if status != http.StatusBadRequest || !strings.Contains(ans["error_description"].(string), "certificate") {
			t.Fatalf("got %d %v", status, ans)
		}
	})
	t.Run("form errors", func(t *testing.T) {
		for form, code := range map[string]string{
			"assertion=x":                                               "invalid_request",
			"grant_type=client_credentials":                             "unsupported_grant_type",
			"grant_type=" + jwtBearerGrantType:                          "invalid_request",
			"grant_type=" + jwtBearerGrantType + "&assertion=not.a.jwt": "invalid_grant",
		} {
			status, ans := postToken(t, s, form)
			if status != http.StatusBadRequest || ans["error"] != code {
				t.Errorf("%s: got %d %v, want %s", form, status, ans, code)
			}
		}
	})
	t.Run("clock tolerance", func(t *testing.T) {
		g := good
		g.iat = now.Add(-125 * time.Second)
		g.exp = now.Add(-5 * time.Second) // expired 5 s ago: within tolerance
		if status, ans := postToken(t, s, grantForm(signGrant(t, g))); status != http.StatusOK {
			t.Fatalf("within tolerance: %d %v", status, ans)
		}
	})
}
