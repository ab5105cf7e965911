package scopes

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

var (
	_ resource.ResourceWithConfigure   = (*scopeAccessResource)(nil)
	_ resource.ResourceWithImportState = (*scopeAccessResource)(nil)
	_ resource.ResourceWithIdentity    = (*scopeAccessResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*scopeAccessResource)(nil)
)

// scopeAccessResource gives one organisation access to one of the
// organisation's scopes (the portal's "Legg til tilgang").
type scopeAccessResource struct {
	framework.ConfiguredResource
}

type scopeAccessModel struct {
	ID                       types.String `tfsdk:"id"`
	Scope                    types.String `tfsdk:"scope"`
	ConsumerOrgno            types.String `tfsdk:"consumer_orgno"`
	State                    types.String `tfsdk:"state"`
	ConsumerOrganizationName types.String `tfsdk:"consumer_organization_name"`
	Created                  types.String `tfsdk:"created"`
}

func newAccessResource() resource.Resource { return &scopeAccessResource{} }

func (r *scopeAccessResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_scope_access"
}

func (r *scopeAccessResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	unchanging := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Gives an organisation access to one of the organisation's scopes, so that its " +
			"Maskinporten clients may carry it. Destroying it revokes the access (the grant stays in the portal " +
			"as `DENIED`); applying again approves it anew. To keep a scope's whole list in one resource, use " +
			"`krr_scope_consumers` instead, never both for one scope. Import ID: the scope name and the consumer's " +
			"organisation number, separated by a comma, e.g. `myprefix:api/person.read,991825827`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "`<scope>,<consumer_orgno>`.",
				Computed:            true,
				PlanModifiers:       unchanging,
			},
			"scope": schema.StringAttribute{
				MarkdownDescription: "The scope's full name, `prefix:subscope`, usually `krr_scope.x.name`.",
				Required:            true,
				PlanModifiers:       replace,
				Validators:          []validator.String{NameValidator{}},
			},
			"consumer_orgno": schema.StringAttribute{
				MarkdownDescription: "The organisation number (9 digits, valid check digit) of the organisation given access.",
				Required:            true,
				PlanModifiers:       replace,
				Validators:          []validator.String{framework.OrgnoValidator{}},
			},
			"state": schema.StringAttribute{
				MarkdownDescription: "The grant's state; `APPROVED` while it is managed here.",
				Computed:            true,
				PlanModifiers:       unchanging,
			},
			"consumer_organization_name": schema.StringAttribute{
				MarkdownDescription: "The consumer's name, when the portal knows it.",
				Computed:            true,
				PlanModifiers:       unchanging,
			},
			"created": schema.StringAttribute{
				MarkdownDescription: "When the grant was first made (ISO 8601).",
				Computed:            true,
				PlanModifiers:       unchanging,
			},
		},
	}
}

// Create grants access. The call is idempotent and also approves a revoked
// grant, so a retry or a destroy-then-apply needs nothing special.
func (r *scopeAccessResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan scopeAccessModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	scope, consumer := plan.Scope.ValueString(), plan.ConsumerOrgno.ValueString()
	grant, err := r.Data.Client.GrantAccess(ctx, scope, consumer)
	if err != nil {
		resp.Diagnostics.AddError(fmt.Sprintf("Unable to give organisation %s access to %s", consumer, scope),
			explainGrantRefusal(err, scope, r.Data.Environment))
		return
	}
	plan.fromPortal(grant)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setAccessIdentity(ctx, resp.Identity, scope, consumer, &resp.Diagnostics)
}

func (r *scopeAccessResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state scopeAccessModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	scope, consumer := state.Scope.ValueString(), state.ConsumerOrgno.ValueString()
	// First, so that state from before identity gets one even when the
	// grant is gone (see scopeResource.Read).
	setAccessIdentity(ctx, resp.Identity, scope, consumer, &resp.Diagnostics)
	grant, err := r.Data.Client.GetScopeAccess(ctx, scope, consumer)
	label := AccessID(scope, consumer)
	switch {
	case portal.IsNotFound(err):
		framework.WarnRemovedFromState(&resp.Diagnostics, "Access grant", label, "no longer exists in the portal")
		resp.State.RemoveResource(ctx)
		return
	case err != nil:
		framework.AddPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to read access grant %s", label), err, r.Data.Environment)
		return
	case grant.State != portal.GrantApproved:
		framework.WarnRemovedFromState(&resp.Diagnostics, "Access grant", label, fmt.Sprintf("is %s, no longer APPROVED", grant.State))
		resp.State.RemoveResource(ctx)
		return
	}
	read := state
	read.fromPortal(grant)
	framework.SetIfChanged(ctx, &resp.State, &read, &state, &resp.Diagnostics)
	keepLeadersGrantsSeen(ctx, r.Data.Client, scope, consumer, resp.Private)
}

// Update is never called: both arguments force replacement.
func (r *scopeAccessResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.Diagnostics.AddError("krr_scope_access cannot be changed in place",
		"Every argument of krr_scope_access forces replacement; this is a bug in the provider.")
}

func (r *scopeAccessResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state scopeAccessModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	scope, consumer := state.Scope.ValueString(), state.ConsumerOrgno.ValueString()
	if _, err := r.Data.Client.RevokeAccess(ctx, scope, consumer); err != nil && !portal.IsNotFound(err) {
		framework.AddPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to revoke organisation %s's access to %s", consumer, scope), err, r.Data.Environment)
	}
}

func (m *scopeAccessModel) fromPortal(g *portal.AccessGrant) {
	m.ID = types.StringValue(AccessID(g.Scope, g.ConsumerOrgno))
	m.Scope = types.StringValue(g.Scope)
	m.ConsumerOrgno = types.StringValue(g.ConsumerOrgno)
	m.State = types.StringValue(g.State)
	m.ConsumerOrganizationName = types.StringValue(g.ConsumerOrganizationName)
	m.Created = types.StringValue(g.Created)
}
