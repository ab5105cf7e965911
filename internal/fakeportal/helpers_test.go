package fakeportal

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"io"
	"math/big"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
)

// Organisations of the tests; the numbers pass §9's check.
const (
	provOrgno  = "991825827" // owns prefixes "prov" and "prov2"
	consOrgno  = "889640782" // no prefix
	otherOrgno = "974760673" // owns prefix "other"
	certOrgno  = "310000000" // admin client with a business certificate only
)

// RSA key generation is slow: the tests' keys are made once per binary.
var (
	keysOnce                    sync.Once
	provKey, consKey, otherKey  *rsa.PrivateKey
	certKey, signKeyA, signKeyB *rsa.PrivateKey
	weakKey                     *rsa.PrivateKey // 1024 bits, for the key-size rule
	certOrgCert                 *x509.Certificate
)

func testKeys(t testing.TB) {
	t.Helper()
	keysOnce.Do(func() {
		var wg sync.WaitGroup
		for _, k := range []**rsa.PrivateKey{&provKey, &consKey, &otherKey, &certKey, &signKeyA, &signKeyB} {
			wg.Add(1)
			go func() { defer wg.Done(); *k = mustRSAKey() }()
		}
		var err error
		weakKey, err = rsa.GenerateKey(rand.Reader, 1024)
		if err != nil {
			panic(err)
		}
		wg.Wait()
		tmpl := &x509.Certificate{
			SerialNumber: big.NewInt(1),
			Subject:      pkix.Name{CommonName: "CERT ORG AS", SerialNumber: certOrgno},
			NotBefore:    time.Now().Add(-time.Hour),
			NotAfter:     time.Now().Add(24 * time.Hour),
		}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &certKey.PublicKey, certKey)
		if err != nil {
			panic(err)
		}
		certOrgCert, _ = x509.ParseCertificate(der)
	})
}

func orgWithKey(orgno, name string, key *rsa.PrivateKey, prefixes ...string) Org {
	return Org{
		Orgno: orgno, Name: name, Prefixes: prefixes,
		AdminClientID: "admin-" + orgno, AdminKeyID: orgno + "-admin", AdminPublicKey: &key.PublicKey,
	}
}

// testClock is a clock a test moves by hand.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *testClock { return &testClock{t: time.Now()} }

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// newTestServer is a server with the four test organisations.
func newTestServer(t *testing.T, opts Options) *Server {
	t.Helper()
	testKeys(t)
	if opts.SigningKey == nil {
		opts.SigningKey = signKeyA
	}
	return NewServerWith(t, opts,
		orgWithKey(provOrgno, "DIGITALISERINGSDIREKTORATET", provKey, "prov", "prov2"),
		orgWithKey(consOrgno, "KONSUMENT AS", consKey),
		orgWithKey(otherOrgno, "ANDRE AS", otherKey, "other"),
		Org{Orgno: certOrgno, Name: "CERT ORG AS", AdminClientID: "admin-cert", AdminCertificate: certOrgCert},
	)
}

// apiClient calls the server as one organisation.
type apiClient struct {
	t     *testing.T
	s     *Server
	token string
}

func (s *Server) as(t *testing.T, orgno string, scopes ...string) *apiClient {
	return &apiClient{t: t, s: s, token: s.IssueToken(orgno, scopes...)}
}

// do sends a request to path (relative to the API base unless it starts
// with "http") and returns the status and body.
func (c *apiClient) do(method, path string, body any) (int, []byte, http.Header) {
	c.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			c.t.Fatal(err)
		}
		rd = bytes.NewReader(raw)
	}
	url := path
	if !strings.HasPrefix(path, "http") {
		url = c.s.BaseURL + path
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	return resp.StatusCode, raw, resp.Header
}

// ok sends a request that must answer 200 and decodes the answer into out.
func (c *apiClient) ok(method, path string, body, out any) {
	c.t.Helper()
	c.answers(http.StatusOK, method, path, body, out)
}

// answers sends a request that must answer status (a success other than
// 200: 201, 204) and decodes the answer, if any, into out.
func (c *apiClient) answers(want int, method, path string, body, out any) {
	c.t.Helper()
	status, raw, _ := c.do(method, path, body)
	if status != want {
		c.t.Fatalf("%s %s: status %d, want %d: %s", method, path, status, want, raw)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			c.t.Fatalf("%s %s: decoding %s: %v", method, path, raw, err)
		}
	}
}

