package scopes

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

var (
	_ resource.ResourceWithConfigure   = (*scopeConsumersResource)(nil)
	_ resource.ResourceWithImportState = (*scopeConsumersResource)(nil)
	_ resource.ResourceWithIdentity    = (*scopeConsumersResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*scopeConsumersResource)(nil)
)

// scopeConsumersResource is the complete list of organisations that may use
// one of the organisation's scopes: one resource for a scope's whole access
// list, in place of one krr_scope_access per organisation. It is
// authoritative: a grant it does not name is revoked.
type scopeConsumersResource struct {
	framework.ConfiguredResource
}

type scopeConsumersModel struct {
	ID             types.String `tfsdk:"id"`
	Scope          types.String `tfsdk:"scope"`
	ConsumerOrgnos types.Set    `tfsdk:"consumer_orgnos"`
}

func newConsumersResource() resource.Resource { return &scopeConsumersResource{} }

func (r *scopeConsumersResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_scope_consumers"
}

func (r *scopeConsumersResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The complete set of organisations that may use one of the organisation's scopes. It " +
			"is authoritative: a grant made outside Terraform shows as drift, and apply revokes it; grants that " +
			"are `DENIED` or `REQUESTED` count as absent. Destroying it revokes every grant. Do not use it together " +
			"with `krr_scope_access` on the same scope. Import ID: the scope name.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The scope name.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"scope": schema.StringAttribute{
				MarkdownDescription: "The scope's full name, `prefix:subscope`, usually `krr_scope.x.name`.",
				Required:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{NameValidator{}},
			},
			"consumer_orgnos": schema.SetAttribute{
				MarkdownDescription: "The organisation numbers (9 digits, valid check digit) of every organisation " +
					"that may use the scope. An empty set gives no one access.",
				Required:    true,
				ElementType: types.StringType,
				Validators:  []validator.Set{setvalidator.ValueStringsAre(framework.OrgnoValidator{})},
			},
		},
	}
}

// ModifyPlan checks the scope as a grant's when the list is new, and that
// no krr_scope_access manages the same scope (planGrantScope); the id is
// the scope's name, known with it.
func (r *scopeConsumersResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	handOnGrantsSeen(ctx, r.Data, req)
	if name := RulesOf(r.Data).planGrantScope(ctx, "krr_scope_consumers", req, resp); name != "" {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), name)...)
	}
}

func (r *scopeConsumersResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	r.write(ctx, req.Plan, &resp.State, resp.Identity, resp.Private, true, &resp.Diagnostics)
}

func (r *scopeConsumersResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	r.write(ctx, req.Plan, &resp.State, resp.Identity, resp.Private, false, &resp.Diagnostics)
}

// write makes the scope's approved grants exactly the planned set: it
// grants what is missing and revokes what is not named, reading the
// portal's list first so that grants made outside Terraform since the plan
// are revoked too. Grants that do not change are not written.
//
// The list the refresh kept in private state (scope_grants_seen.go) is
// dropped, and no list takes its place: a Delete must not take a list this
// write made stale, nor one that misses a grant made outside Terraform
// after this write (a destroy with -refresh=false reads the list). Nor is a
// list worth its bytes in state after an apply: Terraform writes the whole
// state file again after each resource it applies.
func (r *scopeConsumersResource) write(ctx context.Context, planned tfsdk.Plan, state *tfsdk.State, identity *tfsdk.ResourceIdentity,
	private privateStateSetter, creating bool, diags *diag.Diagnostics) {
	dropGrantsSeen(ctx, private)
	var plan scopeConsumersModel
	diags.Append(planned.Get(ctx, &plan)...)
	var wanted []string
	diags.Append(plan.ConsumerOrgnos.ElementsAs(ctx, &wanted, false)...)
	if diags.HasError() {
		return
	}
	scope := plan.Scope.ValueString()
	var approved []string
	if !creating || !RulesOf(r.Data).newScopes.has(scope) {
		var err error
		if approved, err = r.approved(ctx, scope, true); err != nil {
			diags.AddError(fmt.Sprintf("Unable to read who may use scope %s", scope), explainGrantRefusal(err, scope, r.Data.Environment))
			return
		}
	}
	slices.Sort(wanted)
	var missing, revoked []string
	for _, orgno := range wanted {
		if !slices.Contains(approved, orgno) {
			missing = append(missing, orgno)
		}
	}
	for _, orgno := range approved {
		if !slices.Contains(wanted, orgno) {
			revoked = append(revoked, orgno)
		}
	}
	if orgno, err := writeEach(ctx, missing, func(ctx context.Context, orgno string) error {
		_, err := r.Data.Client.GrantAccess(ctx, scope, orgno)
		return err
	}); err != nil {
		diags.AddError(fmt.Sprintf("Unable to give organisation %s access to %s", orgno, scope),
			explainGrantRefusal(err, scope, r.Data.Environment))
		return
	}
	if orgno, err := writeEach(ctx, revoked, func(ctx context.Context, orgno string) error {
		_, err := r.Data.Client.RevokeAccess(ctx, scope, orgno)
		return err
	}); err != nil {
		framework.AddPortalError(diags, fmt.Sprintf("Unable to revoke organisation %s's access to %s", orgno, scope), err, r.Data.Environment)
		return
	}
	if len(revoked) > 0 && creating {
		// On update the plan showed these; on create they were not in
		// Terraform's view at all.
		diags.AddWarning(fmt.Sprintf("Access to scope %s revoked", scope), fmt.Sprintf("krr_scope_consumers holds "+
			"scope %s's complete list of consumers, so the grants it does not name have been revoked: %s.",
			scope, strings.Join(revoked, ", ")))
	}
	plan.ID = types.StringValue(scope)
	diags.Append(state.Set(ctx, &plan)...)
	setConsumersIdentity(ctx, identity, scope, diags)
}

