package fakeportal

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// apiBase is where the API lives under the server's URL (§1).
const apiBase = "/api/v1"

// route is one operation of the API or the token endpoint.
type route struct {
	method  string
	pattern string   // e.g. "/clients/{id}/jwks/{kid}", without apiBase
	api     bool     // under apiBase; false for Maskinporten's token endpoint, metadata and keys
	open    bool     // no token needed (§7)
	need    []string // the token must hold one of these scopes
	handle  func(c *call) (any, error)
	// locksItself: the handler takes f.mu itself (the token endpoint signs
	// outside the lock); every other handler runs with f.mu held.
	locksItself bool

	segments []string
}

// call is one request being served: what a handler needs to know about it.
type call struct {
	r      *http.Request
	route  *route
	params map[string]string
	body   []byte
	caller string          // org number from the token's consumer claim
	scopes map[string]bool // scopes of the token
}

func (c *call) param(name string) string { return c.params[name] }
func (c *call) query(name string) string { return c.r.URL.Query().Get(name) }

// decode reads the JSON body into v. The API ignores fields it does not know,
// as clients send back whole objects they read, server-set fields included.
func (c *call) decode(v any, object string) error {
	if len(strings.TrimSpace(string(c.body))) == 0 {
		return &apiError{Status: http.StatusBadRequest, Object: object, Msg: "request body is required"}
	}
	if err := json.Unmarshal(c.body, v); err != nil {
		return &apiError{Status: http.StatusBadRequest, Object: object, Msg: "malformed JSON body: " + err.Error()}
	}
	return nil
}

// boolQuery reads an optional boolean query parameter such as inactive=true.
func (c *call) boolQuery(name string) (bool, error) {
	v := c.query(name)
	if v == "" {
		return false, nil
	}
	switch strings.ToLower(v) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, badRequest(fmt.Sprintf("query parameter %s must be true or false, not %q", name, v))
}

func (f *Fake) buildRoutes() []*route {
	scopesRead := []string{scopeScopesRead, scopeScopesWrite} // write implies read
	scopesWrite := []string{scopeScopesWrite}
	dcrRead := []string{scopeDCRRead, scopeDCRWrite}
	dcrWrite := []string{scopeDCRWrite}
	keysWrite := []string{scopeDCRWrite, scopeDCRModify}
	contactsRead := []string{scopeScopesRead, scopeDCRRead, scopeScopesWrite, scopeDCRWrite}
	contactsWrite := []string{scopeScopesWrite, scopeDCRWrite}

	api := func(method, pattern string, need []string, h func(*call) (any, error)) *route {
		return &route{method: method, pattern: pattern, api: true, need: need, handle: h}
	}
	// The open lookups (§7) are all reads.
	open := func(pattern string, h func(*call) (any, error)) *route {
		return &route{method: http.MethodGet, pattern: pattern, api: true, open: true, handle: h}
	}
	routes := []*route{
		// Maskinporten's routes, at the root and not under apiBase: counted as
		// "POST /token", "GET /.well-known/oauth-authorization-server" and
		// "GET /jwk", keys no API route has.
		{method: http.MethodPost, pattern: "/token", open: true, locksItself: true, handle: f.handleToken},
		{method: http.MethodGet, pattern: metadataPath, open: true, handle: f.metadata},
		{method: http.MethodGet, pattern: jwksPath, open: true, handle: f.signingKeys},

		api("GET", "/scopes", scopesRead, f.listScopes),
		api("POST", "/scopes", scopesWrite, f.createScope),
		api("PUT", "/scopes", scopesWrite, f.updateScope),
		api("DELETE", "/scopes", scopesWrite, f.deleteScope),
		api("GET", "/scopes/scope", scopesRead, f.getScope),
		open("/scopes/all", f.scopeCatalogue),

		api("GET", "/scopes/access", scopesRead, f.listGrants),
		api("GET", "/scopes/access/all", scopesRead, f.grantsToCaller),
		api("PUT", "/scopes/access/{orgno}", scopesWrite, f.grantAccess),
		api("DELETE", "/scopes/access/{orgno}", scopesWrite, f.revokeAccess),

		api("GET", "/clients", dcrRead, f.listClients),
		api("POST", "/clients", dcrWrite, f.createClient),
		api("GET", "/clients/{id}", dcrRead, f.getClient),
		api("PUT", "/clients/{id}", dcrWrite, f.updateClient),
		api("DELETE", "/clients/{id}", dcrWrite, f.deleteClient),
		api("POST", "/clients/{id}/secret", dcrWrite, f.newClientSecret),

		api("GET", "/clients/{id}/jwks", dcrRead, f.getKeySet),
		api("POST", "/clients/{id}/jwks", keysWrite, f.replaceKeySet),
		api("DELETE", "/clients/{id}/jwks", keysWrite, f.deleteKeySet),
		api("GET", "/clients/{id}/jwks/{kid}", dcrRead, f.getKey),
		api("PUT", "/clients/{id}/jwks/{kid}", keysWrite, f.putKey),
		api("DELETE", "/clients/{id}/jwks/{kid}", keysWrite, f.deleteKey),

		api("GET", "/prefix", scopesRead, f.callerPrefixes),
		open("/prefix/all", f.allPrefixes),
		open("/delegationsources", f.delegationSources),
		open("/organizations/{orgno}", f.organization),

		api("GET", "/organization/contacts", contactsRead, f.getContacts),
		api("PUT", "/organization/contacts", contactsWrite, f.putContacts),

		// On-behalf-of records (§12, onbehalfof.go).
		api("GET", "/clients/{id}/onbehalfof", []string{scopeDCRRead, scopeDCRWrite, scopeOnBehalfOfWrite}, f.listOnBehalfOf),
		api("POST", "/clients/{id}/onbehalfof", []string{scopeDCRWrite, scopeDCRModify, scopeOnBehalfOfWrite}, f.createOnBehalfOf),
		api("GET", "/clients/{id}/onbehalfof/{obo}", []string{scopeDCRRead, scopeDCRWrite, scopeOnBehalfOfWrite}, f.getOnBehalfOf),
		api("PUT", "/clients/{id}/onbehalfof/{obo}", []string{scopeDCRWrite, scopeDCRModify, scopeOnBehalfOfWrite}, f.updateOnBehalfOf),
		api("DELETE", "/clients/{id}/onbehalfof/{obo}", []string{scopeDCRWrite, scopeDCRModify, scopeOnBehalfOfWrite}, f.deleteOnBehalfOf),
	}
	for _, rt := range routes {
		rt.segments = strings.Split(strings.TrimPrefix(rt.pattern, "/"), "/")
	}
	return routes
}

