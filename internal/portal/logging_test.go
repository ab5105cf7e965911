package portal

import (
	"context"
	"errors"
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
		// Bare JWTs: no "Bearer", no field name before them.
		{`invalid_grant: the assertion ` + bareJWT + ` has expired`, jwtParts(bareJWT), []string{"the assertion ", " has expired"}},
		{`quoted "` + bareJWT + `", and in brackets (` + bareJWT + `).`, jwtParts(bareJWT), []string{`quoted "`, `", and in brackets (`, ")."}},
		{`glued:` + bareJWT + `;next`, jwtParts(bareJWT), []string{"glued:", ";next"}},
		{`token ` + bareJWT + `. Ask again`, jwtParts(bareJWT), []string{"token ", ". Ask again"}},
		// Cut short after the payload, as a message that quotes only so much.
		{`grant eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJhZG1pbiIsImp0aSI6IjEyMyJ9 was refused`, []string{"eyJhbGciOiJSUzI1NiJ9", "eyJpc3MiOiJhZG1pbiIsImp0aSI6IjEyMyJ9"}, []string{"grant ", " was refused"}},
		// A JWE: five parts.
		{`eyJhbGciOiJSU0EtT0FFUCJ9.a2V5LWtleQ.aXYtaXY.Y2lwaGVyLXRleHQ.dGFnLXRhZw end`, []string{"a2V5LWtleQ", "aXYtaXY", "Y2lwaGVyLXRleHQ", "dGFnLXRhZw"}, []string{" end"}},
		// Padded by a sloppy encoder.
		{`eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJhIn0=.c2lnbmF0dXJlLXBhcnQ= end`, []string{"eyJpc3MiOiJhIn0", "c2lnbmF0dXJlLXBhcnQ"}, []string{" end"}},
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

// bareJWT is a signed grant assertion as an error text may quote it.
const bareJWT = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIiwidHlwIjoiSldUIn0." +
	"eyJpc3MiOiJhZG1pbiIsImF1ZCI6Imh0dHBzOi8vdGVzdC5tYXNraW5wb3J0ZW4ubm8vIn0." +
	"SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c-Nm0xZ"

// jwtParts are the parts of a JWT, none of which may be left in a log.
func jwtParts(jwt string) []string { return strings.Split(jwt, ".") }

// A token endpoint that quotes the assertion it refuses, bare, gets it
// into neither the error (which the user, a pipeline's log and the
// action's progress messages show) nor the log.
func TestTokenErrorNeverQuotesTheAssertion(t *testing.T) {
	logs := &recordingLogger{}
	assertions := make(chan string, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		assertions <- r.PostForm.Get("assertion")
		writeJSON(w, 400, map[string]string{"error": "invalid_grant",
			"error_description": "Invalid assertion " + r.PostForm.Get("assertion") + ": JWT is expired"})
	}))
	defer srv.Close()
	src := grantSource(t, srv.URL+"/token", func(c *GrantConfig) { c.Logger = logs })
	_, err := src.Token(context.Background())
	var te *TokenError
	if !errors.As(err, &te) || te.Code != "invalid_grant" {
		t.Fatalf("err = %v, want the TokenError", err)
	}
	if !strings.Contains(err.Error(), "Invalid assertion [redacted-jwt]: JWT is expired") {
		t.Errorf("the endpoint's words are lost: %q", err)
	}
	for _, part := range jwtParts(<-assertions) {
		if part != "" && strings.Contains(err.Error()+logs.text(), part) {
			t.Errorf("a part of the assertion reached the error or the log: %q\n%s", err, logs.text())
		}
	}
}

// A JWT that an answer's excerpt would cut in two is redacted whole.
func TestExcerptRedactsAJWTItCuts(t *testing.T) {
	// The cut falls inside the JWT's header, before its first dot.
	body := strings.Repeat("x ", (excerptLen-30)/2) + bareJWT + " and more text after it"
	out := excerpt([]byte(body))
	for _, part := range jwtParts(bareJWT) {
		if strings.Contains(out, part[:12]) {
			t.Errorf("the start of a JWT part survived the cut: %q", out)
		}
	}
	if !strings.Contains(out, "[redacted") {
		t.Errorf("nothing was redacted in %q", out)
	}
}
