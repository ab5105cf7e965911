package fakeportal

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

func TestPrefixes(t *testing.T) {
	s := newTestServer(t, Options{})
	var ps []Prefix
	s.as(t, provOrgno, "idporten:scopes.read").ok("GET", "/prefix", nil, &ps)
	if len(ps) != 2 || ps[0].Prefix != "prov" || ps[0].OwnerOrgno != provOrgno ||
		ps[0].OrganizationName != "DIGITALISERINGSDIREKTORATET" || !ps[0].Active || ps[0].Created == "" {
		t.Fatalf("prefixes: %+v", ps)
	}
	eb := s.as(t, consOrgno).fails("GET", "/prefix", nil, http.StatusNotFound)
	if !strings.Contains(eb.ErrorDesc, "does not have any") {
		t.Errorf("no prefix: %s", eb.ErrorDesc)
	}
	s.as(t, provOrgno, "idporten:dcr.read").fails("GET", "/prefix", nil, http.StatusForbidden)
}

func TestOpenLookups(t *testing.T) {
	s := newTestServer(t, Options{})
	open := &apiClient{t: t, s: s} // no token
	var ps []Prefix
	open.ok("GET", "/prefix/all", nil, &ps)
	// The seeded organisations' three, and krr, Digdir's, for KRR's own
	// scopes (§11).
	if len(ps) != 4 || ps[0].Prefix != "krr" || ps[0].OwnerOrgno != digdirOrgno {
		t.Fatalf("every prefix: %+v", ps)
	}
	var ds []DelegationSource
	open.ok("GET", "/delegationsources", nil, &ds)
	if len(ds) != 1 || ds[0].Name != "altinn" || ds[0].Issuer != "https://tt02.altinn.no/" {
		t.Fatalf("delegation sources: %+v", ds)
	}
	var org Organization
	open.ok("GET", "/organizations/"+provOrgno, nil, &org)
	if org.Orgnr != provOrgno || org.Name != "DIGITALISERINGSDIREKTORATET" {
		t.Fatalf("organization: %+v", org)
	}
	open.fails("GET", "/organizations/000000019", nil, http.StatusNotFound)
	open.fails("GET", "/organizations/991825828", nil, http.StatusBadRequest)
	open.fails("GET", "/organizations/abc", nil, http.StatusBadRequest)
}

func TestEditBehindTheBack(t *testing.T) {
	s := newTestServer(t, Options{})
	c := s.as(t, provOrgno)
	c.ok("POST", "/scopes", map[string]any{"prefix": "prov", "subscope": "api", "description": "d"}, nil)
	s.Edit(func(st *State) {
		st.Scopes["prov:api"].Description = "changed elsewhere"
		st.Scopes["prov:other"] = &Scope{Name: "prov:other", Prefix: "prov", Subscope: "other",
			Description: "seeded", Active: true, OwnerOrgno: provOrgno}
	})
	var sc Scope
	c.ok("GET", "/scopes/scope?scope=prov:api", nil, &sc)
	if sc.Description != "changed elsewhere" {
		t.Fatalf("edit not seen: %+v", sc)
	}
	var list []Scope
	c.ok("GET", "/scopes", nil, &list)
	if len(list) != 2 || list[1].AllowedIntegrationTypes == nil || list[1].TokenType != "" {
		t.Fatalf("seeded scope: %+v", list)
	}
}

// Delegation sources are dated, as in the real answers, also one added
// behind the fake's back without dates.
func TestDelegationSourcesAreDated(t *testing.T) {
	s := newTestServer(t, Options{})
	s.Edit(func(st *State) {
		st.DelegationSources = append(st.DelegationSources, DelegationSource{Name: "ansattporten", Issuer: "https://ansattporten.example.test/"})
	})
	_, raw, _ := (&apiClient{t: t, s: s}).do("GET", "/delegationsources", nil)
	var ds []map[string]any
	if err := json.Unmarshal(raw, &ds); err != nil || len(ds) != 2 {
		t.Fatalf("delegation sources: %s", raw)
	}
	for _, d := range ds {
		for _, field := range []string{"created", "last_updated"} {
			ts, _ := d[field].(string)
			mustParseRFC3339(t, ts)
		}
	}
}
