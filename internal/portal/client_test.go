package portal

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestRequestHeadersAndQuery(t *testing.T) {
	token := fakeAccessToken("991825827")
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		if got := r.Header.Get("Authorization"); got != "Bearer "+token {
			t.Errorf("Authorization = %q", got)
		}
		if got := r.Header.Get("User-Agent"); got != "terraform-provider-krr/test" {
			t.Errorf("User-Agent = %q", got)
		}
		if got := r.Header.Get("Accept"); got != "application/json" {
			t.Errorf("Accept = %q", got)
		}
		if r.URL.Path != "/api/v1/scopes/scope" {
			t.Errorf("path = %q", r.URL.Path)
		}
		if r.URL.RawQuery != "scope=digdir%3Apensjon%2Fv3%2Falderspensjon" {
			t.Errorf("query = %q", r.URL.RawQuery)
		}
		writeJSON(w, 200, Scope{Name: "digdir:pensjon/v3/alderspensjon"})
	})
	s, err := c.GetScope(context.Background(), "digdir:pensjon/v3/alderspensjon")
	if err != nil || s.Name != "digdir:pensjon/v3/alderspensjon" {
		t.Fatalf("GetScope = %v, %v", s, err)
	}
}

func TestPutSendsEveryField(t *testing.T) {
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("Content-Type = %q", r.Header.Get("Content-Type"))
		}
		var m map[string]any
		if err := json.NewDecoder(r.Body).Decode(&m); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"active", "accessible_for_all", "requires_user_consent", "at_max_age", "description", "long_description",
			// Left out, they may keep their old value in the portal (§11).
			"delegation_source", "enforced_aud_for_access_token"} {
			if _, ok := m[k]; !ok {
				t.Errorf("PUT body lacks %q: %v", k, m)
			}
		}
		if m["active"] != false {
			t.Errorf("active = %v", m["active"])
		}
		if v, ok := m["allowed_integration_types"].([]any); !ok || len(v) != 0 {
			t.Errorf("allowed_integration_types = %#v, want []", m["allowed_integration_types"])
		}
		for _, k := range []string{"name", "owner_orgno", "created", "last_updated"} {
			if _, ok := m[k]; ok {
				t.Errorf("PUT body has server-set %q", k)
			}
		}
		writeJSON(w, 200, Scope{Name: "digdir:a"})
	})
	if _, err := c.UpdateScope(context.Background(), "digdir:a", Scope{Prefix: "digdir", Subscope: "a", Description: "d"}); err != nil {
		t.Fatal(err)
	}
}

func TestIntegrationJSONNeverSendsSecret(t *testing.T) {
	b, err := json.Marshal(Integration{ClientID: "x", ClientSecret: "s3cr3t", Created: ""})
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if strings.Contains(s, "s3cr3t") || strings.Contains(s, "client_secret") {
		t.Errorf("secret sent: %s", s)
	}
	for _, k := range []string{`"scopes":[]`, `"grant_types":[]`, `"redirect_uris":[]`, `"active":false`, `"sso_disabled":false`} {
		if !strings.Contains(s, k) {
			t.Errorf("%s lacks %s", s, k)
		}
	}
	// A lifetime of 0 is refused by the portal (§11): never sent.
	if strings.Contains(s, "lifetime") {
		t.Errorf("a lifetime of 0 was sent: %s", s)
	}
	// An answer's secret is still read.
	var in Integration
	if err := json.Unmarshal([]byte(`{"client_id":"x","client_secret":"new"}`), &in); err != nil || in.ClientSecret != "new" {
		t.Errorf("decode: %v %v", in, err)
	}
}

func TestBlankConsumerNeverReachesServer(t *testing.T) {
	var n atomic.Int32
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) { n.Add(1); writeJSON(w, 200, AccessGrant{}) })
	ctx := context.Background()
	for _, orgno := range []string{"", " ", "12345678", "991825828", "../scopes"} {
		if _, err := c.RevokeAccess(ctx, "digdir:a", orgno); err == nil {
			t.Errorf("RevokeAccess(%q) gave no error", orgno)
		}
		if _, err := c.GrantAccess(ctx, "digdir:a", orgno); err == nil {
			t.Errorf("GrantAccess(%q) gave no error", orgno)
		}
		if _, err := c.GetOrganization(ctx, orgno); err == nil {
			t.Errorf("GetOrganization(%q) gave no error", orgno)
		}
		if _, err := c.GetScopeAccess(ctx, "digdir:a", orgno); err == nil {
			t.Errorf("GetScopeAccess(%q) gave no error", orgno)
		}
	}
	if _, err := c.RevokeAccess(ctx, "", "889640782"); err == nil {
		t.Error("blank scope accepted")
	}
	if _, err := c.GetIntegration(ctx, ""); err == nil {
		t.Error("blank client id accepted")
	}
	if err := c.DeleteJWK(ctx, "abc", ""); err == nil {
		t.Error("blank kid accepted")
	}
	if err := c.DeleteJWK(ctx, "abc", "a/b"); err == nil {
		t.Error("kid with / accepted")
	}
	if n.Load() != 0 {
		t.Errorf("%d requests reached the server", n.Load())
	}
}

