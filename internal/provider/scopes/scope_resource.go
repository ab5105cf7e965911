package scopes

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

var (
	_ resource.ResourceWithConfigure   = (*scopeResource)(nil)
	_ resource.ResourceWithImportState = (*scopeResource)(nil)
	_ resource.ResourceWithIdentity    = (*scopeResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*scopeResource)(nil)
)

// scopeResource manages one scope the organisation offers (krr_scope).
type scopeResource struct {
	framework.ConfiguredResource
}

func newResource() resource.Resource { return &scopeResource{} }

func (r *scopeResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_scope"
}

func (r *scopeResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = scopeResourceSchema()
}

// ModifyPlan makes the scope's name known at plan (it is prefix:subscope),
// so that a client or a grant that refers to krr_scope.x.name can be
// checked at plan too; records the scope as planned in this provider
// instance, so that those checks know this apply makes it; and checks,
// before anything is written, that a new scope's prefix is one of the
// organisation's: the portal would refuse it at apply, after other
// resources may already have changed. A scope this plan deactivates (a
// destroy, or a replace under a new name) is recorded as such, and warned
// about when the organisation's clients still carry it (warnCarried).
func (r *scopeResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.Data == nil {
		return
	}
	var current, currentName types.String
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("prefix"), &current)...)
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("name"), &currentName)...)
	}
	if req.Plan.Raw.IsNull() { // destroy
		if old := framework.KnownString(currentName); old != "" && !resp.Diagnostics.HasError() {
			RulesOf(r.Data).grantsSeen.takeInto(ctx, old, resp.Private)
			RulesOf(r.Data).Planned.recordDeactivated(old)
			warnCarried(ctx, r.Data, old, "", &resp.Diagnostics)
		}
		return
	}
	var plan scopeModel
	framework.ReadAttributes(ctx, req.Plan, &resp.Diagnostics, framework.Attr("prefix", &plan.Prefix),
		framework.Attr("subscope", &plan.Subscope), framework.Attr("allowed_integration_types", &plan.AllowedIntegrationTypes))
	if resp.Diagnostics.HasError() {
		return
	}
	prefix, subscope := framework.KnownString(plan.Prefix), framework.KnownString(plan.Subscope)
	if prefix == "" || subscope == "" {
		return
	}
	name := types.StringValue(prefix + ":" + subscope)
	// A new prefix or subscope replaces the scope (RequiresReplace); the
	// create half is planned again with no state, and records the new name.
	if old := framework.KnownString(currentName); old != "" && old != name.ValueString() {
		RulesOf(r.Data).Planned.recordDeactivated(old)
		warnCarried(ctx, r.Data, old, name.ValueString(), &resp.Diagnostics)
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("name"), name)...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), name)...)
	allowed, allowedKnown := framework.KnownStrings(plan.AllowedIntegrationTypes)
	RulesOf(r.Data).Planned.record(name.ValueString(), plannedScope{AllowedIntegrationTypes: allowed, TypesKnown: allowedKnown})
	if !plan.Prefix.Equal(current) {
		RulesOf(r.Data).checkOwnPrefix(ctx, prefix, &resp.Diagnostics)
	}
}