// match finds the route of r. pattern is the route pattern for counting and
// faults: the matched route's, or for an unknown path the path itself
// (without apiBase). err is a 404 or 405 when no route serves r.
func (f *Fake) match(r *http.Request) (rt *route, params map[string]string, pattern string, err *apiError) {
	rawPath := r.URL.EscapedPath()
	api := rawPath == apiBase || strings.HasPrefix(rawPath, apiBase+"/")
	rel := rawPath
	if api {
		rel = strings.TrimPrefix(rawPath, apiBase)
	}
	segs := strings.Split(strings.TrimPrefix(rel, "/"), "/")
	for i, s := range segs {
		if u, uerr := url.PathUnescape(s); uerr == nil {
			segs[i] = u
		}
	}

	// Among the routes whose path matches, a literal segment beats a
	// parameter (/scopes/access/all before /scopes/access/{orgno}).
	var pathMatch *route
	bestLiterals := -1
	for _, cand := range f.routes {
		if cand.api != api {
			continue
		}
		p, literals, ok := matchSegments(cand.segments, segs)
		if !ok {
			continue
		}
		if cand.method == r.Method && (rt == nil || literals > bestLiterals) {
			rt, params, bestLiterals = cand, p, literals
		}
		if pathMatch == nil {
			pathMatch = cand
		}
	}
	if rt != nil {
		return rt, params, rt.pattern, nil
	}
	if pathMatch != nil {
		return nil, nil, pathMatch.pattern, newError(http.StatusMethodNotAllowed,
			fmt.Sprintf("method %s is not allowed on %s", r.Method, pathMatch.pattern))
	}
	if rel == "" {
		rel = "/"
	}
	// An unknown path under the API that names a root route (POST
	// /api/v1/token) keeps its base, so that it is not counted as a request
	// to that route.
	if api && f.rootRoute(rel) {
		rel = apiBase + rel
	}
	return nil, nil, rel, notFound(fmt.Sprintf("no such endpoint: %s %s", r.Method, r.URL.Path))
}

