package portal

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"
)

// The token endpoint's 429 or 503 that says when to come back is waited
// out, as the API's retries do, and capped the same way; an answer that
// says nothing gets the short backoff.
func TestGrantRetryWaitsRetryAfter(t *testing.T) {
	far := time.Now().Add(24 * time.Hour).UTC().Format(http.TimeFormat)
	for name, tc := range map[string]struct {
		status     int
		retryAfter string
		want       time.Duration
	}{
		"429 in seconds":               {http.StatusTooManyRequests, "7", 7 * time.Second},
		"503 as a date a day ahead":    {http.StatusServiceUnavailable, far, maxRetryAfter},
		"503 without Retry-After":      {http.StatusServiceUnavailable, "", time.Millisecond},
		"OAuth error with Retry-After": {http.StatusTooManyRequests, "3", 3 * time.Second},
	} {
		t.Run(name, func(t *testing.T) {
			var n atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if n.Add(1) == 1 {
					if tc.retryAfter != "" {
						w.Header().Set("Retry-After", tc.retryAfter)
					}
					if name == "OAuth error with Retry-After" {
						writeJSON(w, tc.status, map[string]string{"error": "slow_down", "error_description": "too many requests"})
						return
					}
					w.WriteHeader(tc.status)
					return
				}
				writeJSON(w, 200, map[string]any{"access_token": "tok", "expires_in": 599})
			}))
			defer srv.Close()
			src := grantSource(t, srv.URL)
			var waits []time.Duration
			src.sleep = func(_ context.Context, d time.Duration) error { waits = append(waits, d); return nil }
			if tok, err := src.Token(context.Background()); err != nil || tok != "tok" {
				t.Fatal(tok, err)
			}
			if len(waits) != 1 {
				t.Fatalf("waits %v, want one", waits)
			}
			// A date in seconds loses a little to the clock between the
			// answer and the parse.
			if got := waits[0]; got > tc.want || (tc.want > time.Second && got < tc.want-2*time.Second) {
				t.Errorf("waited %s before the second attempt, want %s", got, tc.want)
			}
		})
	}
}
