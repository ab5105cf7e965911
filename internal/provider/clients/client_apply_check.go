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
	refused, err := scopes.RulesOf(r.Data).UnusableBeforeWrite(ctx, in.Scopes, in.IntegrationType)
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
