package fakeportal

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
)

// getOpen is a GET without a token; it returns the status, Content-Type and body.
func getOpen(t *testing.T, url string) (int, string, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header.Get("Content-Type"), raw
}

// A client that knows only the issuer finds the token endpoint in the
// metadata, gets a token there, and checks that token against the keys at
// jwks_uri.
func TestDiscoveryLeadsToTokenAndItsKey(t *testing.T) {
	s := newTestServer(t, Options{})
	status, ct, raw := getOpen(t, strings.TrimSuffix(s.Audience, "/")+"/.well-known/oauth-authorization-server")
	if status != http.StatusOK || ct != "application/json" {
		t.Fatalf("metadata: %d %q %s", status, ct, raw)
	}
	var md struct {
		Issuer        string   `json:"issuer"`
		TokenEndpoint string   `json:"token_endpoint"`
		JWKSURI       string   `json:"jwks_uri"`
		GrantTypes    []string `json:"grant_types_supported"`
		Scopes        []string `json:"scopes_supported"`
		SigningAlgs   []string `json:"token_endpoint_auth_signing_alg_values_supported"`
	}
	if err := json.Unmarshal(raw, &md); err != nil {
		t.Fatal(err)
	}
	if md.Issuer != s.Audience || md.Issuer != s.Fake.Audience() || md.TokenEndpoint != s.TokenEndpoint ||
		!strings.HasPrefix(md.JWKSURI, s.URL+"/") ||
		!slices.Equal(md.GrantTypes, []string{"urn:ietf:params:oauth:grant-type:jwt-bearer"}) ||
		!slices.Contains(md.Scopes, "idporten:scopes.write") || !slices.Contains(md.Scopes, "idporten:dcr.read") ||
		!slices.Contains(md.SigningAlgs, "RS256") {
		t.Fatalf("metadata: %s", raw)
	}

	// The grant names the metadata's issuer as its audience.
	assertion := signGrant(t, grantSpec{key: provKey, kid: provOrgno + "-admin", iss: "admin-" + provOrgno,
		aud: md.Issuer, scope: "idporten:scopes.read"})
	resp, err := http.PostForm(md.TokenEndpoint, map[string][]string{
		"grant_type": {jwtBearerGrantType}, "assertion": {assertion}})
	if err != nil {
		t.Fatal(err)
	}
	var tok tokenAnswer
	err = json.NewDecoder(resp.Body).Decode(&tok)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK || tok.AccessToken == "" {
		t.Fatalf("token from the metadata's endpoint: %d %v", resp.StatusCode, err)
	}

	status, ct, raw = getOpen(t, md.JWKSURI)
	if status != http.StatusOK || ct != "application/json" {
		t.Fatalf("jwks: %d %q %s", status, ct, raw)
	}
	var set jose.JSONWebKeySet
	if err := json.Unmarshal(raw, &set); err != nil {
		t.Fatal(err)
	}
	if len(set.Keys) != 1 {
		t.Fatalf("jwks: %s", raw)
	}
	k := set.Keys[0]
	if !k.IsPublic() || k.Use != "sig" || k.Algorithm != "RS256" || k.KeyID == "" || strings.Contains(string(raw), `"d"`) {
		t.Fatalf("signing key: %s", raw)
	}
	parsed, err := jwt.ParseSigned(tok.AccessToken, []jose.SignatureAlgorithm{jose.RS256})
	if err != nil {
		t.Fatal(err)
	}
	if kid := parsed.Headers[0].KeyID; kid != k.KeyID {
		t.Fatalf("the token's kid %q is not the served key's %q", kid, k.KeyID)
	}
	var claims accessClaims
	if err := parsed.Claims(set.Key(k.KeyID)[0].Key, &claims); err != nil {
		t.Fatalf("the token does not verify against the served key: %v", err)
	}
	if claims.Iss != md.Issuer || claims.orgno() != provOrgno {
		t.Errorf("claims: %+v", claims)
	}

	// A token of another fake, signed by another key, does not verify.
	other := New(Options{SigningKey: signKeyB})
	var ignored accessClaims
	foreign, _ := jwt.ParseSigned(other.IssueToken(provOrgno), []jose.SignatureAlgorithm{jose.RS256})
	if err := foreign.Claims(set.Keys[0].Key, &ignored); err == nil {
		t.Error("another key's token verified against the served key")
	}
}

// The metadata and keys are Maskinporten's, at the server's root: counted
// under their own keys, not under the API's base, and not served there.
func TestDiscoveryRoutesAreNotAPIRoutes(t *testing.T) {
	s := newTestServer(t, Options{})
	getOpen(t, s.Metadata) // read twice, as two clients starting would
	var md serverMetadata
	_, _, raw := getOpen(t, s.Metadata)
	if err := json.Unmarshal(raw, &md); err != nil {
		t.Fatal(err)
	}
	getOpen(t, md.JWKSURI)
	if n := s.RequestCount("GET /.well-known/oauth-authorization-server"); n != 2 {
		t.Errorf("metadata requests counted %d, want 2: %v", n, s.RequestCounts())
	}
	if n := s.RequestCount("GET /jwk"); n != 1 {
		t.Errorf("key requests counted %d, want 1: %v", n, s.RequestCounts())
	}
	for _, path := range []string{"/api/v1/.well-known/oauth-authorization-server", "/api/v1/jwk"} {
		if status, _, _ := getOpen(t, s.URL+path); status != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", path, status)
		}
		if n := s.RequestCount("GET " + path); n != 1 {
			t.Errorf("GET %s counted %d times under its own path, want 1: %v", path, n, s.RequestCounts())
		}
	}
	if s.RequestCount("GET /jwk") != 1 || s.RequestCount("GET /.well-known/oauth-authorization-server") != 2 {
		t.Errorf("a 404 under the API was counted as a request to Maskinporten: %v", s.RequestCounts())
	}
	// Only GET.
	resp, err := http.Post(s.Metadata, "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST on the metadata: %d", resp.StatusCode)
	}
}
