package fakeportal

import (
	"net/http"
	"strings"
	"testing"
)

// KRR's own scopes (§11): open to every organisation, the krr:global ones on
// krr and maskinporten clients, a krr client with exactly those two, and the
// krr:user ones not on machine clients.
func TestKRRScopes(t *testing.T) {
	s := newTestServer(t, Options{})
	cons := s.as(t, consOrgno)
	client := func(id, integrationType string, scopes ...string) map[string]any {
		return map[string]any{"client_id": id, "client_name": "n", "description": "d",
			"integration_type": integrationType, "scopes": scopes}
	}
	cons.ok("POST", "/clients", client("krr1", "krr", KRRGlobalScopes...), nil)
	cons.ok("POST", "/clients", client("mp1", "maskinporten", "krr:global/kontaktinformasjon.read"), nil)

	for _, tc := range []struct {
		body map[string]any
		want string
	}{
		{client("krr2", "krr", "krr:global/kontaktinformasjon.read"), "a krr client carries exactly the scopes"},
		{client("krr3", "krr", append([]string{"krr:user/spraak.write"}, KRRGlobalScopes...)...), "does not allow integration type krr"},
		{client("mp2", "maskinporten", "krr:user/kontaktinformasjon.read"), "does not allow integration type maskinporten (allowed: api_klient)"},
	} {
		eb := cons.fails("POST", "/clients", tc.body, http.StatusBadRequest)
		if !eb.fieldNamed("scopes") || !strings.Contains(eb.ErrorDesc, tc.want) {
			t.Errorf("%v: %s, want %q", tc.body, eb.ErrorDesc, tc.want)
		}
	}
	// KRR's scopes are nobody's own scopes: GET /scopes of Digdir lists only
	// what it made through the API.
	var own []Scope
	s.as(t, provOrgno).ok("GET", "/scopes", nil, &own)
	for _, sc := range own {
		if sc.Prefix == krrPrefix {
			t.Errorf("KRR's scope among Digdir's own: %s", sc.Name)
		}
	}
}
