package fakeportal

import (
	"net/http"
	"testing"
)

func TestGrantRevokeReapprove(t *testing.T) {
	s := newTestServer(t, Options{})
	prov := s.as(t, provOrgno)
	prov.ok("POST", "/scopes", map[string]any{"prefix": "prov", "subscope": "api", "description": "d"}, nil)
	prov.ok("POST", "/scopes", map[string]any{"prefix": "prov", "subscope": "api2", "description": "d"}, nil)

	var g Grant
	prov.ok("PUT", "/scopes/access/"+consOrgno+"?scope=prov:api", nil, &g)
	if g.State != GrantApproved || g.Scope != "prov:api" || g.OwnerOrgno != provOrgno || g.ConsumerOrgno != consOrgno ||
		g.OwnerOrganizationName != "DIGITALISERINGSDIREKTORATET" || g.ConsumerOrganizationName != "KONSUMENT AS" {
		t.Fatalf("grant: %+v", g)
	}
	// Idempotent.
	var again Grant
	prov.ok("PUT", "/scopes/access/"+consOrgno+"?scope=prov:api", nil, &again)
	if again != g {
		t.Fatalf("second grant changed it: %+v vs %+v", again, g)
	}
	// A consumer the fake does not know by name is fine; its name is "".
	prov.ok("PUT", "/scopes/access/000000019?scope=prov:api", nil, &g)
	if g.ConsumerOrganizationName != "" {
		t.Errorf("unknown consumer named %q", g.ConsumerOrganizationName)
	}
	prov.ok("PUT", "/scopes/access/"+consOrgno+"?scope=prov:api2", nil, nil)

	var list []Grant
	prov.ok("GET", "/scopes/access?scope=prov:api", nil, &list)
	if len(list) != 2 {
		t.Fatalf("grants of prov:api: %+v", list)
	}
	prov.ok("GET", "/scopes/access?scope=prov:api&consumer_orgno="+consOrgno, nil, &list)
	if len(list) != 1 || list[0].ConsumerOrgno != consOrgno {
		t.Fatalf("narrowed: %+v", list)
	}
	prov.ok("GET", "/scopes/access?consumer_orgno="+consOrgno, nil, &list)
	if len(list) != 2 {
		t.Fatalf("by consumer: %+v", list)
	}

	// Revoke: the grant stays, DENIED.
	prov.ok("DELETE", "/scopes/access/"+consOrgno+"?scope=prov:api", nil, &g)
	if g.State != GrantDenied {
		t.Fatalf("revoked: %+v", g)
	}
	prov.ok("GET", "/scopes/access?scope=prov:api&consumer_orgno="+consOrgno, nil, &list)
	if len(list) != 1 || list[0].State != GrantDenied {
		t.Fatalf("after revoke: %+v", list)
	}
	// The consumer's view: every grant to it, every state.
	cons := s.as(t, consOrgno, "idporten:scopes.read")
	cons.ok("GET", "/scopes/access/all", nil, &list)
	if len(list) != 2 || list[0].State != GrantDenied || list[1].State != GrantApproved {
		t.Fatalf("consumer's view: %+v", list)
	}
	// Re-approve.
	prov.ok("PUT", "/scopes/access/"+consOrgno+"?scope=prov:api", nil, &g)
	if g.State != GrantApproved {
		t.Fatalf("re-approved: %+v", g)
	}

	// Bad and missing things.
	eb := prov.fails("PUT", "/scopes/access/991825828?scope=prov:api", nil, http.StatusBadRequest)
	if !eb.fieldNamed("consumer_orgno") {
		t.Errorf("bad check digit: %+v", eb)
	}
	prov.fails("PUT", "/scopes/access/12345?scope=prov:api", nil, http.StatusBadRequest)
	prov.fails("GET", "/scopes/access?consumer_orgno=123456789", nil, http.StatusBadRequest)
	prov.fails("PUT", "/scopes/access/"+consOrgno+"?scope=prov:none", nil, http.StatusNotFound)
	prov.fails("DELETE", "/scopes/access/"+otherOrgno+"?scope=prov:api", nil, http.StatusNotFound)
	prov.fails("GET", "/scopes/access", nil, http.StatusBadRequest)
	// Only the owner grants.
	cons = s.as(t, consOrgno)
	cons.fails("PUT", "/scopes/access/"+otherOrgno+"?scope=prov:api", nil, http.StatusForbidden)
	// No access can be given to an inactive scope.
	prov.ok("DELETE", "/scopes?scope=prov:api2", nil, nil)
	prov.fails("PUT", "/scopes/access/"+otherOrgno+"?scope=prov:api2", nil, http.StatusConflict)
	// But the grants of a deactivated scope stay, and the consumer still sees them.
	cons.ok("GET", "/scopes/access/all", nil, &list)
	if len(list) != 2 {
		t.Fatalf("consumer's view after deactivation: %+v", list)
	}
}
