package fakeportal

import (
	"net/http"
	"strings"
	"testing"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
)

// An organisation with a key on its admin client gets a second admin client
// for its business certificate: Maskinporten refuses x5c from a client with
// keys, and both clients act for the organisation.
func TestExtraAdminClientWithCertificate(t *testing.T) {
	testKeys(t)
	s := NewServerWith(t, Options{SigningKey: signKeyA}, Org{
		Orgno: provOrgno, Name: "DIGITALISERINGSDIREKTORATET", Prefixes: []string{"prov"},
		AdminClientID: "admin-key", AdminKeyID: "k1", AdminPublicKey: &provKey.PublicKey,
		ExtraAdminClients: []AdminClient{{ClientID: "admin-certificate", Certificate: certOrgCert,
			Scopes: []string{"idporten:scopes.read"}}},
	})
	prefixWith := func(grant string) {
		t.Helper()
		status, ans := postToken(t, s, grantForm(grant))
		if status != http.StatusOK {
			t.Fatalf("token: %d %v", status, ans)
		}
		var ps []Prefix
		(&apiClient{t: t, s: s, token: ans["access_token"].(string)}).ok("GET", "/prefix", nil, &ps)
		if len(ps) != 1 || ps[0].OwnerOrgno != provOrgno {
			t.Fatalf("prefixes: %+v", ps)
		}
	}
	cert := grantSpec{key: certKey, x5c: certOrgCert, iss: "admin-certificate", aud: s.Audience, scope: "idporten:scopes.read"}
	prefixWith(signGrant(t, cert))
	prefixWith(signGrant(t, grantSpec{key: provKey, kid: "k1", iss: "admin-key", aud: s.Audience, scope: "idporten:scopes.read"}))

	// The token names the client that asked for it.
	status, ans := postToken(t, s, grantForm(signGrant(t, cert)))
	if status != http.StatusOK {
		t.Fatalf("token: %d %v", status, ans)
	}
	tok, _ := jwt.ParseSigned(ans["access_token"].(string), []jose.SignatureAlgorithm{jose.RS256})
	var claims accessClaims
	if err := tok.Claims(&signKeyA.PublicKey, &claims); err != nil || claims.ClientID != "admin-certificate" {
		t.Errorf("client_id %q: %v", claims.ClientID, err)
	}

	refused := []struct {
		name string
		g    grantSpec
		desc string
	}{
		{"x5c to the client with a key", grantSpec{key: certKey, x5c: certOrgCert, iss: "admin-key"}, "registered keys"},
		{"kid to the certificate client", grantSpec{key: provKey, kid: "k1", iss: "admin-certificate"}, "kid"},
		{"scope beyond the extra client's", grantSpec{key: certKey, x5c: certOrgCert, iss: "admin-certificate", scope: "idporten:scopes.write"}, "may not request"},
	}
	for _, r := range refused {
		r.g.aud = s.Audience
		if r.g.scope == "" {
			r.g.scope = "idporten:scopes.read"
		}
		status, ans := postToken(t, s, grantForm(signGrant(t, r.g)))
		if desc, _ := ans["error_description"].(string); status != http.StatusBadRequest || !strings.Contains(desc, r.desc) {
			t.Errorf("%s: %d %v", r.name, status, ans)
		}
	}
}