func TestGrantAccessPath(t *testing.T) {
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method != "DELETE" || r.URL.Path != "/api/v1/scopes/access/889640782" || r.URL.Query().Get("scope") != "digdir:a/b" {
			t.Errorf("%s %s?%s", r.Method, r.URL.Path, r.URL.RawQuery)
		}
		if r.ContentLength > 0 {
			t.Error("revoke sent a body")
		}
		writeJSON(w, 200, AccessGrant{Scope: "digdir:a/b", ConsumerOrgno: "889640782", State: GrantDenied})
	})
	g, err := c.RevokeAccess(context.Background(), "digdir:a/b", "889640782")
	if err != nil || g.State != GrantDenied {
		t.Fatalf("%v %v", g, err)
	}
}

func TestDoesNotHaveAnyIsEmpty(t *testing.T) {
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		portalError(w, 404, "Organization 310000000 does not have any prefixes")
	})
	ctx := context.Background()
	if p, err := c.ListPrefixes(ctx); err != nil || p == nil || len(p) != 0 {
		t.Errorf("ListPrefixes = %#v, %v", p, err)
	}
	if s, err := c.ListScopes(ctx, true); err != nil || s == nil || len(s) != 0 {
		t.Errorf("ListScopes = %#v, %v", s, err)
	}
	if g, err := c.ListScopeAccess(ctx, "a:b"); err != nil || g == nil || len(g) != 0 {
		t.Errorf("ListScopeAccess = %#v, %v", g, err)
	}
	if g, err := c.ListAccessGrantedToMe(ctx); err != nil || len(g) != 0 {
		t.Errorf("ListAccessGrantedToMe = %#v, %v", g, err)
	}
	if _, err := c.GetScopeAccess(ctx, "a:b", "889640782"); !IsNotFound(err) {
		t.Errorf("GetScopeAccess err = %v, want not found", err)
	}
	// Another 404 stays an error.
	c2, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) { portalError(w, 404, "no such thing") })
	if _, err := c2.ListPrefixes(ctx); !IsNotFound(err) {
		t.Errorf("plain 404: %v", err)
	}
}

func TestGetScopeAccessPicksTheConsumer(t *testing.T) {
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Get("scope") != "a:b" || q.Get("consumer_orgno") != "889640782" {
			t.Errorf("query %q", r.URL.RawQuery)
		}
		writeJSON(w, 200, []AccessGrant{{Scope: "a:b", ConsumerOrgno: "974760673"}, {Scope: "a:b", ConsumerOrgno: "889640782", State: GrantApproved}})
	})
	g, err := c.GetScopeAccess(context.Background(), "a:b", "889640782")
	if err != nil || g.ConsumerOrgno != "889640782" || g.State != GrantApproved {
		t.Fatalf("%v %v", g, err)
	}
}

func TestOpenEndpointsSendNoToken(t *testing.T) {
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "" {
			t.Errorf("%s sent a token", r.URL.Path)
		}
		switch r.URL.Path {
		case "/api/v1/scopes/all":
			q := r.URL.Query()
			if q.Get("accessible_for_all") != "true" || q.Get("integration_type") != "maskinporten" || q.Get("inactive") != "true" || q.Has("delegated_sources") {
				t.Errorf("query %q", r.URL.RawQuery)
			}
			writeJSON(w, 200, []Scope{})
		case "/api/v1/organizations/991825827":
			writeJSON(w, 200, Organization{Orgnr: "991825827", Name: "DIGITALISERINGSDIREKTORATET"})
		case "/api/v1/delegationsources":
			writeJSON(w, 200, []DelegationSource{{Name: "altinn", Issuer: "https://tt02.altinn.no/"}})
		case "/api/v1/prefix/all":
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte("null"))
		default:
			t.Errorf("unexpected %s", r.URL.Path)
		}
	}, func(cfg *Config) { cfg.Tokens = nil })
	ctx := context.Background()
	yes := true
	if _, err := c.ListPublicScopes(ctx, PublicScopeFilter{AccessibleForAll: &yes, IntegrationType: "maskinporten", IncludeInactive: true}); err != nil {
		t.Error(err)
	}
	if o, err := c.GetOrganization(ctx, "991825827"); err != nil || o.Name != "DIGITALISERINGSDIREKTORATET" {
		t.Error(o, err)
	}
	if d, err := c.ListDelegationSources(ctx); err != nil || d[0].Issuer != "https://tt02.altinn.no/" {
		t.Error(d, err)
	}
	if p, err := c.ListAllPrefixes(ctx); err != nil || p == nil {
		t.Error(p, err)
	}
	// Without a token source, a call that needs one fails before any request.
	if _, err := c.ListScopes(ctx, false); !errors.Is(err, errNoTokens) {
		t.Errorf("err = %v", err)
	}
}

