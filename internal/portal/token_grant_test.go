package portal

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
	"software.sslmate.com/src/go-pkcs12"
)

// tokenServer is a Maskinporten stand-in that verifies assertions with pub
// and records them.
type tokenServer struct {
	t          *testing.T
	pub        *rsa.PublicKey
	requests   atomic.Int32
	delay      time.Duration
	expiresIn  int
	mu         sync.Mutex
	assertions []string
	headers    []jose.Header
	claims     []map[string]any
}

func (ts *tokenServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := ts.requests.Add(1)
	if ts.delay > 0 {
		time.Sleep(ts.delay)
	}
	if err := r.ParseForm(); err != nil || r.PostForm.Get("grant_type") != jwtBearerGrantType {
		writeJSON(w, 400, map[string]string{"error": "invalid_request"})
		return
	}
	a := r.PostForm.Get("assertion")
	tok, err := jwt.ParseSigned(a, []jose.SignatureAlgorithm{jose.RS256})
	if err != nil {
		writeJSON(w, 400, map[string]string{"error": "invalid_grant", "error_description": "unparsable: " + err.Error()})
		return
	}
	claims := map[string]any{}
	if err := tok.Claims(ts.pub, &claims); err != nil {
		writeJSON(w, 400, map[string]string{"error": "invalid_grant", "error_description": "bad signature"})
		return
	}
	ts.mu.Lock()
	ts.assertions = append(ts.assertions, a)
	ts.headers = append(ts.headers, tok.Headers[0])
	ts.claims = append(ts.claims, claims)
	ts.mu.Unlock()
	exp := ts.expiresIn
	if exp == 0 {
		exp = 599
	}
	writeJSON(w, 200, map[string]any{"access_token": fmt.Sprintf("%s-%d", fakeAccessToken("991825827"), n), "token_type": "Bearer", "expires_in": exp, "scope": claims["scope"]})
}

func grantSource(t *testing.T, endpoint string, mod ...func(*GrantConfig)) *grantTokenSource {
	t.Helper()
	cfg := GrantConfig{
		TokenEndpoint: endpoint,
		Audience:      "https://test.maskinporten.no/",
		ClientID:      "admin-client",
		Scopes:        []string{"idporten:scopes.read", "idporten:dcr.read"},
		KeyID:         "key-1",
		PrivateKey:    rsaKey(t),
	}
	for _, m := range mod {
		m(&cfg)
	}
	g, err := newGrantTokenSource(cfg)
	if err != nil {
		t.Fatal(err)
	}
	g.retryWait = time.Millisecond
	return g
}

func TestGrantAssertion(t *testing.T) {
	ts := &tokenServer{t: t, pub: &rsaKey(t).PublicKey}
	srv := httptest.NewServer(ts)
	defer srv.Close()
	now := time.Unix(1_750_000_000, 0)
	src := grantSource(t, srv.URL+"/token", func(c *GrantConfig) { c.Now = func() time.Time { return now } })
	ctx := context.Background()
	if _, err := src.Token(ctx); err != nil {
		t.Fatal(err)
	}
	now = now.Add(10 * time.Minute) // expired: a second grant
	if _, err := src.Token(ctx); err != nil {
		t.Fatal(err)
	}
	if len(ts.claims) != 2 {
		t.Fatalf("%d grants", len(ts.claims))
	}
	for i, c := range ts.claims {
		if c["iss"] != "admin-client" || c["aud"] != "https://test.maskinporten.no/" || c["scope"] != "idporten:scopes.read idporten:dcr.read" {
			t.Errorf("claims %d: %v", i, c)
		}
		iat, exp := c["iat"].(float64), c["exp"].(float64)
		if exp-iat != 120 {
			t.Errorf("exp - iat = %v", exp-iat)
		}
		if h := ts.headers[i]; h.KeyID != "key-1" || h.Algorithm != "RS256" || len(assertionX5c(ts.assertions[i])) != 0 {
			t.Errorf("header %d: %+v", i, h)
		}
	}
	if int64(ts.claims[0]["iat"].(float64)) != 1_750_000_000 {
		t.Errorf("iat %v does not follow Now", ts.claims[0]["iat"])
	}
	if ts.claims[0]["jti"] == ts.claims[1]["jti"] || ts.claims[0]["jti"] == "" {
		t.Errorf("jti reused: %v", ts.claims[0]["jti"])
	}
}

