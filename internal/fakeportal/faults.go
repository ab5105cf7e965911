package fakeportal

import (
	"fmt"
	"maps"
	"net/http"
	"time"
)

// Fault makes the fake misbehave for the next matching requests, so tests can
// see how a client copes with rate limits, outages, slow answers, dropped
// connections and writes that happened although the answer said they failed.
type Fault struct {
	Method     string        // "" = any
	Route      string        // route pattern as in RequestCount, e.g. "/clients" or "/token" or "/scopes/access/{orgno}"; "" = any
	Status     int           // answer with this status and the §3 error body (0 = no status fault)
	RetryAfter string        // Retry-After header value to send with Status
	Latency    time.Duration // sleep before handling
	Drop       bool          // hijack and close the connection without an answer
	AfterWrite bool          // perform the request for real, then answer Status (e.g. 502) instead of the real answer
	Times      int           // how many matching requests it hits (0 means 1)
}

type activeFault struct {
	Fault
	left int
}

// InjectFault adds a fault. Faults are tried in the order they were injected;
// a request gets at most one, the first that matches and has hits left.
func (f *Fake) InjectFault(fl Fault) {
	left := fl.Times
	if left <= 0 {
		left = 1
	}
	f.faultMu.Lock()
	defer f.faultMu.Unlock()
	f.faults = append(f.faults, &activeFault{Fault: fl, left: left})
}

// ClearFaults removes every fault not yet used up.
func (f *Fake) ClearFaults() {
	f.faultMu.Lock()
	defer f.faultMu.Unlock()
	f.faults = nil
}

// takeFault finds the fault for a request and uses up one of its hits.
func (f *Fake) takeFault(method, pattern string) *Fault {
	f.faultMu.Lock()
	defer f.faultMu.Unlock()
	for i, af := range f.faults {
		if (af.Method != "" && af.Method != method) || (af.Route != "" && af.Route != pattern) {
			continue
		}
		af.left--
		if af.left <= 0 {
			f.faults = append(f.faults[:i:i], f.faults[i+1:]...)
		}
		fl := af.Fault
		return &fl
	}
	return f.chaos.fault(method, pattern)
}

func (f *Fake) writeFault(w http.ResponseWriter, fl *Fault) {
	if fl.RetryAfter != "" {
		w.Header().Set("Retry-After", fl.RetryAfter)
	}
	writeAPIError(w, f.now(), newError(fl.Status,
		fmt.Sprintf("injected fault: %d %s", fl.Status, http.StatusText(fl.Status))))
}

// dropConnection closes the connection without an answer. Where the
// connection cannot be hijacked (HTTP/2), aborting the handler resets the
// stream, which a client sees the same way.
func dropConnection(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}

// countRequest records one request under its "METHOD /route" key.
func (f *Fake) countRequest(key string) {
	f.faultMu.Lock()
	defer f.faultMu.Unlock()
	f.counts[key]++
}

// RequestCount is how many requests came for one route since the start or
// the last ResetRequestCounts. route is METHOD + " " + the route pattern
// without the /api/v1 base and without query, e.g. "POST /scopes",
// "GET /scopes/scope", "PUT /scopes/access/{orgno}"; Maskinporten's routes at
// the server's root are "POST /token", "GET /.well-known/oauth-authorization-server"
// and "GET /jwk".
func (f *Fake) RequestCount(route string) int {
	f.faultMu.Lock()
	defer f.faultMu.Unlock()
	return f.counts[route]
}

// RequestCounts is a copy of every count, by route key.
func (f *Fake) RequestCounts() map[string]int {
	f.faultMu.Lock()
	defer f.faultMu.Unlock()
	return maps.Clone(f.counts)
}

// ResetRequestCounts sets every count to zero.
func (f *Fake) ResetRequestCounts() {
	f.faultMu.Lock()
	defer f.faultMu.Unlock()
	f.counts = map[string]int{}
}