// fails sends a request that must answer status with §3's error body, and
// returns that body.
func (c *apiClient) fails(method, path string, body any, status int) errorBody {
	c.t.Helper()
	got, raw, hdr := c.do(method, path, body)
	if got != status {
		c.t.Fatalf("%s %s: status %d, want %d: %s", method, path, got, status, raw)
	}
	return checkErrorBody(c.t, status, raw, hdr)
}

func checkErrorBody(t *testing.T, status int, raw []byte, hdr http.Header) errorBody {
	t.Helper()
	if ct := hdr.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q, want application/json", ct)
	}
	var eb errorBody
	if err := json.Unmarshal(raw, &eb); err != nil {
		t.Fatalf("error body %s: %v", raw, err)
	}
	if eb.Status != status || len(eb.CorrelationID) != 32 || eb.Error == "" || eb.ErrorDesc == "" ||
		len(eb.Errors) == 0 || eb.Timestamp == "" {
		t.Errorf("error body not of §3's shape: %s", raw)
	}
	for _, field := range []string{`"correlation_id"`, `"errorMessage"`, `"isFieldError"`, `"objectName"`, `"fieldIdentifier"`} {
		if !strings.Contains(string(raw), field) {
			t.Errorf("error body lacks %s: %s", field, raw)
		}
	}
	return eb
}

// fieldNamed is true when eb has a field error for field.
func (eb errorBody) fieldNamed(field string) bool {
	for _, e := range eb.Errors {
		if e.IsFieldError && e.FieldIdentifier == field {
			return true
		}
	}
	return false
}

// grantSpec describes a JWT grant; zero values get good defaults.
type grantSpec struct {
	key   *rsa.PrivateKey
	alg   jose.SignatureAlgorithm
	kid   string
	x5c   *x509.Certificate
	iss   string
	aud   string
	scope string
	iat   time.Time
	exp   time.Time
	jti   string
	noJTI bool
}

func signGrant(t *testing.T, g grantSpec) string {
	t.Helper()
	if g.alg == "" {
		g.alg = jose.RS256
	}
	if g.iat.IsZero() {
		g.iat = time.Now()
	}
	if g.exp.IsZero() {
		g.exp = g.iat.Add(120 * time.Second)
	}
	if g.jti == "" && !g.noJTI {
		g.jti = newCorrelationID()
	}
	opts := &jose.SignerOptions{}
	if g.x5c != nil {
		opts = opts.WithHeader("x5c", []string{base64.StdEncoding.EncodeToString(g.x5c.Raw)})
	}
	var key any = g.key
	if g.kid != "" {
		key = jose.JSONWebKey{Key: g.key, KeyID: g.kid}
	}
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: g.alg, Key: key}, opts.WithType("JWT"))
	if err != nil {
		t.Fatal(err)
	}
	claims := map[string]any{"iss": g.iss, "aud": g.aud, "scope": g.scope,
		"iat": g.iat.Unix(), "exp": g.exp.Unix()}
	if g.jti != "" {
		claims["jti"] = g.jti
	}
	tok, err := jwt.Signed(signer).Claims(claims).Serialize()
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// postToken sends a grant to the token endpoint.
func postToken(t *testing.T, s *Server, form string) (int, map[string]any) {
	t.Helper()
	resp, err := http.Post(s.TokenEndpoint, "application/x-www-form-urlencoded", strings.NewReader(form))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	raw, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("token answer %s: %v", raw, err)
	}
	return resp.StatusCode, out
}

func grantForm(assertion string) string {
	return "grant_type=" + jwtBearerGrantType + "&assertion=" + assertion
}

// validKeyJWK is the public JWK of key, as a client would send it.
func validKeyJWK(key *rsa.PrivateKey, kid string) map[string]any {
	return map[string]any{
		"kty": "RSA", "kid": kid, "use": "sig", "alg": "RS256",
		"n": base64.RawURLEncoding.EncodeToString(key.N.Bytes()),
		"e": base64.RawURLEncoding.EncodeToString(big.NewInt(int64(key.E)).Bytes()),
	}
}