func TestJWKSCalls(t *testing.T) {
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.Method + " " + r.URL.Path {
		case "POST /api/v1/clients/c%201/jwks", "POST /api/v1/clients/c 1/jwks":
			body, _ := io.ReadAll(r.Body)
			if !strings.Contains(string(body), `"keys":[{"kty":"RSA","kid":"k1"`) {
				t.Errorf("body %s", body)
			}
			w.Header().Set("Content-Type", "application/json")
			w.Write(body)
		case "GET /api/v1/clients/c 1/jwks": // the echo above has no exp or created: read back
			writeJSON(w, 200, JWKS{Keys: []JWK{{Kid: "k1", Exp: 1, Created: "c"}}})
		case "PUT /api/v1/clients/c 1/jwks/k1":
			writeJSON(w, 200, JWK{Kid: "k1", Exp: 1})
		case "DELETE /api/v1/clients/c 1/jwks":
			w.WriteHeader(200)
		default:
			t.Errorf("unexpected %s %s (%s)", r.Method, r.URL.Path, r.URL.RawPath)
		}
	})
	ctx := context.Background()
	set, err := c.ReplaceJWKS(ctx, "c 1", []JWK{{Kty: "RSA", Kid: "k1", Use: "sig", Alg: "RS256", N: "n", E: "AQAB"}})
	if err != nil || len(set.Keys) != 1 {
		t.Fatal(set, err)
	}
	if k, err := c.PutJWK(ctx, "c 1", JWK{Kid: "k1"}); err != nil || k.Exp != 1 {
		t.Fatal(k, err)
	}
	if err := c.DeleteJWKS(ctx, "c 1"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ReplaceJWKS(ctx, "c", []JWK{{Kid: "a"}, {Kid: "a"}}); err == nil {
		t.Error("duplicate kids accepted")
	}
}

func TestContactsRoundTrip(t *testing.T) {
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method == "PUT" {
			var m map[string]any
			json.NewDecoder(r.Body).Decode(&m)
			if _, ok := m["notification_contacts"].([]any); !ok {
				t.Errorf("notification_contacts = %#v", m["notification_contacts"])
			}
		}
		writeJSON(w, 200, OrgContacts{Orgno: "991825827", Invoice: &Invoice{Email: "f@example.no", Address: &Address{City: "Oslo"}}})
	})
	got, err := c.PutOrgContacts(context.Background(), OrgContacts{})
	if err != nil || got.Invoice.Address.City != "Oslo" || got.NotificationContacts == nil {
		t.Fatal(got, err)
	}
}

func TestPerAttemptTimeoutIsRetried(t *testing.T) {
	var n atomic.Int32
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			select {
			case <-r.Context().Done():
			case <-time.After(2 * time.Second):
			}
			return
		}
		writeJSON(w, 200, []Scope{})
	}, func(cfg *Config) { cfg.RequestTimeout = 100 * time.Millisecond })
	if _, err := c.ListScopes(context.Background(), false); err != nil {
		t.Fatal(err)
	}
	if n.Load() != 2 {
		t.Errorf("requests = %d", n.Load())
	}
}

func TestContextCancelStopsRetries(t *testing.T) {
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "30")
		portalError(w, 503, "down")
	})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.ListScopes(ctx, false)
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 2*time.Second {
		t.Errorf("err = %v after %v", err, time.Since(start))
	}
}

func TestOrgnoFromAccessToken(t *testing.T) {
	if got, err := OrgnoFromAccessToken(fakeAccessToken("889640782")); err != nil || got != "889640782" {
		t.Errorf("object claim: %q %v", got, err)
	}
	enc := func(p string) string {
		return "eyJhbGciOiJSUzI1NiJ9." + strings.TrimRight(b64url(p), "=") + ".sig"
	}
	if got, err := OrgnoFromAccessToken(enc(`{"consumer":"0192:974760673"}`)); err != nil || got != "974760673" {
		t.Errorf("string claim: %q %v", got, err)
	}
	for tok, want := range map[string]string{
		"opaque-token":                        "not a JWT",
		enc(`{"scope":"x"}`):                  "no consumer claim",
		enc(`{"consumer":"0192:991825828"}`):  "check digit",
		enc(`{"consumer":"9908:123456789"}`):  "not a Norwegian",
		enc(`{"consumer":{"authority":"x"}}`): "neither",
	} {
		if _, err := OrgnoFromAccessToken(tok); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", tok, err, want)
		}
	}
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {})
	if got, err := c.CallerOrgno(context.Background()); err != nil || got != "991825827" {
		t.Errorf("CallerOrgno = %q %v", got, err)
	}
}

func TestNewRejectsBadBase(t *testing.T) {
	if _, err := New(Config{BaseURL: "not a url"}); err == nil {
		t.Error("no error")
	}
	c, err := New(Config{BaseURL: "https://api.test.samarbeid.digdir.no/"})
	if err != nil || c.BaseURL() != "https://api.test.samarbeid.digdir.no/api/v1" {
		t.Errorf("%v %v", c, err)
	}
}
