package onbehalfof

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

// identityModel is krr_client_onbehalfof's identity: the client and the
// record's onbehalfof. Both force replacement and never change in the
// portal, so the identity holds for the record's whole life.
type identityModel struct {
	ClientID   types.String `tfsdk:"client_id"`
	OnBehalfOf types.String `tfsdk:"onbehalfof"`
}

func (r *recordResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"client_id": identityschema.StringAttribute{RequiredForImport: true,
				Description: "The id of the client the record belongs to."},
			"onbehalfof": identityschema.StringAttribute{RequiredForImport: true,
				Description: "The record's onbehalfof, e.g. `kunde-991825827`."},
		},
	}
}

func setIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, clientID, onBehalfOf string, diags *diag.Diagnostics) {
	if identity == nil {
		return
	}
	diags.Append(identity.Set(ctx, identityModel{
		ClientID: types.StringValue(clientID), OnBehalfOf: types.StringValue(onBehalfOf),
	})...)
}

// ImportState takes the record as the import ID <client_id>::<onbehalfof>,
// or as the identity's client_id and onbehalfof, checked before any
// request, since both go into request paths.
func (r *recordResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	clientID, obo := imported(ctx, req, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), portal.OnBehalfOfID(clientID, obo))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("client_id"), clientID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("onbehalfof"), obo)...)
	setIdentity(ctx, resp.Identity, clientID, obo, &resp.Diagnostics)
}

func imported(ctx context.Context, req resource.ImportStateRequest, diags *diag.Diagnostics) (clientID, onBehalfOf string) {
	if !framework.ByIdentity(req) {
		clientID, onBehalfOf, err := parseID(req.ID)
		if err != nil {
			diags.AddError("Invalid import ID for "+typeName, err.Error())
		}
		return clientID, onBehalfOf
	}
	var id identityModel
	diags.Append(req.Identity.Get(ctx, &id)...)
	clientID, onBehalfOf = id.ClientID.ValueString(), id.OnBehalfOf.ValueString()
	if problem := clientIDProblem(clientID); problem != "" {
		framework.AddIdentityError(diags, typeName, "client_id", problem)
	}
	if problem := onBehalfOfProblem(onBehalfOf); problem != "" {
		framework.AddIdentityError(diags, typeName, "onbehalfof", problem)
	}
	return clientID, onBehalfOf
}