func (r *scopeResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan scopeModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	body := plan.toPortal(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	name := body.Prefix + ":" + body.Subscope

	settled := false // the scope was there already (an earlier attempt's, or revived)
	created, err := framework.CreateWithRetries(ctx, r.Data.Client.RetryBudget(), framework.CreateSteps[portal.Scope]{
		Post:   func(ctx context.Context) (*portal.Scope, error) { return r.Data.Client.CreateScope(ctx, body) },
		Lookup: func(ctx context.Context) (*portal.Scope, error) { return r.Data.Client.GetScope(ctx, name) },
		Settle: func(ctx context.Context, found *portal.Scope) (*portal.Scope, error) {
			settled = true
			return r.settleExisting(ctx, name, found, body)
		},
	})
	if err == nil && !settled {
		RulesOf(r.Data).newScopes.record(name)
	}
	if framework.CreateOutcomeUnknown(err) {
		// The portal may have made the scope: keep it in state as planned,
		// so that Terraform marks it tainted and the next refresh finds it
		// (or drops it) instead of it being left out of state.
		asked := body
		asked.Name = name
		plan.fromPortal(ctx, &asked, &resp.Diagnostics)
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		setScopeIdentity(ctx, resp.Identity, name, &resp.Diagnostics)
	}
	if err != nil {
		framework.AddCreateError(&resp.Diagnostics, fmt.Sprintf("Unable to create scope %s", name), err, r.Data.Environment)
		return
	}
	plan.fromPortal(ctx, created, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setScopeIdentity(ctx, resp.Identity, plan.Name.ValueString(), &resp.Diagnostics)
}

// settleExisting decides about a scope found under the name a create asked
// for (framework.CreateWithRetries: after a 409, or a lookup after a lost
// answer). The portal never deletes scopes: a deactivated one (a destroy
// before, or "Deaktiver" in the web portal) comes back with PUT and the
// planned values. An active one that is exactly what was asked for is the
// work of an earlier attempt whose answer was lost, and is adopted. Any
// other active one is someone's live scope, and taking it over silently
// would be wrong.
func (r *scopeResource) settleExisting(ctx context.Context, name string, existing *portal.Scope, body portal.Scope) (*portal.Scope, error) {
	switch {
	case existing.Active && sameScope(existing, body):
		return existing, nil
	case existing.Active:
		return nil, errScopeExists{name: name}
	}
	body.Active = true
	return r.Data.Client.UpdateScope(ctx, name, body)
}

// errScopeExists says how to bring an existing scope under management.
type errScopeExists struct{ name string }

func (e errScopeExists) Error() string {
	return fmt.Sprintf("scope %s already exists and is active in the portal. To manage it with Terraform, import it: "+
		"terraform import krr_scope.<name> '%s' (or an import block with id = %q)", e.name, e.name, e.name)
}

func (r *scopeResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state scopeModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := state.ID.ValueString()
	// First, so that state written before the resource had identity gets
	// one, also when the scope turns out to be gone: the framework refuses
	// a read that leaves the identity empty, even one that removes the
	// resource.
	setScopeIdentity(ctx, resp.Identity, name, &resp.Diagnostics)
	s, err := r.Data.Client.GetScope(ctx, name)
	switch {
	case portal.IsNotFound(err):
		framework.WarnRemovedFromState(&resp.Diagnostics, "Scope", name, "no longer exists in the portal")
		resp.State.RemoveResource(ctx)
		return
	case err != nil:
		framework.AddPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to read scope %s", name), err, r.Data.Environment)
		return
	case !s.Active:
		framework.WarnRemovedFromState(&resp.Diagnostics, "Scope", name, "has been deactivated")
		resp.State.RemoveResource(ctx)
		return
	}
	read := state
	read.fromPortal(ctx, s, &resp.Diagnostics)
	if read.RevokeAccessOnDestroy.IsNull() {
		// After an import: the schema default, which import does not apply.
		read.RevokeAccessOnDestroy = types.BoolValue(true)
	}
	framework.SetIfChanged(ctx, &resp.State, &read, &state, &resp.Diagnostics)
}

// Update reads the scope, lays the plan over it and writes the whole object
// back: PUT is a full replace, and active must be sent as true.
func (r *scopeResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan scopeModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := plan.ID.ValueString()
	current, err := r.Data.Client.GetScope(ctx, name)
	if err != nil {
		framework.AddPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to read scope %s before changing it", name), err, r.Data.Environment)
		return
	}
	body := plan.toPortal(ctx, &resp.Diagnostics)
	body.Name, body.OwnerOrgno, body.Created = current.Name, current.OwnerOrgno, current.Created
	if resp.Diagnostics.HasError() {
		return
	}
	updated, err := r.Data.Client.UpdateScope(ctx, name, body)
	if err != nil {
		framework.AddPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to change scope %s", name), err, r.Data.Environment)
		return
	}
	plan.fromPortal(ctx, updated, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setScopeIdentity(ctx, resp.Identity, name, &resp.Diagnostics)
}

// Delete revokes the grants that are still approved, then deactivates the
// scope (the portal's guide: remove access first). The organisations that
// lose access are named in a warning: their clients stop getting tokens
// for the scope.
func (r *scopeResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state scopeModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := state.ID.ValueString()
	if state.RevokeAccessOnDestroy.ValueBool() {
		revoked, err := r.revokeApprovedGrants(ctx, name, req.Private)
		if len(revoked) > 0 {
			resp.Diagnostics.AddWarning(fmt.Sprintf("Access to scope %s revoked", name),
				fmt.Sprintf("Destroying scope %s revoked the access of %s. Their clients no longer get tokens for "+
					"the scope. (Set revoke_access_on_destroy = false to keep grants when a scope is destroyed.)",
					name, strings.Join(revoked, ", ")))
		}
		if err != nil {
			framework.AddPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to revoke access to scope %s before deactivating it", name),
				err, r.Data.Environment)
			return
		}
	}
	if _, err := r.Data.Client.DeactivateScope(ctx, name); err != nil && !portal.IsNotFound(err) {
		framework.AddPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to deactivate scope %s", name), err, r.Data.Environment)
	}
}

// revokeApprovedGrants revokes every approved grant of the scope and names
// the organisations it revoked, also when it stops at an error.
func (r *scopeResource) revokeApprovedGrants(ctx context.Context, name string, private privateState) ([]string, error) {
	approved, err := approvedToRevoke(ctx, r.Data.Client, name, private)
	if err != nil {
		return nil, err
	}
	var revoked []string
	for _, g := range approved {
		_, err := r.Data.Client.RevokeAccess(ctx, name, g.Orgno)
		if portal.IsNotFound(err) {
			continue // revoked, or never made, since the list was read
		}
		if err != nil {
			return revoked, err
		}
		revoked = append(revoked, orgLabel(g.Orgno, g.Name))
	}
	return revoked, nil
}
