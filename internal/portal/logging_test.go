package portal

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// TestLoggerNeverSeesSecrets runs a retried request with a JWT grant and an
// answer holding a client secret, and checks every log line.
func TestLoggerNeverSeesSecrets(t *testing.T) {
	logs := &recordingLogger{}
	var mu sync.Mutex
	var assertions, tokens []string
	tokenSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		tok := fakeAccessToken("991825827")
		mu.Lock()
		assertions = append(assertions, r.PostForm.Get("assertion"))
		tokens = append(tokens, tok)
		mu.Unlock()
		writeJSON(w, 200, map[string]any{"access_token": tok, "expires_in": 599})
	}))
	defer tokenSrv.Close()
	src, err := NewGrantTokenSource(GrantConfig{
		TokenEndpoint: tokenSrv.URL, Audience: "https://test.maskinporten.no/", ClientID: "admin",
		KeyID: "k1", PrivateKey: rsaKey(t), Logger: logs,
	})
	if err != nil {
		t.Fatal(err)
	}
	const secret = "s3cr3t-Client-Secret-value"
	var n atomic.Int32
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		switch n.Add(1) {
		case 1:
			w.Header().Set("Retry-After", "0")
			portalError(w, 503, "busy")
		case 2:
			// An error body that (badly) echoes the token.
			portalError(w, 502, "upstream said "+r.Header.Get("Authorization"))
		default:
			writeJSON(w, 200, map[string]any{"client_id": "abc", "client_secret": secret})
		}
	}, func(cfg *Config) { cfg.Tokens = src; cfg.Logger = logs })

	got, err := c.NewClientSecret(context.Background(), "abc")
	// POST is not retried: use a PUT for the retried path too.
	if err == nil || got != nil {
		t.Fatalf("POST should have failed on the 503: %v", got)
	}
	n.Store(0)
	in, err := c.UpdateIntegration(context.Background(), "abc", Integration{ClientName: "x"})
	if err != nil || in.ClientSecret != secret {
		t.Fatalf("UpdateIntegration = %v, %v", in, err)
	}

	text := logs.text()
	if !strings.Contains(text, "retrying") || !strings.Contains(text, "/clients/abc") || !strings.Contains(text, "corr-503") {
		t.Errorf("the retry was not logged with path and correlation id:\n%s", text)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, s := range append(append([]string{secret}, assertions...), tokens...) {
		if s != "" && strings.Contains(text, s) {
			t.Errorf("a secret reached the log: %.20s…\n%s", s, text)
		}
		// Not even the signature part of a JWT.
		if parts := strings.Split(s, "."); len(parts) == 3 && strings.Contains(text, parts[1]) {
			t.Errorf("a JWT payload reached the log")
		}
	}
	if strings.Contains(strings.ToLower(text), "bearer ey") {
		t.Errorf("a bearer token reached the log")
	}
}

func TestRedactSecrets(t *testing.T) {
	in := `Authorization: Bearer abc.def-ghi {"client_secret":"x y","access_token":"eyJa.eyJb.c"} assertion=eyJhbGc.eyJpc3M.sig`
	out := redactSecrets(in)
	for _, s := range []string{"abc.def-ghi", `"x`, "eyJa", "eyJhbGc", "eyJpc3M"} {
		if strings.Contains(out, s) {
			t.Errorf("%q survived: %s", s, out)
		}
	}
}
