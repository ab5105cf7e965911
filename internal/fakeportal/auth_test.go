package fakeportal

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"net/http"
	"strings"
	"testing"
	"time"
)

func selfSigned(t *testing.T, key *rsa.PrivateKey) *x509.Certificate {
	t.Helper()
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "someone else"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	return cert
}

func TestAPIRefusesBadTokens(t *testing.T) {
	clock := newClock()
	s := newTestServer(t, Options{Now: clock.Now})
	foreign := New(Options{SigningKey: signKeyB}) // another fake: another key

	expiring := s.IssueToken(provOrgno)
	for name, tok := range map[string]string{
		"missing":  "",
		"garbage":  "not-a-jwt",
		"foreign":  foreign.IssueToken(provOrgno),
		"alg none": "eyJhbGciOiJub25lIn0.eyJ9.",
	} {
		c := &apiClient{t: t, s: s, token: tok}
		eb := c.fails("GET", "/scopes", nil, http.StatusUnauthorized)
		if name == "foreign" && !strings.Contains(eb.ErrorDesc, "signature") {
			t.Errorf("foreign token: %s", eb.ErrorDesc)
		}
	}
	req, _ := http.NewRequest("GET", s.BaseURL+"/scopes", nil)
	req.Header.Set("Authorization", "Basic "+expiring)
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("Basic scheme: %v %v", resp, err)
	} else {
		resp.Body.Close()
	}
	// A good token works until it expires.
	c := &apiClient{t: t, s: s, token: expiring}
	c.ok("GET", "/scopes", nil, nil)
	clock.Advance(time.Hour + time.Second)
	eb := c.fails("GET", "/scopes", nil, http.StatusUnauthorized)
	if !strings.Contains(eb.ErrorDesc, "expired") {
		t.Errorf("expired token: %s", eb.ErrorDesc)
	}
}

func TestTokenFromTheTokenEndpointExpires(t *testing.T) {
	clock := newClock()
	s := newTestServer(t, Options{Now: clock.Now, TokenLifetime: 30 * time.Second})
	assertion := signGrant(t, grantSpec{key: provKey, kid: provOrgno + "-admin", iss: "admin-" + provOrgno,
		aud: s.Audience, scope: "idporten:scopes.read", iat: clock.Now()})
	status, ans := postToken(t, s, grantForm(assertion))
	if status != 200 || ans["expires_in"] != float64(30) {
		t.Fatalf("%d %v", status, ans)
	}
	c := &apiClient{t: t, s: s, token: ans["access_token"].(string)}
	c.ok("GET", "/scopes", nil, nil)
	clock.Advance(31 * time.Second)
	c.fails("GET", "/scopes", nil, http.StatusUnauthorized)
}

func TestScopeOfTokenPerOperation(t *testing.T) {
	s := newTestServer(t, Options{})
	cases := []struct {
		scopes         []string
		method, path   string
		body           any
		wantForbidden  bool
		mentionInError string
	}{
		{[]string{"idporten:dcr.read"}, "GET", "/scopes", nil, true, "idporten:scopes.read"},
		{[]string{"idporten:scopes.write"}, "GET", "/scopes", nil, false, ""}, // write implies read
		{[]string{"idporten:scopes.read"}, "DELETE", "/scopes/access/" + consOrgno + "?scope=prov:x", nil, true, "idporten:scopes.write"},
		{[]string{"idporten:scopes.read"}, "GET", "/clients", nil, true, "idporten:dcr.read"},
		{[]string{"idporten:dcr.write"}, "GET", "/clients", nil, false, ""},
		{[]string{"idporten:dcr.read"}, "POST", "/clients", map[string]any{}, true, "idporten:dcr.write"},
		{[]string{"idporten:dcr.modify"}, "POST", "/clients", map[string]any{}, true, "idporten:dcr.write"},
		{[]string{"idporten:dcr.read"}, "POST", "/clients/x/jwks", map[string]any{}, true, "idporten:dcr.modify"},
		{[]string{"idporten:dcr.modify"}, "POST", "/clients/x/jwks", map[string]any{"keys": []any{}}, false, ""}, // 404: no such client
		{[]string{"idporten:dcr.read"}, "PUT", "/organization/contacts", map[string]any{}, true, "idporten:scopes.write"},
		{[]string{"idporten:dcr.read"}, "GET", "/organization/contacts", nil, false, ""},
		{[]string{"idporten:scopes.write", "idporten:dcr.write"}, "POST", "/clients",
			map[string]any{"client_orgno": consOrgno}, true, "idporten:dcr.supplier"},
	}
	for _, tc := range cases {
		c := s.as(t, provOrgno, tc.scopes...)
		status, raw, _ := c.do(tc.method, tc.path, tc.body)
		if tc.wantForbidden {
			if status != http.StatusForbidden || !strings.Contains(string(raw), tc.mentionInError) {
				t.Errorf("%v %s %s: %d %s, want 403 naming %s", tc.scopes, tc.method, tc.path, status, raw, tc.mentionInError)
			}
		} else if status == http.StatusForbidden || status == http.StatusUnauthorized {
			t.Errorf("%v %s %s: %d %s", tc.scopes, tc.method, tc.path, status, raw)
		}
	}
}

func TestTermsNotSigned(t *testing.T) {
	s := newTestServer(t, Options{})
	s.AddOrg(Org{Orgno: "920000002", Name: "UNSIGNED AS", TermsNotSigned: true})
	eb := s.as(t, "920000002").fails("GET", "/scopes", nil, http.StatusPreconditionRequired)
	if !strings.Contains(eb.ErrorDesc, "terms") {
		t.Errorf("428: %s", eb.ErrorDesc)
	}
}

func TestUnknownRouteAndMethod(t *testing.T) {
	s := newTestServer(t, Options{})
	c := s.as(t, provOrgno)
	c.fails("GET", "/nothing/here", nil, http.StatusNotFound)
	c.fails("GET", s.URL+"/scopes", nil, http.StatusNotFound) // without the /api/v1 base
	c.fails("PATCH", "/scopes", nil, http.StatusMethodNotAllowed)
	c.fails("DELETE", "/scopes/access/?scope=prov:x", nil, http.StatusNotFound) // a blank consumer
}

func TestOrgnoCheck(t *testing.T) {
	for _, n := range []string{"991825827", "889640782", "974760673", "310000000"} {
		if !validOrgno(n) {
			t.Errorf("%s should be valid", n)
		}
	}
	for _, n := range []string{"991825828", "99182582", "9918258270", "99182582a", "000000010"} {
		if validOrgno(n) {
			t.Errorf("%s should be invalid", n)
		}
	}
}
