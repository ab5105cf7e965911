package portal

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// metadataPath is where Maskinporten publishes its metadata (RFC 8414),
// under the issuer: https://test.maskinporten.no/.well-known/oauth-authorization-server.
const metadataPath = ".well-known/oauth-authorization-server"

// discoverTokenEndpoint reads the issuer's metadata and returns its token
// endpoint, for a configuration that names the issuer (the grant's
// audience) but not the endpoint. The document must name the same issuer.
func discoverTokenEndpoint(ctx context.Context, client *http.Client, issuer string) (string, error) {
	where := strings.TrimSuffix(issuer, "/") + "/" + metadataPath
	fail := func(format string, a ...any) (string, error) {
		return "", fmt.Errorf("finding the token endpoint in the metadata of issuer %s (%s): %s; set token_endpoint, "+
			"or check audience", issuer, where, fmt.Sprintf(format, a...))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, where, nil)
	if err != nil {
		return fail("%v", err)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return fail("%v", unwrapURLError(err))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return fail("%v", err)
	}
	if resp.StatusCode != http.StatusOK {
		return fail("the answer was %d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
	}
	var doc struct {
		Issuer        string `json:"issuer"`
		TokenEndpoint string `json:"token_endpoint"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		return fail("the answer is not the metadata's JSON: %q", excerpt(body))
	}
	if strings.TrimSuffix(doc.Issuer, "/") != strings.TrimSuffix(issuer, "/") {
		return fail("the document is issuer %q's", doc.Issuer)
	}
	u, err := url.Parse(doc.TokenEndpoint)
	switch {
	case err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "":
		return fail("its token_endpoint %q is not an http(s) URL", doc.TokenEndpoint)
	case u.Scheme == "http" && !IsLoopbackHost(u.Hostname()):
		return fail("its token_endpoint %q is plain http away from this machine", doc.TokenEndpoint)
	}
	return u.String(), nil
}

// IsLoopbackHost tells whether host names this machine, where plain http
// is allowed (test servers, local proxies): a token sent over plain http
// to a real host could be read by anyone on the path.
func IsLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
