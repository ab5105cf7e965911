package portal

import (
	"fmt"
	"net/url"
	"strings"
)

// Environment is one row of portal-api.md §1: where the API lives and which
// Maskinporten issues the tokens it accepts.
type Environment struct {
	BaseURL       string // ends in /api/v1
	Audience      string // the Maskinporten issuer, the JWT grant's aud (trailing slash included)
	TokenEndpoint string
}

// Environments are the known portal environments by name. The old ver1/ver2
// test environments are retired; "test" replaces them.
var Environments = map[string]Environment{
	"test": {
		BaseURL:       "https://api.test.samarbeid.digdir.no/api/v1",
		Audience:      "https://test.maskinporten.no/",
		TokenEndpoint: "https://test.maskinporten.no/token",
	},
	"prod": {
		BaseURL:       "https://api.samarbeid.digdir.no/api/v1",
		Audience:      "https://maskinporten.no/",
		TokenEndpoint: "https://maskinporten.no/token",
	},
}

// DefaultScopes are the token scopes the provider's resources need: read and
// write on clients (dcr) and on scopes (which covers access grants, prefixes
// and merchant data).
var DefaultScopes = []string{
	"idporten:dcr.read",
	"idporten:dcr.write",
	"idporten:scopes.read",
	"idporten:scopes.write",
}

// apiSuffix is the path prefix every endpoint has lived under since May 2025;
// clients that used un-prefixed paths broke (lesson 1).
const apiSuffix = "/api/v1"

// NormalizeBaseURL accepts a base with or without "/api/v1" and with or
// without a trailing slash and returns "<root>/api/v1", so that every URL is
// built from one base.
func NormalizeBaseURL(raw string) (string, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", fmt.Errorf("base URL is empty")
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", fmt.Errorf("base URL %q is not a URL: %v", raw, err)
	}
	if u.Scheme != "https" && u.Scheme != "http" {
		return "", fmt.Errorf("base URL %q must start with https:// (or http:// for a local test server)", raw)
	}
	if u.Host == "" {
		return "", fmt.Errorf("base URL %q has no host", raw)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("base URL %q must not have a query or fragment", raw)
	}
	if u.User != nil {
		return "", fmt.Errorf("base URL %q must not hold credentials", redactUserinfo(u))
	}
	p := strings.TrimRight(u.Path, "/")
	switch {
	case strings.HasSuffix(p, apiSuffix):
	case strings.HasSuffix(p, "/api"):
		p += "/v1"
	default:
		p += apiSuffix
	}
	u.Path = p
	u.RawPath = ""
	return u.String(), nil
}

func redactUserinfo(u *url.URL) string {
	c := *u
	c.User = url.User("redacted")
	return c.String()
}
