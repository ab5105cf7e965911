package clients

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/scopes"
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
	caller, err := r.Data.Client.CallerOrgno(ctx)
	if err != nil {
		framework.AddPortalError(diags, "Unable to check the client's scopes", err, r.Data.Environment)
		return false
	}
	if in.ClientOrgno != "" && in.ClientOrgno != caller {
		return true // a supplier's client: only the portal sees its organisation's grants
	}
	rules := scopes.RulesOf(r.Data)
	facts, gen, err := rules.Facts(ctx)
	var refused []scopes.Verdict
	if err == nil {
		refused, err = r.unusableScopes(ctx, facts, in)
	}
	if err == nil && len(refused) > 0 {
		if facts, err = rules.RefreshFacts(ctx, gen); err == nil {
			refused, err = r.unusableScopes(ctx, facts, in)
		}
	}
	if err != nil {
		framework.AddPortalError(diags, "Unable to check the client's scopes", err, r.Data.Environment)
		return false
	}
	for _, v := range refused {
		diags.AddAttributeError(path.Root("scopes"), v.Summary, fmt.Sprintf("%s Nothing was written: client %q has "+
			"not been %s.", v.Detail, in.ClientName, verb))
	}
	return len(refused) == 0
}

func (r *clientResource) unusableScopes(ctx context.Context, facts *scopes.Facts, in portal.Integration) ([]scopes.Verdict, error) {
	judge := scopes.RulesOf(r.Data).Judge(facts, nil)
	var refused []scopes.Verdict
	for _, name := range in.Scopes {
		v, err := judge.Decide(ctx, name, in.IntegrationType)
		if err != nil {
			return nil, err
		}
		if !v.Usable {
			refused = append(refused, v)
		}
	}
	return refused, nil
}
