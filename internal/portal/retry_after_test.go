package portal

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

// A Retry-After asks for a wait in seconds or until an HTTP date; either
// way a server asking for more than maxRetryAfter gets maxRetryAfter, so
// that a date far ahead cannot hang a Terraform run.
func TestRetryAfterCappedInEitherForm(t *testing.T) {
	now := time.Date(2025, 7, 2, 8, 30, 0, 0, time.UTC)
	for _, tc := range []struct {
		name, value string
		want        time.Duration
	}{
		{"seconds", "7", 7 * time.Second},
		{"a day in seconds", "86400", maxRetryAfter},
		{"a date 7 s ahead", now.Add(7 * time.Second).Format(http.TimeFormat), 7 * time.Second},
		{"a date a day ahead", now.Add(24 * time.Hour).Format(http.TimeFormat), maxRetryAfter},
		{"a date a year ahead, RFC 850", now.AddDate(1, 0, 0).Format(time.RFC850), maxRetryAfter},
		{"a date a year ahead, ANSI C", now.AddDate(1, 0, 0).Format(time.ANSIC), maxRetryAfter},
		{"the last date there is", "Fri, 31 Dec 9999 23:59:59 GMT", maxRetryAfter},
		{"a date past", now.Add(-time.Hour).Format(http.TimeFormat), 0},
	} {
		got, ok := parseRetryAfter(tc.value, now)
		if !ok || got != tc.want {
			t.Errorf("%s: Retry-After %q gave %v (%v), want %v", tc.name, tc.value, got, ok, tc.want)
		}
	}
}

// Through the client: a 429 whose Retry-After is a date a day ahead is
// waited for maxRetryAfter, as the log says, not for a day. The caller's
// deadline ends the wait early, so the test does not sit out the cap.
func TestRetryAfterFarFutureDateWaitsTheCap(t *testing.T) {
	logs := &recordingLogger{}
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", time.Now().Add(24*time.Hour).UTC().Format(http.TimeFormat))
		portalError(w, http.StatusTooManyRequests, "slow down")
	}, func(cfg *Config) { cfg.Logger = logs })
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.ListScopes(ctx, false)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want the caller's deadline during the wait", err)
	}
	if e := time.Since(start); e > 30*time.Second {
		t.Errorf("the call took %v after its deadline of 300ms", e)
	}
	if text := logs.text(); !strings.Contains(text, "retrying request") || !strings.Contains(text, "wait:"+maxRetryAfter.String()) {
		t.Errorf("the wait logged is not the cap %v:\n%s", maxRetryAfter, text)
	}
}
