package acctest

import (
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"sync"
	"testing"
	"time"
)

// HoldingProxy stands between the provider and the fake portal, holds every
// request that matches for a while, and counts the matching requests and
// how many were in flight at once: the way to see whether writes overlap.
type HoldingProxy struct {
	mu             sync.Mutex
	inFlight, peak int
	count          int
}

// NewHoldingProxy starts a proxy in front of p that holds each request for
// which match is true for hold, and returns it with the base URL to give
// the provider instead of p's (p.BaseURL).
func NewHoldingProxy(t *testing.T, p *Portal, match func(*http.Request) bool, hold time.Duration) (*HoldingProxy, string) {
	t.Helper()
	target, err := url.Parse(p.URL)
	if err != nil {
		t.Fatal(err)
	}
	h := &HoldingProxy{}
	forward := httputil.NewSingleHostReverseProxy(target)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if match(r) {
			h.mu.Lock()
			h.inFlight++
			h.count++
			h.peak = max(h.peak, h.inFlight)
			h.mu.Unlock()
			defer func() {
				h.mu.Lock()
				h.inFlight--
				h.mu.Unlock()
			}()
			time.Sleep(hold)
		}
		forward.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return h, srv.URL + "/api/v1"
}

// Counts are the matching requests seen so far, and the most that were in
// flight at once.
func (h *HoldingProxy) Counts() (requests, peakInFlight int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.count, h.peak
}
