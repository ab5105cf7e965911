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

// Secrets are redacted whole, whatever characters they hold: spaces,
// quotes, escapes, separators.
func TestRedactSecrets(t *testing.T) {
	tests := []struct {
		in      string
		secrets []string // none of these may survive
		kept    []string // and these must
	}{
		{`Authorization: Bearer abc.def-ghi`, []string{"abc.def-ghi"}, []string{"Authorization: Bearer"}},
		{`{"client_secret":"x y","access_token":"eyJa.eyJb.c"}`, []string{"x y", `"x`, "y\"", "eyJa", "eyJb"}, []string{`"client_secret":`}},
		{`{"client_secret":"x y \"z\" \\ w","name":"kept"}`, []string{"x y", `\"z\"`, "z", " w"}, []string{`"name":"kept"`}},
		{`{"client_secret": "a,b}c&d=e" , "next": 1}`, []string{"a,b", "c&d", "d=e"}, []string{`"next": 1`}},
		{`assertion=eyJhbGc.eyJpc3M.sig&grant_type=jwt`, []string{"eyJhbGc", "eyJpc3M", "sig&"}, []string{"grant_type=jwt"}},
		{`client_secret=p@ss word`, []string{"p@ss"}, []string{" word"}},
		{`password: "hunter 2"`, []string{"hunter"}, nil},
		{`{"certificate_password":"with \"quote\""}`, []string{"with", "quote"}, nil},
		{"key:\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----\nafter", []string{"MIIEvQIBADANBg"}, []string{"after"}},
		{"-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA cut off", []string{"MIIEpAIBAAKCAQEA", "cut off"}, nil},
		{`{"client_secret":"unterminated`, []string{"unterminated"}, nil},
	}
	for _, tt := range tests {
		out := redactSecrets(tt.in)
		for _, s := range tt.secrets {
			if strings.Contains(out, s) {
				t.Errorf("%q survived in %q (from %q)", s, out, tt.in)
			}
		}
		for _, s := range tt.kept {
			if !strings.Contains(out, s) {
				t.Errorf("%q was lost from %q (from %q)", s, out, tt.in)
			}
		}
		if !strings.Contains(out, "redacted") {
			t.Errorf("nothing was redacted in %q", out)
		}
	}
}
