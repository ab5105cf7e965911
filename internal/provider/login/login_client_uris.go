package login

import (
	"net"
	"net/url"
	"strings"
)

// uriProblem says what is wrong with a redirect (or logout) URI for a
// client of application type app ("" when not known yet: then only what
// holds for every type is checked), or "" when nothing is. The rules of
// portal-api.md §12: no fragment; web and browser: http or https with a
// host; native: any scheme, absolute; in prod, localhost only for native.
func uriProblem(raw, app string, production bool) string {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return "it is not a URI (" + err.Error() + ")"
	case strings.Contains(raw, "#"):
		return "a redirect URI must not have a fragment (#)"
	case u.Scheme == "":
		return "it must be absolute, with a scheme (https://…, or a native app's own scheme)"
	case app == appNative || app == "":
		return ""
	case u.Scheme != "http" && u.Scheme != "https":
		return "a " + app + " client's URIs are http or https (any other scheme is for native clients)"
	case u.Host == "":
		return "it must have a host"
	case production && isLocalhost(u.Hostname()):
		return "in the prod environment only native clients may use localhost; use it from a client in the test " +
			"environment, or with application_type = \"native\""
	}
	return ""
}

// sameOrigin tells whether two URIs share scheme, host and port, as the
// front-channel logout URI must with a redirect URI.
func sameOrigin(a, b string) bool {
	ua, errA := url.Parse(a)
	ub, errB := url.Parse(b)
	if errA != nil || errB != nil {
		return false
	}
	return strings.EqualFold(ua.Scheme, ub.Scheme) && strings.EqualFold(ua.Hostname(), ub.Hostname()) &&
		effectivePort(ua) == effectivePort(ub)
}

// isLocalhost: the name localhost and its subdomains (RFC 6761), or a
// loopback address: what "localhost" means in the rule for prod.
func isLocalhost(host string) bool {
	host = strings.ToLower(host)
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func effectivePort(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return "443"
	case "http":
		return "80"
	}
	return ""
}
