package clients

import (
	"context"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"math/big"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// grantFake is a fake token endpoint that knows the client "known", with
// the key "k1" (acctest key B), and the client "new", made a moment ago:
// the fake takes an hour to know a client. skew moves the fake's clock.
func grantFake(t *testing.T) (*fakeportal.Server, *atomic.Int64) {
	t.Helper()
	skew := &atomic.Int64{}
	srv := fakeportal.NewServerWith(t, fakeportal.Options{
		CredentialDelay: time.Hour,
		Now:             func() time.Time { return time.Now().Add(time.Duration(skew.Load())) },
	})
	pub := &acctest.TestKey("B").PublicKey
	srv.Edit(func(st *fakeportal.State) {
		st.Scopes["tl:read"] = &fakeportal.Scope{Name: "tl:read", Prefix: "tl", Subscope: "read", Description: "d",
			Active: true, OwnerOrgno: acctest.ProviderOrgno, TokenType: "SELF_CONTAINED", Visibility: "PUBLIC",
			AllowedIntegrationTypes: []string{}}
		for id, age := range map[string]time.Duration{"known": 2 * time.Hour, "new": 0} {
			created := time.Now().Add(-age).Format(time.RFC3339Nano)
			st.Clients[id] = &fakeportal.Client{ClientID: id, ClientName: "c", Description: "d",
				ClientOrgno: acctest.ProviderOrgno, IntegrationType: "maskinporten", Scopes: []string{"tl:read"},
				Active: true, Created: created}
			st.JWKS[id] = &fakeportal.KeySet{Keys: []fakeportal.JWK{{Kty: "RSA", Kid: "k1", Use: "sig", Alg: "RS256",
				N: base64.RawURLEncoding.EncodeToString(pub.N.Bytes()),
				E: base64.RawURLEncoding.EncodeToString(big.NewInt(int64(pub.E)).Bytes()), Created: created}}}
		}
	})
	return srv, skew
}

// grantError asks the fake for a token as cfg says, and returns its refusal.
func grantError(t *testing.T, srv *fakeportal.Server, change func(*portal.GrantConfig)) error {
	t.Helper()
	cfg := portal.GrantConfig{TokenEndpoint: srv.TokenEndpoint, Audience: srv.Audience, ClientID: "known",
		KeyID: "k1", PrivateKey: acctest.TestKey("B"), Scopes: []string{"tl:read"}}
	if change != nil {
		change(&cfg)
	}
	request, err := portal.NewTokenRequest(cfg)
	if err != nil {
		t.Fatal(err)
	}
	_, err = request(context.Background())
	return err
}

// postAssertion sends assertion to the fake's token endpoint as is, and
// returns its refusal as the portal client would.
func postAssertion(t *testing.T, srv *fakeportal.Server, assertion string) error {
	t.Helper()
	form := url.Values{"grant_type": {"urn:ietf:params:oauth:grant-type:jwt-bearer"}, "assertion": {assertion}}
	resp, err := http.Post(srv.TokenEndpoint, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var ans struct {
		Error       string `json:"error"`
		Description string `json:"error_description"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&ans); err != nil || ans.Error == "" {
		t.Fatalf("the token endpoint's answer to %q: %d, %v", assertion, resp.StatusCode, err)
	}
	return &portal.TokenError{Endpoint: srv.TokenEndpoint, StatusCode: resp.StatusCode, Code: ans.Error, Description: ans.Description}
}

// Over the token endpoint's answers: only a client or key that is not known
// (yet) is worth asking again for; an expired, a misaddressed or a
// malformed assertion fails at once.
func TestNotKnownYetOverTheFakesAnswers(t *testing.T) {
	srv, skew := grantFake(t)
	if err := grantError(t, srv, nil); err != nil {
		t.Fatalf("the good grant was refused: %v", err)
	}
	other := acctest.TestKey("C")
	for _, tc := range []struct {
		name   string
		err    func() error
		asking bool // asked again
	}{
		{"unknown client", func() error { return grantError(t, srv, func(c *portal.GrantConfig) { c.ClientID = "nobody" }) }, true},
		{"client made a moment ago", func() error { return grantError(t, srv, func(c *portal.GrantConfig) { c.ClientID = "new" }) }, true},
		{"unknown kid", func() error { return grantError(t, srv, func(c *portal.GrantConfig) { c.KeyID = "k2" }) }, true},
		// Maskinporten checks the signature against the keys it knows: a key
		// rotated in place under its kid fails like a wrong key until known.
		{"wrong signature", func() error { return grantError(t, srv, func(c *portal.GrantConfig) { c.PrivateKey = other }) }, true},
		{"bad audience", func() error {
			return grantError(t, srv, func(c *portal.GrantConfig) { c.Audience = "https://maskinporten.no/" })
		}, false},
		{"expired assertion (the machine's clock is behind)", func() error {
			skew.Store(int64(5 * time.Minute))
			defer skew.Store(0)
			return grantError(t, srv, nil)
		}, false},
		{"issued in the future (the machine's clock is ahead)", func() error {
			skew.Store(int64(-5 * time.Minute))
			defer skew.Store(0)
			return grantError(t, srv, nil)
		}, false},
		{"malformed", func() error { return postAssertion(t, srv, "eyJhbGciOiJSUzI1NiJ9.not-a-jws") }, false},
		{"not a JWT at all", func() error { return postAssertion(t, srv, "not.a.jwt") }, false},
		{"no kid", func() error { return postAssertion(t, srv, signedWithoutKid(t, srv, other)) }, false},
		{"a scope the client does not carry", func() error {
			return grantError(t, srv, func(c *portal.GrantConfig) { c.Scopes = []string{"tl:write"} })
		}, false},
	} {
		err := tc.err()
		var te *portal.TokenError
		if !errors.As(err, &te) {
			t.Errorf("%s: %v, want the token endpoint's refusal", tc.name, err)
			continue
		}
		if got := notKnownYet(err); got != tc.asking {
			t.Errorf("%s: notKnownYet(%q) = %v, want %v", tc.name, te.Description, got, tc.asking)
		}
	}
}

// signedWithoutKid is a grant for "known" with neither kid nor x5c.
func signedWithoutKid(t *testing.T, srv *fakeportal.Server, key *rsa.PrivateKey) string {
	t.Helper()
	enc := base64.RawURLEncoding
	header := enc.EncodeToString([]byte(`{"alg":"RS256","typ":"JWT"}`))
	now := time.Now().Unix()
	claims, _ := json.Marshal(map[string]any{"iss": "known", "aud": srv.Audience, "scope": "tl:read",
		"iat": now, "exp": now + 60, "jti": "no-kid"})
	signed := header + "." + enc.EncodeToString(claims)
	digest := sha256.Sum256([]byte(signed))
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, digest[:])
	if err != nil {
		t.Fatal(err)
	}
	return signed + "." + enc.EncodeToString(sig)
}

// In Maskinporten's own words (Digdir's troubleshooting page), and in some
// a Maskinporten may use: the client or key not known is asked again for,
// anything else is final.
func TestNotKnownYetInMaskinportensWords(t *testing.T) {
	for _, tc := range []struct {
		code, desc string
		asking     bool
	}{
		{"invalid_grant", "Invalid assertion. Client authentication failed.", true},
		{"invalid_grant", "Invalid assertion. Client authentication failed", true},
		{"invalid_grant", "invalid assertion. client authentication failed. ", true},
		{"invalid_client", "Client authentication failed.", true},
		{"invalid_grant", "Invalid assertion. Client authentication failed. Client not found", true},
		{"invalid_grant", "Client not found", true},
		{"invalid_grant", "Invalid assertion. Client authentication failed. Unknown kid", true},
		{"invalid_grant", "Invalid assertion. Client authentication failed. Invalid JWT claim aud", false},
		{"invalid_grant", "Invalid assertion. Client authentication failed. The JWT is signed with an invalid certificate.", false},
		{"invalid_grant", "Invalid assertion. Client authentication failed. JWT is expired", false},
		{"invalid_grant", "Invalid assertion. Client authentication failed. kid \"k1\" has expired", false},
		{"invalid_grant", "JWT is expired", false},
		{"invalid_grant", "Invalid assertion. Invalid parameter value", false},
		{"invalid_grant", "Grant is used before", false},
		{"invalid_grant", "the assertion's header must have the kid of one of the client's keys", false},
		{"invalid_grant", "Invalid assertion.", false},
		{"invalid_grant", "", false},
		{"invalid_request", "Invalid assertion. Client authentication failed.", false},
		{"invalid_scope", "Token request contains invalid scopes for client", false},
	} {
		err := &portal.TokenError{Code: tc.code, Description: tc.desc}
		if got := notKnownYet(err); got != tc.asking {
			t.Errorf("notKnownYet(%s: %q) = %v, want %v", tc.code, tc.desc, got, tc.asking)
		}
	}
	if notKnownYet(errors.New("Invalid assertion. Client authentication failed.")) {
		t.Errorf("an error that is no answer of the token endpoint is asked again for")
	}
}
