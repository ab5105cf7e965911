package portal

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	keyOnce sync.Once
	testKey *rsa.PrivateKey
)

// rsaKey is one 2048-bit key shared by the tests (generating is slow).
func rsaKey(t *testing.T) *rsa.PrivateKey {
	t.Helper()
	keyOnce.Do(func() {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		testKey = k
	})
	return testKey
}

// fakeAccessToken is an unsigned JWT with Maskinporten's consumer claim.
func fakeAccessToken(orgno string) string {
	enc := base64.RawURLEncoding
	h := enc.EncodeToString([]byte(`{"alg":"RS256","typ":"at+jwt"}`))
	p, _ := json.Marshal(map[string]any{
		"consumer": map[string]string{"authority": "iso6523-actorid-upis", "ID": "0192:" + orgno},
		"scope":    "idporten:scopes.read",
	})
	return h + "." + enc.EncodeToString(p) + ".c2lnbmF0dXJl"
}

// testClient returns a Client on an httptest server running h, with fast
// retries and a static token.
func testClient(t *testing.T, h http.HandlerFunc, mod ...func(*Config)) (*Client, *httptest.Server) {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	cfg := Config{
		BaseURL:      srv.URL,
		Tokens:       NewStaticTokenSource(fakeAccessToken("991825827")),
		UserAgent:    "terraform-provider-krr/test",
		RetryWaitMin: time.Millisecond,
		RetryWaitMax: 5 * time.Millisecond,
	}
	for _, m := range mod {
		m(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c, srv
}

// writeJSON answers v as JSON with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// portalError answers the portal's error body (portal-api.md §3).
func portalError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]any{
		"status":            status,
		"timestamp":         "2025-07-02T08:30:00.000Z",
		"correlation_id":    fmt.Sprintf("corr-%d", status),
		"errors":            []map[string]any{{"errorMessage": msg, "isFieldError": false}},
		"error":             msg,
		"error_description": msg,
	})
}

// recordingLogger keeps every line it is given, as text.
type recordingLogger struct {
	mu    sync.Mutex
	lines []string
}

func (r *recordingLogger) add(level, msg string, f map[string]any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.lines = append(r.lines, fmt.Sprintf("%s %s %v", level, msg, f))
}

func (r *recordingLogger) Debug(_ context.Context, msg string, f map[string]any) {
	r.add("DEBUG", msg, f)
}
func (r *recordingLogger) Warn(_ context.Context, msg string, f map[string]any) {
	r.add("WARN", msg, f)
}

func (r *recordingLogger) text() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return strings.Join(r.lines, "\n")
}

func b64url(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