func TestGrantTokenCachedAcrossConcurrentCallers(t *testing.T) {
	ts := &tokenServer{t: t, pub: &rsaKey(t).PublicKey, delay: 50 * time.Millisecond}
	srv := httptest.NewServer(ts)
	defer srv.Close()
	src := grantSource(t, srv.URL)
	var wg sync.WaitGroup
	tokens := make([]string, 50)
	errs := make([]error, 50)
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tokens[i], errs[i] = src.Token(context.Background())
		}()
	}
	wg.Wait()
	for i := range 50 {
		if errs[i] != nil || tokens[i] != tokens[0] {
			t.Fatalf("caller %d: %q %v", i, tokens[i], errs[i])
		}
	}
	if n := ts.requests.Load(); n != 1 {
		t.Errorf("token requests = %d, want 1", n)
	}
	if _, err := src.Token(context.Background()); err != nil || ts.requests.Load() != 1 {
		t.Errorf("cached token not reused: %v, %d requests", err, ts.requests.Load())
	}
}

func TestGrantTokenRefreshedBeforeExpiry(t *testing.T) {
	ts := &tokenServer{t: t, pub: &rsaKey(t).PublicKey, expiresIn: 600}
	srv := httptest.NewServer(ts)
	defer srv.Close()
	var mu sync.Mutex
	now := time.Unix(1_750_000_000, 0)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	src := grantSource(t, srv.URL, func(c *GrantConfig) { c.Now = clock; c.RefreshBefore = 60 * time.Second })
	ctx := context.Background()
	t1, _ := src.Token(ctx)
	advance(530 * time.Second) // 70s left: still good
	t2, _ := src.Token(ctx)
	if t1 != t2 || ts.requests.Load() != 1 {
		t.Fatalf("refreshed too early: %d requests", ts.requests.Load())
	}
	advance(20 * time.Second) // 50s left: inside RefreshBefore
	t3, err := src.Token(ctx)
	if err != nil || t3 == t1 || ts.requests.Load() != 2 {
		t.Errorf("not refreshed: %v, %d requests", err, ts.requests.Load())
	}
}

func TestGrantWaitersHonourTheirContext(t *testing.T) {
	ts := &tokenServer{t: t, pub: &rsaKey(t).PublicKey, delay: 300 * time.Millisecond}
	srv := httptest.NewServer(ts)
	defer srv.Close()
	src := grantSource(t, srv.URL)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if _, err := src.Token(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v", err)
	}
	// The fetch carried on for the others.
	if _, err := src.Token(context.Background()); err != nil || ts.requests.Load() != 1 {
		t.Errorf("%v, %d requests", err, ts.requests.Load())
	}
}

// assertionX5c is the x5c of an assertion's header.
func assertionX5c(assertion string) []string {
	raw, _ := base64.RawURLEncoding.DecodeString(strings.Split(assertion, ".")[0])
	var hdr struct {
		X5c []string `json:"x5c"`
	}
	json.Unmarshal(raw, &hdr)
	return hdr.X5c
}

// selfSignedCert makes a certificate for key, as a business certificate stand-in.
func selfSignedCert(t *testing.T, key *rsa.PrivateKey, cn string) *x509.Certificate {
	t.Helper()
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: cn, Organization: []string{"DIGITALISERINGSDIREKTORATET"}, SerialNumber: "991825827"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return cert
}

func TestGrantWithCertificateFromPKCS12(t *testing.T) {
	key := rsaKey(t)
	leaf := selfSignedCert(t, key, "leaf")
	caKey, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	ca := selfSignedCert(t, caKey, "ca")
	for name, enc := range map[string]*pkcs12.Encoder{"modern": pkcs12.Modern, "legacy": pkcs12.LegacyRC2} {
		p12, err := enc.Encode(key, leaf, []*x509.Certificate{ca}, "hemmelig")
		if err != nil {
			t.Fatal(err)
		}
		gotKey, certs, err := LoadPKCS12(p12, "hemmelig")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !gotKey.Equal(key) || len(certs) != 2 || !certs[0].Equal(leaf) || !certs[1].Equal(ca) {
			t.Fatalf("%s: key or chain wrong", name)
		}
		if _, _, err := LoadPKCS12(p12, "wrong"); err == nil || !strings.Contains(err.Error(), "password is wrong") {
			t.Errorf("%s wrong password: %v", name, err)
		}

		ts := &tokenServer{t: t, pub: &key.PublicKey}
		srv := httptest.NewServer(ts)
		src := grantSource(t, srv.URL, func(c *GrantConfig) { c.KeyID = ""; c.PrivateKey = gotKey; c.Certificates = certs })
		if _, err := src.Token(context.Background()); err != nil {
			t.Fatal(err)
		}
		srv.Close()
		if h := ts.headers[0]; h.KeyID != "" || h.Algorithm != "RS256" {
			t.Errorf("%s: header %+v; want no kid with x5c", name, h)
		}
		// x5c is standard base64 DER, leaf first.
		x5c := assertionX5c(ts.assertions[0])
		if len(x5c) != 2 || x5c[0] != base64.StdEncoding.EncodeToString(leaf.Raw) || x5c[1] != base64.StdEncoding.EncodeToString(ca.Raw) {
			t.Errorf("%s: x5c = %v", name, x5c)
		}
	}
	if _, _, err := LoadPKCS12([]byte("junk"), "x"); err == nil {
		t.Error("junk accepted")
	}
}

