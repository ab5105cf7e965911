package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
)

// ModifyPlan checks a new grant's scope at plan, by the same rule as a
// client's scopes: it refuses what cannot succeed whatever the apply does
// (a scope under another organisation's prefix, or under no organisation's),
// and warns about a scope of the organisation's own that does not exist or
// is deactivated, unless this provider instance plans the krr_scope that
// makes it. Create meets the portal's own refusal in the same terms.
func (r *scopeAccessResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || !req.State.Raw.IsNull() || r.data == nil {
		return // destroy, or a grant that exists (every change replaces it)
	}
	var scope types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("scope"), &scope)...)
	name := knownString(scope)
	if resp.Diagnostics.HasError() || name == "" || checkScopeName(name) != nil {
		return
	}
	if _, planned := r.data.planned.lookup(name); planned {
		return
	}
	caller, err := r.data.Client.CallerOrgno(ctx)
	if err != nil {
		addPortalError(&resp.Diagnostics, "Unable to check the grant's scope", err, r.data.Environment)
		return
	}
	prefix, _, _ := strings.Cut(name, ":")
	owner, exists, err := r.data.prefixOwner(ctx, prefix)
	if err != nil {
		addPortalError(&resp.Diagnostics, "Unable to check the grant's scope", err, r.data.Environment)
		return
	}
	switch {
	case !exists:
		resp.Diagnostics.AddAttributeError(path.Root("scope"), "Scope cannot exist", fmt.Sprintf("Scope %s cannot be "+
			"given access to: %q is not any organisation's prefix in the %s environment, so no scope of that name "+
			"can exist. Check the name for a typo.", name, prefix, r.data.Environment))
		return
	case owner.OwnerOrgno != caller:
		resp.Diagnostics.AddAttributeError(path.Root("scope"), "Scope of another organisation", fmt.Sprintf("Scope %s "+
			"belongs to %s: only a scope's owner may give access to it, and the credentials act for organisation %s. "+
			"Give access with a provider block that signs in as the owner, or ask the owner to do it.",
			name, orgLabel(owner.OwnerOrgno, owner.OrganizationName), caller))
		return
	}
	facts, _, err := r.data.scopeFacts(ctx)
	if err != nil {
		addPortalError(&resp.Diagnostics, "Unable to check the grant's scope", err, r.data.Environment)
		return
	}
	s, found := facts.Own[name]
	if found && s.Active {
		return
	}
	state := "does not exist yet"
	if found {
		state = "is deactivated"
	}
	resp.Diagnostics.AddAttributeWarning(path.Root("scope"), "Scope not there yet", fmt.Sprintf("Scope %s %s in the "+
		"%s environment. If a krr_scope in this configuration creates it or brings it back, refer to its name "+
		"(scope = krr_scope.<name>.name) so that the grant is made after it. The plan goes ahead; if the scope is "+
		"still not there when the grant is made, the apply stops there with nothing granted.",
		name, state, r.data.Environment))
}

// explainGrantRefusal puts the portal's refusal of a grant in the user's
// terms, when it is one of the refusals the plan could only warn about.
func explainGrantRefusal(err error, scope, environment string) string {
	switch {
	case portal.IsNotFound(err):
		return fmt.Sprintf("Scope %s does not exist in the %s environment, so nothing was granted. If a krr_scope "+
			"in this configuration creates it, refer to its name (scope = krr_scope.<name>.name) so that the grant "+
			"is made after it.\n\n%s", scope, environment, explainPortalError(err, environment))
	case portal.IsConflict(err):
		return fmt.Sprintf("Scope %s is deactivated in the %s environment, so nothing was granted. A krr_scope for "+
			"it brings it back when applied; refer to its name (scope = krr_scope.<name>.name) so that the grant is "+
			"made after it.\n\n%s", scope, environment, explainPortalError(err, environment))
	}
	return explainPortalError(err, environment)
}
