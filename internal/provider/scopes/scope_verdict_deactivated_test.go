package scopes

import (
	"context"
	"strings"
	"testing"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// The "close in name" hint of a scope a client may not use leaves out the
// scopes that the same plan deactivates: versioning persons/v1 to v2
// must not send a client with a typo to v1, which is about to go. A scope
// deactivated and made again under the same name (a replace) is offered.
func TestScopeJudge_closeInNameLeavesOutDeactivated(t *testing.T) {
	t.Parallel()
	const old, typo = "mine:persons/v1/person.read", "mine:persons/v1/person.raed"
	facts := &Facts{Caller: acctest.ConsumerOrgno, Own: map[string]portal.Scope{
		old: {Name: old, Prefix: "mine", Subscope: "persons/v1/person.read", OwnerOrgno: acctest.ConsumerOrgno, Active: true},
	}}
	hint := func(planned *PlannedScopes) string {
		judge := Judge{facts: facts, environment: "test", planned: planned,
			prefixOwner: func(context.Context, string) (portal.Prefix, bool, error) {
				return portal.Prefix{Prefix: "mine", OwnerOrgno: acctest.ConsumerOrgno}, true, nil
			}}
		v, err := judge.Decide(context.Background(), typo, "maskinporten")
		if err != nil || v.Usable {
			t.Fatalf("%s: usable %v, %v", typo, v.Usable, err)
		}
		return v.Detail
	}

	if got := hint(&PlannedScopes{}); !strings.Contains(got, "Scopes close in name that it may use: "+old) {
		t.Errorf("with nothing deactivated, the hint does not offer %s:\n%s", old, got)
	}
	deactivating := &PlannedScopes{}
	deactivating.recordDeactivated(old)
	if got := hint(deactivating); strings.Contains(got, "close in name") {
		t.Errorf("the hint offers a scope this plan deactivates:\n%s", got)
	}
	replacedSameName := &PlannedScopes{}
	replacedSameName.recordDeactivated(old)
	replacedSameName.record(old, plannedScope{TypesKnown: true})
	if got := hint(replacedSameName); !strings.Contains(got, "close in name that it may use: "+old) {
		t.Errorf("a scope replaced under the same name is not offered:\n%s", got)
	}
}
