package scopes

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

// scopeConsumersIdentityModel is krr_scope_consumers' identity: the scope
// whose list it is. The scope forces replacement, so the identity holds
// for the list's whole life.
type scopeConsumersIdentityModel struct {
	Scope types.String `tfsdk:"scope"`
}

func (r *scopeConsumersResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"scope": identityschema.StringAttribute{RequiredForImport: true, Description: scopeNameIdentityDescription},
		},
	}
}

func setConsumersIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, scope string, diags *diag.Diagnostics) {
	diags.Append(identity.Set(ctx, scopeConsumersIdentityModel{Scope: types.StringValue(scope)})...)
}

// ImportState takes the scope's name: as the import ID, or as the
// identity's scope.
func (r *scopeConsumersResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	scope := framework.ImportedString(ctx, req, "scope", &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := CheckName(scope); err != nil {
		if framework.ByIdentity(req) {
			framework.AddIdentityError(&resp.Diagnostics, "krr_scope_consumers", "scope", err.Error())
		} else {
			resp.Diagnostics.AddError("Invalid import ID for krr_scope_consumers",
				fmt.Sprintf("The import ID is the scope's name, prefix:subscope: %s.", err))
		}
		return
	}
	resource.ImportStatePassthroughWithIdentity(ctx, path.Root("id"), path.Root("scope"), req, resp)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("scope"), scope)...)
	setConsumersIdentity(ctx, resp.Identity, scope, &resp.Diagnostics)
}