func TestGrantConfigChecks(t *testing.T) {
	key := rsaKey(t)
	other, _ := rsa.GenerateKey(rand.Reader, 1024)
	base := GrantConfig{TokenEndpoint: "https://test.maskinporten.no/token", ClientID: "c", KeyID: "k", PrivateKey: key}
	src, err := newGrantTokenSource(base)
	if err != nil || src.cfg.Audience != "https://test.maskinporten.no/" {
		t.Errorf("audience not taken from the environment: %v", err)
	}
	for name, mod := range map[string]func(*GrantConfig){
		"no endpoint": func(c *GrantConfig) { c.TokenEndpoint = "" },
		"no audience": func(c *GrantConfig) { c.TokenEndpoint = "https://idp.example/token" },
		"no client":   func(c *GrantConfig) { c.ClientID = "" },
		"no key":      func(c *GrantConfig) { c.PrivateKey = nil },
		"no kid":      func(c *GrantConfig) { c.KeyID = "" },
		"wrong cert":  func(c *GrantConfig) { c.Certificates = []*x509.Certificate{selfSignedCert(t, other, "x")} },
	} {
		cfg := base
		mod(&cfg)
		if _, err := NewGrantTokenSource(cfg); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestGrantInvalidGrantQuoted(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		writeJSON(w, 400, map[string]string{"error": "invalid_grant", "error_description": "Invalid assertion. Client authentication failed. Invalid signature"})
	}))
	defer srv.Close()
	src := grantSource(t, srv.URL+"/token")
	_, err := src.Token(context.Background())
	var te *TokenError
	if !errors.As(err, &te) || te.Code != "invalid_grant" || te.StatusCode != 400 {
		t.Fatalf("err = %#v", err)
	}
	want := "token endpoint " + srv.URL + "/token refused the grant: invalid_grant: Invalid assertion. Client authentication failed. Invalid signature"
	if err.Error() != want {
		t.Errorf("Error() = %q", err.Error())
	}
	if n.Load() != 1 {
		t.Errorf("a refusal was retried: %d requests", n.Load())
	}
	// Errors are not cached: the next call asks again.
	src.Token(context.Background())
	if n.Load() != 2 {
		t.Errorf("requests = %d", n.Load())
	}
}

func TestGrantHTMLAnswer(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><title>Welcome to nginx</title></html>"))
	}))
	defer srv.Close()
	_, err := grantSource(t, srv.URL).Token(context.Background())
	var te *TokenError
	if !errors.As(err, &te) {
		t.Fatalf("err = %v", err)
	}
	s := err.Error()
	for _, want := range []string{"did not answer with a token", srv.URL, "text/html", "check token_endpoint", "Welcome to nginx"} {
		if !strings.Contains(s, want) {
			t.Errorf("%q lacks %q", s, want)
		}
	}
	// JSON without access_token is no token either.
	srv2 := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, map[string]string{"hello": "x"}) }))
	defer srv2.Close()
	if _, err := grantSource(t, srv2.URL).Token(context.Background()); err == nil || !strings.Contains(err.Error(), "did not answer with a token") {
		t.Errorf("err = %v", err)
	}
}

func TestGrantRetriesWithNewAssertion(t *testing.T) {
	ts := &tokenServer{t: t, pub: &rsaKey(t).PublicKey}
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		ts.mu.Lock()
		ts.assertions = append(ts.assertions, r.PostForm.Get("assertion"))
		ts.mu.Unlock()
		if n.Add(1) == 1 {
			w.WriteHeader(503)
			return
		}
		writeJSON(w, 200, map[string]any{"access_token": "tok", "expires_in": 599})
	}))
	defer srv.Close()
	if tok, err := grantSource(t, srv.URL).Token(context.Background()); err != nil || tok != "tok" {
		t.Fatal(tok, err)
	}
	if len(ts.assertions) != 2 || ts.assertions[0] == ts.assertions[1] {
		t.Errorf("the retry reused the assertion")
	}
}

func TestGrantUnreachable(t *testing.T) {
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := l.Addr().String()
	l.Close()
	_, err := grantSource(t, "http://"+addr+"/token").Token(context.Background())
	if err == nil || !strings.Contains(err.Error(), "could not reach token endpoint http://"+addr+"/token") {
		t.Errorf("err = %v", err)
	}
}

func TestStaticTokenSource(t *testing.T) {
	if tok, _ := NewStaticTokenSource(" Bearer abc ").Token(context.Background()); tok != "abc" {
		t.Errorf("tok = %q", tok)
	}
	if _, err := NewStaticTokenSource("").Token(context.Background()); err == nil {
		t.Error("empty token accepted")
	}
}
