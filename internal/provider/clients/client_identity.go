package clients

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

// clientIdentityModel is the identity of krr_client and of krr_client_jwks:
// the client's id. A client keeps its id through deactivation and back
// (lesson 12), and a new client_id replaces either resource, so the
// identity holds for the object's whole life.
type clientIdentityModel struct {
	ClientID types.String `tfsdk:"client_id"`
}

// ClientIdentitySchema is the identity schema of both resources (and of krr_login_client).
func ClientIdentitySchema(description string) identityschema.Schema {
	return identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"client_id": identityschema.StringAttribute{RequiredForImport: true, Description: description},
		},
	}
}

// SetClientIdentity sets a client resource's identity to clientID.
func SetClientIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, clientID string, diags *diag.Diagnostics) {
	diags.Append(identity.Set(ctx, clientIdentityModel{ClientID: types.StringValue(clientID)})...)
}

// ImportedClientID is the client id an import names, as the import ID or as
// the identity's client_id, or "" after an error: it must be non-empty and
// without whitespace, since it goes into request paths. idError is the
// resource's message for a bad import ID.
func ImportedClientID(ctx context.Context, typeName string, req resource.ImportStateRequest, diags *diag.Diagnostics,
	idError func(id string) string) string {
	id := framework.ImportedString(ctx, req, "client_id", diags)
	switch {
	case diags.HasError():
		return ""
	case framework.NoWhitespace.MatchString(id):
		return id
	case framework.ByIdentity(req):
		framework.AddIdentityError(diags, typeName, "client_id",
			fmt.Sprintf("%q is not a client id: it must be non-empty and without whitespace, e.g. 7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f", id))
	default:
		diags.AddError("Invalid import ID for "+typeName, idError(id))
	}
	return ""
}

func (r *clientResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = ClientIdentitySchema("The client id, e.g. `7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f`.")
}

// ImportState takes the client id: as the import ID, or as the identity's
// client_id.
func (r *clientResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := ImportedClientID(ctx, "krr_client", req, &resp.Diagnostics, func(id string) string {
		return fmt.Sprintf("The import ID is the client id, non-empty and without whitespace, e.g. "+
			"7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f; got %q.", id)
	})
	if id == "" {
		return
	}
	resource.ImportStatePassthroughWithIdentity(ctx, path.Root("id"), path.Root("client_id"), req, resp)
	SetClientIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
}

func (r *clientJWKSResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = ClientIdentitySchema("The id of the client whose keys these are.")
}

// ImportState takes the client's id: as the import ID, or as the
// identity's client_id. Every key the portal holds comes into state in JWK
// form (see the resource's description).
func (r *clientJWKSResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := ImportedClientID(ctx, "krr_client_jwks", req, &resp.Diagnostics, func(id string) string {
		return fmt.Sprintf("The import ID is the client's id (client_id), non-empty and without whitespace; got %q. "+
			"Example: terraform import krr_client_jwks.example 0f8e1a2b-…", id)
	})
	if id == "" {
		return
	}
	resource.ImportStatePassthroughWithIdentity(ctx, path.Root("client_id"), path.Root("client_id"), req, resp)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	SetClientIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
}
