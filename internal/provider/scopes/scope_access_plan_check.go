package scopes

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

// ModifyPlan checks a new grant's scope at plan, and that
// krr_scope_consumers does not manage the same scope (planGrantScope).
func (r *scopeAccessResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	handOnGrantsSeen(ctx, r.Data, req)
	RulesOf(r.Data).planGrantScope(ctx, "krr_scope_access", req, resp)
}

// handOnGrantsSeen is a grant resource's part of a destroy plan: the list
// its refresh kept goes to its scope's destroy plan (scope_grants_seen.go).
func handOnGrantsSeen(ctx context.Context, d *framework.ProviderData, req resource.ModifyPlanRequest) {
	if d == nil || !req.Plan.Raw.IsNull() || req.State.Raw.IsNull() {
		return
	}
	var scope types.String
	if diags := req.State.GetAttribute(ctx, path.Root("scope"), &scope); diags.HasError() || scope.ValueString() == "" {
		return
	}
	RulesOf(d).grantsSeen.handOn(ctx, scope.ValueString(), req.Private)
}

// planGrantScope is the plan-time work of both resources that give access
// to a scope (typeName): it claims the scope's grants for typeName (see
// grantManagers) and, when the resource is new, checks the scope
// (checkGrantScope). A grant that exists is not checked again: every
// change of scope replaces it. It returns the planned scope name, "" when
// it is not known yet or not a scope name (the validator says so).
func (d *Rules) planGrantScope(ctx context.Context, typeName string, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) string {
	if req.Plan.Raw.IsNull() || d == nil {
		return ""
	}
	var scope types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("scope"), &scope)...)
	name := framework.KnownString(scope)
	if resp.Diagnostics.HasError() || name == "" || CheckName(name) != nil {
		return ""
	}
	d.grantManagers.claim(name, typeName, path.Root("scope"), &resp.Diagnostics)
	if req.State.Raw.IsNull() {
		d.checkGrantScope(ctx, name, path.Root("scope"), &resp.Diagnostics)
	}
	return name
}

// checkGrantScope checks, at plan, the scope of a grant about to be made,
// by the client's certainty rule: it refuses what cannot succeed whatever
// the apply does (a scope under another organisation's prefix, or under no
// organisation's), and warns about a scope of the organisation's own that
// does not exist or is deactivated, unless this provider instance plans the
// krr_scope that makes it. The write meets the portal's own refusal in the
// same terms (explainGrantRefusal).
func (d *Rules) checkGrantScope(ctx context.Context, name string, at path.Path, diags *diag.Diagnostics) {
	if _, planned := d.Planned.lookup(name); planned {
		return
	}
	caller, err := d.Client.CallerOrgno(ctx)
	if err != nil {
		framework.AddPortalError(diags, "Unable to check the grant's scope", err, d.Environment)
		return
	}
	prefix, _, _ := strings.Cut(name, ":")
	owner, exists, err := d.prefixOwner(ctx, prefix)
	if err != nil {
		framework.AddPortalError(diags, "Unable to check the grant's scope", err, d.Environment)
		return
	}
	switch {
	case !exists:
		diags.AddAttributeError(at, "Scope cannot exist", fmt.Sprintf("Scope %s cannot be given access to: %q "+
			"is not any organisation's prefix in the %s environment, so no scope of that name can exist. Check the "+
			"name for a typo.", name, prefix, d.Environment))
		return
	case owner.OwnerOrgno != caller:
		diags.AddAttributeError(at, "Scope of another organisation", fmt.Sprintf("Scope %s belongs to %s: only a "+
			"scope's owner may give access to it, and the credentials act for organisation %s. Give access with a "+
			"provider block that signs in as the owner, or ask the owner to do it.",
			name, orgLabel(owner.OwnerOrgno, owner.OrganizationName), caller))
		return
	}
	facts, _, err := d.Facts(ctx)
	if err != nil {
		framework.AddPortalError(diags, "Unable to check the grant's scope", err, d.Environment)
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
	diags.AddAttributeWarning(at, "Scope not there yet", fmt.Sprintf("Scope %s %s in the %s environment. If a "+
		"krr_scope in this configuration creates it or brings it back, refer to its name (scope = "+
		"krr_scope.<name>.name) so that access is given after it. The plan goes ahead; if the scope is still not "+
		"there when access is given, the apply stops there with nothing granted.", name, state, d.Environment))
}

// explainGrantRefusal puts the portal's refusal of a grant in the user's
// terms, when it is one of the refusals the plan could only warn about.
func explainGrantRefusal(err error, scope, environment string) string {
	switch {
	case portal.IsNotFound(err):
		return fmt.Sprintf("Scope %s does not exist in the %s environment, so nothing was granted. If a krr_scope "+
			"in this configuration creates it, refer to its name (scope = krr_scope.<name>.name) so that the grant "+
			"is made after it.\n\n%s", scope, environment, framework.ExplainPortalError(err, environment))
	case portal.IsConflict(err):
		return fmt.Sprintf("Scope %s is deactivated in the %s environment, so nothing was granted. A krr_scope for "+
			"it brings it back when applied; refer to its name (scope = krr_scope.<name>.name) so that the grant is "+
			"made after it.\n\n%s", scope, environment, framework.ExplainPortalError(err, environment))
	}
	return framework.ExplainPortalError(err, environment)
}
