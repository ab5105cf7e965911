package portal

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
)

// countingTokenServer hands out a new token on every grant: token-1, token-2, …
func countingTokenServer(t *testing.T, fetched *atomic.Int32) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := fetched.Add(1)
		writeJSON(w, 200, map[string]any{"access_token": fmt.Sprintf("token-%d", n), "expires_in": 599})
	}))
	t.Cleanup(srv.Close)
	return srv
}

func grantClient(t *testing.T, api http.HandlerFunc, fetched *atomic.Int32) *Client {
	t.Helper()
	src, err := NewGrantTokenSource(GrantConfig{TokenEndpoint: countingTokenServer(t, fetched).URL, Audience: "https://test.maskinporten.no/",
		ClientID: "admin", KeyID: "k1", PrivateKey: rsaKey(t)})
	if err != nil {
		t.Fatal(err)
	}
	c, _ := testClient(t, api, func(cfg *Config) { cfg.Tokens = src })
	return c
}

// A token the portal refuses before its time (401) is renewed once, and the
// call is sent again with the new one, even a POST: a 401 was not carried
// out.
func TestTokenRenewedOnceAfter401(t *testing.T) {
	var fetched, calls atomic.Int32
	c := grantClient(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if r.Header.Get("Authorization") == "Bearer token-1" {
			portalError(w, http.StatusUnauthorized, "token expired")
			return
		}
		writeJSON(w, 200, Integration{ClientID: "x", ClientName: "n"})
	}, &fetched)
	in, err := c.CreateIntegration(context.Background(), Integration{ClientID: "x", ClientName: "n"})
	if err != nil || in.ClientID != "x" {
		t.Fatalf("CreateIntegration = %+v, %v", in, err)
	}
	if fetched.Load() != 2 || calls.Load() != 2 {
		t.Errorf("%d tokens and %d calls, want 2 and 2", fetched.Load(), calls.Load())
	}
}

// A second 401, with the new token, is an error: no loop of renewals.
func TestSecond401IsAnError(t *testing.T) {
	var fetched, calls atomic.Int32
	c := grantClient(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		portalError(w, http.StatusUnauthorized, "not for this API")
	}, &fetched)
	_, err := c.ListPrefixes(context.Background())
	if !IsUnauthorized(err) {
		t.Fatalf("err = %v, want a 401", err)
	}
	if fetched.Load() != 2 || calls.Load() != 2 {
		t.Errorf("%d tokens and %d calls, want 2 and 2", fetched.Load(), calls.Load())
	}
}

// A configured token cannot be renewed: its 401 is the answer.
func TestStaticToken401IsAnError(t *testing.T) {
	var calls atomic.Int32
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		portalError(w, http.StatusUnauthorized, "expired")
	})
	if _, err := c.ListPrefixes(context.Background()); !IsUnauthorized(err) {
		t.Fatalf("err = %v, want a 401", err)
	}
	if calls.Load() != 1 {
		t.Errorf("%d calls, want 1", calls.Load())
	}
}
