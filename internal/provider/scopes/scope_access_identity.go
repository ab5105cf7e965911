package scopes

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

// scopeAccessIdentityModel is krr_scope_access's identity: the scope and
// the organisation given access. Both force replacement, so the identity
// holds for the grant's whole life.
type scopeAccessIdentityModel struct {
	Scope         types.String `tfsdk:"scope"`
	ConsumerOrgno types.String `tfsdk:"consumer_orgno"`
}

func (r *scopeAccessResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"scope": identityschema.StringAttribute{RequiredForImport: true, Description: scopeNameIdentityDescription},
			"consumer_orgno": identityschema.StringAttribute{RequiredForImport: true,
				Description: "The organisation number of the organisation given access (9 digits, valid check digit)."},
		},
	}
}

func setAccessIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, scope, consumerOrgno string, diags *diag.Diagnostics) {
	diags.Append(identity.Set(ctx, scopeAccessIdentityModel{
		Scope: types.StringValue(scope), ConsumerOrgno: types.StringValue(consumerOrgno),
	})...)
}

// ImportState takes the scope and the consumer's organisation number: as
// the import ID "<scope>,<orgno>" (scopeAccessIDFormat), or as the
// identity's scope and consumer_orgno.
func (r *scopeAccessResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	scope, consumer := importedAccess(ctx, req, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), AccessID(scope, consumer))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("scope"), scope)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("consumer_orgno"), consumer)...)
	setAccessIdentity(ctx, resp.Identity, scope, consumer, &resp.Diagnostics)
}

// importedAccess is the grant an import names, checked as the arguments
// are: a scope name, and an organisation number fit for a request path.
func importedAccess(ctx context.Context, req resource.ImportStateRequest, diags *diag.Diagnostics) (scope, consumerOrgno string) {
	if !framework.ByIdentity(req) {
		scope, consumerOrgno, err := parseScopeAccessID(req.ID)
		if err != nil {
			diags.AddError("Invalid import ID for krr_scope_access", err.Error())
		}
		return scope, consumerOrgno
	}
	var id scopeAccessIdentityModel
	diags.Append(req.Identity.Get(ctx, &id)...)
	scope, consumerOrgno = id.Scope.ValueString(), id.ConsumerOrgno.ValueString()
	if err := CheckName(scope); err != nil {
		framework.AddIdentityError(diags, "krr_scope_access", "scope", err.Error())
	}
	framework.CheckIdentityOrgno(diags, "krr_scope_access", "consumer_orgno", consumerOrgno)
	return scope, consumerOrgno
}