// rootRoute is true when a route outside the API has pattern.
func (f *Fake) rootRoute(pattern string) bool {
	for _, rt := range f.routes {
		if !rt.api && rt.pattern == pattern {
			return true
		}
	}
	return false
}

func matchSegments(pattern, path []string) (map[string]string, int, bool) {
	if len(pattern) != len(path) {
		return nil, 0, false
	}
	params := map[string]string{}
	literals := 0
	for i, p := range pattern {
		if strings.HasPrefix(p, "{") && strings.HasSuffix(p, "}") {
			if path[i] == "" {
				return nil, 0, false
			}
			params[p[1:len(p)-1]] = path[i]
			continue
		}
		if p != path[i] {
			return nil, 0, false
		}
		literals++
	}
	return params, literals, true
}

// maxBody bounds what the fake reads of a request body.
const maxBody = 1 << 20

// ServeHTTP counts the request, applies an injected fault, and serves it.
func (f *Fake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	rt, params, pattern, matchErr := f.match(r)
	f.countRequest(r.Method + " " + pattern)

	sw := &statusWriter{ResponseWriter: w}
	if f.opts.OnRequest != nil {
		defer func() { f.opts.OnRequest(r.Method, pattern, sw.status, time.Since(start)) }()
	}

	if !sleep(r.Context(), f.opts.Latency) {
		return
	}
	fl := f.takeFault(r.Method, pattern)
	if fl != nil {
		if !sleep(r.Context(), fl.Latency) {
			return
		}
		if fl.Drop {
			dropConnection(sw)
			return
		}
		if fl.Status != 0 && !fl.AfterWrite {
			f.writeFault(sw, fl)
			return
		}
	}

	var result any
	var err error
	if matchErr != nil {
		err = matchErr
	} else {
		body, rerr := io.ReadAll(http.MaxBytesReader(sw, r.Body, maxBody))
		if rerr != nil {
			err = badRequest("cannot read request body: " + rerr.Error())
		} else {
			result, err = f.serveRoute(&call{r: r, route: rt, params: params, body: body})
		}
	}

	// AfterWrite: the request took effect, but the client is told it failed,
	// as when a gateway times out after the backend committed.
	if fl != nil && fl.Status != 0 && fl.AfterWrite {
		f.writeFault(sw, fl)
		return
	}
	f.writeResult(sw, result, err)
}

// serveRoute authenticates the call and runs its handler, under f.mu unless
// the handler locks for itself.
func (f *Fake) serveRoute(c *call) (any, error) {
	rt := c.route
	if rt.locksItself {
		return rt.handle(c)
	}
	if !rt.open {
		claims, err := f.verifyAccessToken(c.r)
		if err != nil {
			return nil, err
		}
		c.caller = claims.orgno()
		c.scopes = claims.scopeSet()
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if !rt.open {
		if o := f.orgs[c.caller]; o != nil && o.TermsNotSigned {
			return nil, newError(http.StatusPreconditionRequired, fmt.Sprintf(
				"organisation %s has not signed the terms of use for the self-service API; sign them in Samarbeidsportalen", c.caller))
		}
		if err := c.requireScope(rt.need...); err != nil {
			return nil, err
		}
	}
	return rt.handle(c)
}

// withStatus is a handler's answer with a success status other than 200:
// the key-set writes answer 201 and 204 (portal-api.md §11). A nil body is
// no body at all.
type withStatus struct {
	status int
	body   any
}

func (f *Fake) writeResult(w http.ResponseWriter, result any, err error) {
	if err != nil {
		switch e := err.(type) {
		case *apiError:
			writeAPIError(w, f.now(), e)
		case *oauthError:
			writeOAuthError(w, e)
		default:
			writeAPIError(w, f.now(), newError(http.StatusInternalServerError, "internal error: "+err.Error()))
		}
		return
	}
	status := http.StatusOK
	if ws, ok := result.(withStatus); ok {
		status, result = ws.status, ws.body
	}
	if result == nil { // DELETE /clients/{id} and friends: an empty body
		w.WriteHeader(status)
		return
	}
	writeJSON(w, status, result)
}

// statusWriter remembers the status sent, for OnRequest.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach Hijack and Flush.
func (s *statusWriter) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// sleep waits d, and reports false when the request ended first.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
