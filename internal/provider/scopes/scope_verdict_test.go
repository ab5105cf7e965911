package scopes

import (
	"context"
	"strings"
	"testing"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// Every way a scope can be usable or not for a client of the caller
// (acctest.ConsumerOrgno here), the certainty of each, and the words the user
// reads.
func TestScopeJudge(t *testing.T) {
	t.Parallel()
	scope := func(name, owner string, active, open bool, types ...string) portal.Scope {
		prefix, subscope, _ := strings.Cut(name, ":")
		return portal.Scope{Name: name, Prefix: prefix, Subscope: subscope, OwnerOrgno: owner, Active: active,
			AccessibleForAll: open, AllowedIntegrationTypes: types, Description: "d"}
	}
	grant := func(name, state string) portal.AccessGrant {
		return portal.AccessGrant{Scope: name, OwnerOrgno: acctest.ProviderOrgno, ConsumerOrgno: acctest.ConsumerOrgno, State: state}
	}
	facts := &Facts{
		Caller: acctest.ConsumerOrgno,
		Own: map[string]portal.Scope{
			"mine:active":   scope("mine:active", acctest.ConsumerOrgno, true, false, "krr"),
			"mine:inactive": scope("mine:inactive", acctest.ConsumerOrgno, false, false),
		},
		Granted: map[string]portal.AccessGrant{
			"tl:granted":     grant("tl:granted", portal.GrantApproved),
			"tl:revoked":     grant("tl:revoked", portal.GrantDenied),
			"tl:requested":   grant("tl:requested", portal.GrantRequested),
			"tl:deactivated": grant("tl:deactivated", portal.GrantApproved),
			"tl:private":     grant("tl:private", portal.GrantApproved),
		},
		Catalogue: map[string]portal.Scope{
			"tl:granted":     scope("tl:granted", acctest.ProviderOrgno, true, false),
			"tl:revoked":     scope("tl:revoked", acctest.ProviderOrgno, true, false),
			"tl:requested":   scope("tl:requested", acctest.ProviderOrgno, true, false),
			"tl:deactivated": scope("tl:deactivated", acctest.ProviderOrgno, false, false),
			"tl:open":        scope("tl:open", acctest.ProviderOrgno, true, true),
			"tl:open-krr":    scope("tl:open-krr", acctest.ProviderOrgno, true, true, "krr"),
			"tl:opens":       scope("tl:opens", acctest.ProviderOrgno, true, false),
		},
	}
	prefixes := map[string]portal.Prefix{
		"mine": {Prefix: "mine", OwnerOrgno: acctest.ConsumerOrgno},
		"tl":   {Prefix: "tl", OwnerOrgno: acctest.ProviderOrgno, OrganizationName: acctest.ProviderOrgName},
	}
	planned := &PlannedScopes{}
	planned.record("mine:planned", plannedScope{TypesKnown: true})
	planned.record("mine:planned-krr", plannedScope{AllowedIntegrationTypes: []string{"krr"}, TypesKnown: true})
	planned.record("mine:planned-unknown-types", plannedScope{})
	judge := Judge{facts: facts, environment: "test", planned: planned,
		prefixOwner: func(_ context.Context, prefix string) (portal.Prefix, bool, error) {
			p, ok := prefixes[prefix]
			return p, ok, nil
		}}

	tests := []struct {
		name, integrationType string
		usable, certain       bool
		says                  []string
		never                 []string
	}{
		{name: "mine:active", integrationType: "krr", usable: true},
		{name: "mine:active", integrationType: "", usable: true},
		{name: "mine:active", integrationType: "maskinporten", says: []string{"may not be used by maskinporten clients", "allows only: krr"}},
		{name: "mine:inactive", integrationType: "maskinporten", says: []string{"Scope is deactivated", "organisation " + acctest.ConsumerOrgno + "'s own"}},
		{name: "mine:notyet", integrationType: "maskinporten", says: []string{"Scope does not exist yet", `"mine" is organisation ` + acctest.ConsumerOrgno + "'s own prefix", "krr_scope.<name>.name"},
			never: []string{"shared"}},
		{name: "mine:planned", integrationType: "maskinporten", usable: true},
		{name: "mine:planned-unknown-types", integrationType: "maskinporten", usable: true},
		{name: "mine:planned-krr", integrationType: "maskinporten", says: []string{"allows only: krr"}},
		{name: "tl:granted", integrationType: "maskinporten", usable: true},
		{name: "tl:private", integrationType: "maskinporten", usable: true},
		{name: "tl:open", integrationType: "maskinporten", usable: true},
		{name: "tl:open-krr", integrationType: "maskinporten", says: []string{"allows only: krr"}},
		{name: "tl:revoked", integrationType: "maskinporten", says: []string{"Access to the scope revoked", "has revoked", acctest.ProviderOrgName, "DENIED"}},
		{name: "tl:requested", integrationType: "maskinporten", says: []string{"has not been shared", "waiting for the owner's approval"}},
		{name: "tl:deactivated", integrationType: "maskinporten", says: []string{"deactivated by its owner, organisation " + acctest.ProviderOrgno + " (" + acctest.ProviderOrgName + ")"}},
		{name: "tl:opens", integrationType: "maskinporten", says: []string{"has not been shared with organisation " + acctest.ConsumerOrgno,
			"FAQ", "Ask the API provider, organisation " + acctest.ProviderOrgno + " (" + acctest.ProviderOrgName + ")", "Scopes close in name that it may use: tl:open"}},
		{name: "zz:typo", integrationType: "maskinporten", certain: true, says: []string{"Scope cannot exist", `"zz" is not any organisation's prefix`}},
	}
	for _, tt := range tests {
		v, err := judge.Decide(context.Background(), tt.name, tt.integrationType)
		if err != nil {
			t.Fatal(err)
		}
		if v.Usable != tt.usable || v.Certain != tt.certain {
			t.Errorf("%s (%q): usable %v, certain %v; want %v, %v: %s", tt.name, tt.integrationType, v.Usable, v.Certain, tt.usable, tt.certain, v.Detail)
		}
		text := v.Summary + ": " + v.Detail
		for _, s := range tt.says {
			if !strings.Contains(text, s) {
				t.Errorf("%s: %q does not say %q", tt.name, text, s)
			}
		}
		for _, s := range tt.never {
			if strings.Contains(text, s) {
				t.Errorf("%s: %q says %q", tt.name, text, s)
			}
		}
	}

	// At apply the plan's record plays no part: only the portal counts.
	judge.planned = nil
	if v, _ := judge.Decide(context.Background(), "mine:planned", "maskinporten"); v.Usable {
		t.Error("at apply, a scope only planned counted as usable")
	}
}
