package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
)

var (
	_ resource.ResourceWithConfigure   = (*scopeResource)(nil)
	_ resource.ResourceWithImportState = (*scopeResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*scopeResource)(nil)
)

// scopeResource manages one scope the organisation offers (krr_scope).
type scopeResource struct {
	configuredResource
}

func newScopeResource() resource.Resource { return &scopeResource{} }

func (r *scopeResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_scope"
}

func (r *scopeResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = scopeResourceSchema()
}

// ModifyPlan checks, before anything is written, that a new scope's prefix
// is one of the organisation's: the portal would refuse it at apply, after
// other resources may already have changed.
func (r *scopeResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.data == nil {
		return
	}
	var planned, current types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("prefix"), &planned)...)
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("prefix"), &current)...)
	}
	if resp.Diagnostics.HasError() || planned.IsUnknown() || planned.IsNull() || planned.Equal(current) {
		return
	}
	r.data.checkOwnPrefix(ctx, planned.ValueString(), &resp.Diagnostics)
}

func (r *scopeResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan scopeModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	body := plan.toPortal(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	name := body.Prefix + ":" + body.Subscope

	created, err := r.data.Client.CreateScope(ctx, body)
	if portal.IsConflict(err) {
		created, err = r.reactivate(ctx, name, body)
	}
	if err != nil {
		addPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to create scope %s", name), err, r.data.Environment)
		return
	}
	plan.fromPortal(ctx, created, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// reactivate handles a create that found the name taken. The portal never
// deletes scopes: a deactivated one (a destroy before, or "Deaktiver" in the
// web portal) comes back with PUT and the planned values. An active one is
// someone's live scope, and taking it over silently would be wrong.
func (r *scopeResource) reactivate(ctx context.Context, name string, body portal.Scope) (*portal.Scope, error) {
	existing, err := r.data.Client.GetScope(ctx, name)
	if err != nil {
		return nil, err
	}
	if existing.Active {
		return nil, errScopeExists{name: name}
	}
	body.Active = true
	return r.data.Client.UpdateScope(ctx, name, body)
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
	s, err := r.data.Client.GetScope(ctx, name)
	switch {
	case portal.IsNotFound(err):
		warnRemovedFromState(&resp.Diagnostics, "Scope", name, "no longer exists in the portal")
		resp.State.RemoveResource(ctx)
		return
	case err != nil:
		addPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to read scope %s", name), err, r.data.Environment)
		return
	case !s.Active:
		warnRemovedFromState(&resp.Diagnostics, "Scope", name, "has been deactivated")
		resp.State.RemoveResource(ctx)
		return
	}
	state.fromPortal(ctx, s, &resp.Diagnostics)
	if state.RevokeAccessOnDestroy.IsNull() {
		// After an import: the schema default, which import does not apply.
		state.RevokeAccessOnDestroy = types.BoolValue(true)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
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
	current, err := r.data.Client.GetScope(ctx, name)
	if err != nil {
		addPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to read scope %s before changing it", name), err, r.data.Environment)
		return
	}
	body := plan.toPortal(ctx, &resp.Diagnostics)
	body.Name, body.OwnerOrgno, body.Created = current.Name, current.OwnerOrgno, current.Created
	if resp.Diagnostics.HasError() {
		return
	}
	updated, err := r.data.Client.UpdateScope(ctx, name, body)
	if err != nil {
		addPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to change scope %s", name), err, r.data.Environment)
		return
	}
	plan.fromPortal(ctx, updated, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Delete revokes the grants that are still approved, then deactivates the
// scope (the portal's guide: remove access first).
func (r *scopeResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state scopeModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := state.ID.ValueString()
	if state.RevokeAccessOnDestroy.ValueBool() {
		if err := r.revokeApprovedGrants(ctx, name); err != nil {
			addPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to revoke access to scope %s before deactivating it", name),
				err, r.data.Environment)
			return
		}
	}
	if _, err := r.data.Client.DeactivateScope(ctx, name); err != nil && !portal.IsNotFound(err) {
		addPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to deactivate scope %s", name), err, r.data.Environment)
	}
}

func (r *scopeResource) revokeApprovedGrants(ctx context.Context, name string) error {
	grants, err := r.data.Client.ListScopeAccess(ctx, name)
	if portal.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, g := range grants {
		if g.State != portal.GrantApproved {
			continue
		}
		if _, err := r.data.Client.RevokeAccess(ctx, name, g.ConsumerOrgno); err != nil {
			return err
		}
	}
	return nil
}

// ImportState takes the scope's name, e.g. "prefix:sub/path.read".
func (r *scopeResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if err := checkScopeName(req.ID); err != nil {
		resp.Diagnostics.AddError("Invalid import ID for krr_scope", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
}
