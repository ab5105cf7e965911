package fakeportal

import (
	"encoding/base64"
	"net/http"
	"testing"
)

// A client reads, changes and writes back whole objects (§10.3): what the
// fake answers must be accepted by it unchanged.
func TestReadBackObjectsAreAcceptedAsIs(t *testing.T) {
	s := newTestServer(t, Options{})
	scopesForClients(t, s)
	prov := s.as(t, provOrgno)

	var sc Scope
	prov.ok("GET", "/scopes/scope?scope=prov:api", nil, &sc)
	var back Scope
	prov.ok("PUT", "/scopes?scope=prov:api", sc, &back)
	sc.LastUpdated, back.LastUpdated = "", ""
	if back.Description != sc.Description || back.Active != sc.Active || back.Visibility != sc.Visibility ||
		back.Created != sc.Created || back.Name != sc.Name {
		t.Errorf("scope round trip: %+v, want %+v", back, sc)
	}

	var cl Client
	prov.ok("POST", "/clients", map[string]any{"client_id": "rt", "client_orgno": consOrgno, "client_name": "n",
		"description": "d", "integration_type": "maskinporten", "scopes": []string{"prov:api"}}, &cl)
	var clBack Client
	prov.ok("PUT", "/clients/rt", cl, &clBack)
	if clBack.SupplierOrgno != provOrgno || clBack.ClientOrgno != consOrgno || len(clBack.Scopes) != 1 || !clBack.Active {
		t.Errorf("client round trip: %+v", clBack)
	}

	var ks KeySet
	prov.answers(http.StatusCreated, "POST", "/clients/rt/jwks", map[string]any{"keys": []any{validKeyJWK(provKey, "k1")}}, &ks)
	var ks2 KeySet
	prov.answers(http.StatusCreated, "POST", "/clients/rt/jwks", ks, &ks2)
	if len(ks2.Keys) != 1 || ks2.Keys[0].Created != ks.Keys[0].Created || ks2.Keys[0].Exp != ks.Keys[0].Exp {
		t.Errorf("key set round trip: %+v, want %+v", ks2, ks)
	}
}

func TestKeyWithCertificate(t *testing.T) {
	s := newTestServer(t, Options{})
	scopesForClients(t, s)
	cons := s.as(t, consOrgno)
	cons.ok("POST", "/clients", map[string]any{"client_id": "x5c", "client_name": "n", "description": "d",
		"integration_type": "maskinporten", "scopes": []string{"prov:api"}}, nil)
	k := validKeyJWK(certKey, "cert")
	k["x5c"] = []string{base64.StdEncoding.EncodeToString(certOrgCert.Raw)}
	var got JWK
	cons.ok("PUT", "/clients/x5c/jwks/cert", k, &got)
	if len(got.X5c) != 1 {
		t.Fatalf("x5c not kept: %+v", got)
	}
	wrong := validKeyJWK(provKey, "wrong")
	wrong["x5c"] = []string{base64.StdEncoding.EncodeToString(certOrgCert.Raw)}
	if eb := cons.fails("PUT", "/clients/x5c/jwks/wrong", wrong, http.StatusBadRequest); !eb.fieldNamed("x5c") {
		t.Errorf("x5c of another key: %+v", eb.Errors)
	}
	wrong["x5c"] = []string{"not base64!"}
	cons.fails("PUT", "/clients/x5c/jwks/wrong", wrong, http.StatusBadRequest)
}

func TestPublicHelpers(t *testing.T) {
	org, key := NewOrg(provOrgno, "NEW ORG AS", "np")
	if org.AdminClientID != "admin-"+provOrgno || org.AdminKeyID != provOrgno+"-admin" ||
		!key.PublicKey.Equal(org.AdminPublicKey) || key.N.BitLen() != 2048 {
		t.Fatalf("NewOrg: %+v", org)
	}
	s := NewServer(t, org)
	if s.Audience != s.URL+"/" || s.Fake.Audience() != s.Audience || s.BaseURL != s.URL+"/api/v1" ||
		s.TokenEndpoint != s.URL+"/token" {
		t.Fatalf("server URLs: %+v", s)
	}
	assertion := signGrant(t, grantSpec{key: key, kid: org.AdminKeyID, iss: org.AdminClientID, aud: s.Audience,
		scope: "idporten:scopes.read"})
	if status, ans := postToken(t, s, grantForm(assertion)); status != http.StatusOK {
		t.Fatalf("grant with NewOrg's key: %d %v", status, ans)
	}
	started, err := Start(org)
	if err != nil {
		t.Fatal(err)
	}
	(&apiClient{t: t, s: started, token: started.IssueToken(provOrgno)}).ok("GET", "/prefix", nil, nil)
	started.Close()
}
