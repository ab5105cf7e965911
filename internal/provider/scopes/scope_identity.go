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

// scopeIdentityModel is krr_scope's identity: the scope's name. A scope is
// never renamed (a new prefix or subscope replaces it), so the identity
// holds for the scope's whole life.
type scopeIdentityModel struct {
	Name types.String `tfsdk:"name"`
}

// scopeNameIdentityDescription is a scope's name in the identity schemas
// of the resources whose identity names a scope.
const scopeNameIdentityDescription = "The scope's full name, `prefix:subscope`, e.g. `myprefix:api/person.read`."

func (r *scopeResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"name": identityschema.StringAttribute{RequiredForImport: true, Description: scopeNameIdentityDescription},
		},
	}
}

// setScopeIdentity sets the identity of the scope called name.
func setScopeIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, name string, diags *diag.Diagnostics) {
	diags.Append(identity.Set(ctx, scopeIdentityModel{Name: types.StringValue(name)})...)
}

// ImportState takes the scope's name, e.g. "prefix:sub/path.read": as the
// import ID, or as the identity's name.
func (r *scopeResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	name := framework.ImportedString(ctx, req, "name", &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := CheckName(name); err != nil {
		if framework.ByIdentity(req) {
			framework.AddIdentityError(&resp.Diagnostics, "krr_scope", "name", err.Error())
		} else {
			resp.Diagnostics.AddError("Invalid import ID for krr_scope", err.Error())
		}
		return
	}
	resource.ImportStatePassthroughWithIdentity(ctx, path.Root("id"), path.Root("name"), req, resp)
	setScopeIdentity(ctx, resp.Identity, name, &resp.Diagnostics)
}