// approved lists the organisations whose grant of scope is APPROVED,
// sorted. A write reads afresh; a refresh shares the list of the scope's
// grants with the other reads of the run.
func (r *scopeConsumersResource) approved(ctx context.Context, scope string, forWrite bool) ([]string, error) {
	list := r.Data.Client.ScopeGrants
	if forWrite {
		list = r.Data.Client.ListScopeAccess
	}
	grants, err := list(ctx, scope)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, g := range grants {
		if g.State == portal.GrantApproved {
			out = append(out, g.ConsumerOrgno)
		}
	}
	slices.Sort(out)
	return out, nil
}

// Read puts the portal's approved grants in state: one made outside
// Terraform shows as drift. A scope that is gone or deactivated leaves the
// state with a warning.
func (r *scopeConsumersResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state scopeConsumersModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	scope := state.ID.ValueString()
	// First, so that state from before identity gets one even when the
	// scope is gone (see scopeResource.Read).
	setConsumersIdentity(ctx, resp.Identity, scope, &resp.Diagnostics)
	s, err := r.Data.Client.GetScope(ctx, scope)
	switch {
	case portal.IsNotFound(err):
		framework.WarnRemovedFromState(&resp.Diagnostics, "Consumer list of scope", scope, "belongs to a scope that no longer exists in the portal")
		resp.State.RemoveResource(ctx)
		return
	case err != nil:
		framework.AddPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to read scope %s", scope), err, r.Data.Environment)
		return
	case !s.Active:
		framework.WarnRemovedFromState(&resp.Diagnostics, "Consumer list of scope", scope, "belongs to a scope that has been deactivated")
		resp.State.RemoveResource(ctx)
		return
	}
	approved, err := r.approved(ctx, scope, false)
	if err != nil {
		framework.AddPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to read who may use scope %s", scope), err, r.Data.Environment)
		return
	}
	set, d := types.SetValueFrom(ctx, types.StringType, framework.NonNilStrings(approved))
	resp.Diagnostics.Append(d...)
	read := state
	read.Scope, read.ConsumerOrgnos = types.StringValue(scope), set
	framework.SetIfChanged(ctx, &resp.State, &read, &state, &resp.Diagnostics)
	if grants, ok := r.Data.Client.LoadedScopeGrants(scope); ok {
		storeGrantsSeen(ctx, resp.Private, approvedOf(grants, time.Now()))
	}
}

// Delete revokes every approved grant of the scope.
func (r *scopeConsumersResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state scopeConsumersModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	scope := state.Scope.ValueString()
	seen, err := approvedToRevoke(ctx, r.Data.Client, scope, req.Private)
	if err != nil {
		framework.AddPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to read who may use scope %s", scope), err, r.Data.Environment)
		return
	}
	approved := make([]string, 0, len(seen))
	for _, g := range seen {
		approved = append(approved, g.Orgno)
	}
	if orgno, err := writeEach(ctx, approved, func(ctx context.Context, orgno string) error {
		if _, err := r.Data.Client.RevokeAccess(ctx, scope, orgno); err != nil && !portal.IsNotFound(err) {
			return err
		}
		return nil
	}); err != nil {
		framework.AddPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to revoke organisation %s's access to %s", orgno, scope), err, r.Data.Environment)
	}
}
