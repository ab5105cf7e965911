package fakeportal

import (
	"net/http"
	"testing"
)

// Chaos fails the share of API requests it is given, by its four kinds,
// and leaves the token endpoint and the metadata alone.
func TestChaos(t *testing.T) {
	f := New(Options{})
	f.SetChaos(Chaos{Rate: 1, Seed: 7})
	for range 40 {
		if f.chaos.fault(http.MethodGet, "/scopes") == nil {
			t.Fatal("at rate 1 a request was let through")
		}
	}
	for _, pattern := range []string{"/token", "/.well-known/oauth-authorization-server", "/jwk"} {
		if f.chaos.fault(http.MethodPost, pattern) != nil {
			t.Errorf("%s got a fault", pattern)
		}
	}
	dealt := f.ChaosFaults()
	if len(dealt) != len(chaosKinds) {
		t.Errorf("40 faults dealt only %v", dealt)
	}
	f.SetChaos(Chaos{})
	if f.chaos.fault(http.MethodGet, "/scopes") != nil {
		t.Error("at rate 0 a request failed")
	}
}
