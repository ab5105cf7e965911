package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
)

// checkScopesBeforeWrite is the apply-time half of the scope check: just
// before a client is sent (POST or PUT), every scope it carries must be
// usable by its organisation. What the plan let through with a warning is
// stopped here, before any write, with the same answer. A scope the facts
// read earlier in this run do not show as usable is judged again from a
// fresh read, since a grant made earlier in this apply (by another provider
// block, a process of its own) is not in them. The plan's record of
// planned scopes plays no part: only what the portal holds now counts.
//
// It returns false, with an error on scopes, when the write must not go.
func (r *clientResource) checkScopesBeforeWrite(ctx context.Context, in portal.Integration, verb string, diags *diag.Diagnostics) bool {
	caller, err := r.data.Client.CallerOrgno(ctx)
	if err != nil {
		addPortalError(diags, "Unable to check the client's scopes", err, r.data.Environment)
		return false
	}
	if in.ClientOrgno != "" && in.ClientOrgno != caller {
		return true // a supplier's client: only the portal sees its organisation's grants
	}
	rules := scopeRulesOf(r.data)
	facts, gen, err := rules.scopeFacts(ctx)
	var refused []scopeVerdict
	if err == nil {
		refused, err = r.unusableScopes(ctx, facts, in)
	}
	if err == nil && len(refused) > 0 {
		if facts, err = rules.refreshScopeFacts(ctx, gen); err == nil {
			refused, err = r.unusableScopes(ctx, facts, in)
		}
	}
	if err != nil {
		addPortalError(diags, "Unable to check the client's scopes", err, r.data.Environment)
		return false
	}
	for _, v := range refused {
		diags.AddAttributeError(path.Root("scopes"), v.Summary, fmt.Sprintf("%s Nothing was written: client %q has "+
			"not been %s.", v.Detail, in.ClientName, verb))
	}
	return len(refused) == 0
}

func (r *clientResource) unusableScopes(ctx context.Context, facts *scopeFacts, in portal.Integration) ([]scopeVerdict, error) {
	judge := scopeRulesOf(r.data).scopeJudge(facts, nil)
	var refused []scopeVerdict
	for _, name := range in.Scopes {
		v, err := judge.judge(ctx, name, in.IntegrationType)
		if err != nil {
			return nil, err
		}
		if !v.Usable {
			refused = append(refused, v)
		}
	}
	return refused, nil
}
