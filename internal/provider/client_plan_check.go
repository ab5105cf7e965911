package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// ModifyPlan fills in the client's organisation when it is left out, and
// checks at plan time, before anything is written, that the organisation
// may use every scope: the seed FAQ's "the scope is missing when I add
// scopes" becomes a plan error that says whom to ask.
func (r *clientResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.data == nil {
		return
	}
	var plan clientModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var stateScopes types.Set
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("scopes"), &stateScopes)...)
	}
	needsOrgno := plan.ClientOrgno.IsUnknown()
	scopesChanged := !plan.Scopes.IsUnknown() && !plan.Scopes.Equal(stateScopes)
	if !needsOrgno && !scopesChanged {
		return
	}

	caller, available, err := r.data.availableScopes(ctx)
	if err != nil {
		addPortalError(&resp.Diagnostics, "Unable to check the client's scopes", err, r.data.Environment)
		return
	}
	if needsOrgno && req.State.Raw.IsNull() {
		plan.ClientOrgno = types.StringValue(caller)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("client_orgno"), caller)...)
	}
	// Only the caller's own grants can be seen: a supplier's client for
	// another organisation is checked by the portal at apply.
	if !scopesChanged || plan.ClientOrgno.IsUnknown() || plan.ClientOrgno.ValueString() != caller {
		return
	}
	var scopes []string
	resp.Diagnostics.Append(plan.Scopes.ElementsAs(ctx, &scopes, false)...)
	for _, name := range scopes {
		if msg := scopeUnusable(name, plan.IntegrationType.ValueString(), caller, r.data.Environment, available); msg != "" {
			resp.Diagnostics.AddAttributeError(path.Root("scopes"), "Scope not available to the organisation", msg)
		}
	}
}

// scopeUnusable says why a client of orgno cannot carry the scope, or
// returns "" when it can.
func scopeUnusable(name, integrationType, orgno, environment string, available []availableScope) string {
	for _, s := range available {
		if s.Name != name {
			continue
		}
		if s.allows(integrationType) {
			return ""
		}
		return fmt.Sprintf("Scope %s may not be used by %s clients; its owner allows only: %s.",
			name, integrationType, strings.Join(s.AllowedIntegrationTypes, ", "))
	}
	msg := fmt.Sprintf("Scope %s has not been shared with organisation %s in the %s environment: it is neither "+
		"the organisation's own, nor granted to it, nor open to all. Ask the API provider (the scope's owner) to "+
		"give organisation %s access in this environment; the data source krr_available_scopes lists what it may use.",
		name, orgno, environment, orgno)
	if near := closeScopeNames(name, available); len(near) > 0 {
		msg += " Scopes close in name that it may use: " + strings.Join(near, ", ") + "."
	}
	return msg
}
