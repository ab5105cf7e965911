package fakeportal

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
)

// Server is a Fake behind a real loopback HTTP server.
type Server struct {
	*Fake
	URL           string // the server's root, e.g. http://127.0.0.1:34567
	BaseURL       string // URL + "/api/v1"
	TokenEndpoint string // URL + "/token"
	Audience      string // URL + "/": a grant's aud
	Metadata      string // URL + "/.well-known/oauth-authorization-server": Maskinporten's metadata
	HTTP          *httptest.Server
}

// NewServer starts a fake on loopback HTTP seeded with orgs, closed when the
// test ends.
func NewServer(t testing.TB, orgs ...Org) *Server {
	t.Helper()
	return NewServerWith(t, Options{}, orgs...)
}

// NewServerWith is NewServer with options.
func NewServerWith(t testing.TB, opts Options, orgs ...Org) *Server {
	t.Helper()
	s, err := StartWith(opts, orgs...)
	if err != nil {
		t.Fatalf("fakeportal: %v", err)
	}
	t.Cleanup(s.Close)
	return s
}

// Start is NewServer for code without a testing.TB; the caller calls Close.
func Start(orgs ...Org) (*Server, error) {
	return StartWith(Options{}, orgs...)
}

// StartWith is Start with options.
func StartWith(opts Options, orgs ...Org) (*Server, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("listening on loopback: %w", err)
	}
	return serve(New(opts), l, orgs), nil
}

// serve runs f on the listener l and seeds it.
func serve(f *Fake, l net.Listener, orgs []Org) *Server {
	hs := &httptest.Server{Listener: l, Config: &http.Server{Handler: f}}
	hs.Start()
	f.SetIssuer(hs.URL)
	for _, o := range orgs {
		f.AddOrg(o)
	}
	return &Server{
		Fake:          f,
		URL:           hs.URL,
		BaseURL:       hs.URL + apiBase,
		TokenEndpoint: hs.URL + "/token",
		Audience:      hs.URL + "/",
		Metadata:      hs.URL + metadataPath,
		HTTP:          hs,
	}
}

// Close stops the server.
func (s *Server) Close() { s.HTTP.Close() }
