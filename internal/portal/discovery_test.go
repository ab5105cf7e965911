package portal

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// The token endpoint is taken from the issuer's metadata only when the
// document is that issuer's and names an endpoint a grant may be sent to.
func TestDiscoverTokenEndpoint(t *testing.T) {
	var doc map[string]any
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/"+metadataPath {
			http.NotFound(w, r)
			return
		}
		writeJSON(w, 200, doc)
	}))
	defer srv.Close()
	issuer := srv.URL + "/"
	tests := []struct {
		doc     map[string]any
		want    string // the endpoint, or a part of the error
		isError bool
	}{
		{map[string]any{"issuer": issuer, "token_endpoint": srv.URL + "/token"}, srv.URL + "/token", false},
		{map[string]any{"issuer": "https://other.example/", "token_endpoint": srv.URL + "/token"}, `issuer "https://other.example/"'s`, true},
		{map[string]any{"issuer": issuer, "token_endpoint": "http://tokens.example.no/token"}, "plain http away from this machine", true},
		{map[string]any{"issuer": issuer}, "is not an http(s) URL", true},
	}
	for _, tt := range tests {
		doc = tt.doc
		got, err := discoverTokenEndpoint(context.Background(), http.DefaultClient, issuer)
		switch {
		case tt.isError && (err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "set token_endpoint")):
			t.Errorf("%v: err = %v, want one saying %q", tt.doc, err, tt.want)
		case !tt.isError && (err != nil || got != tt.want):
			t.Errorf("%v: %q, %v; want %q", tt.doc, got, err, tt.want)
		}
	}
	if _, err := discoverTokenEndpoint(context.Background(), http.DefaultClient, srv.URL+"/nowhere/"); err == nil ||
		!strings.Contains(err.Error(), "404") {
		t.Errorf("no metadata: %v", err)
	}
}
