package login

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/platform-iac/terraform-provider-krr/internal/provider/clients"
)

// The identity of krr_login_client is the client's id, as krr_client's
// is: a client keeps its id through deactivation and back, and a new
// client_id replaces the resource.

func (r *loginClientResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = clients.ClientIdentitySchema("The client id, e.g. `7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f`.")
}

// ImportState takes the client id: as the import ID, or as the identity's
// client_id. Read then refuses a client that is not a login client.
func (r *loginClientResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := clients.ImportedClientID(ctx, "krr_login_client", req, &resp.Diagnostics, func(id string) string {
		return fmt.Sprintf("The import ID is the client id, non-empty and without whitespace, e.g. "+
			"7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f; got %q.", id)
	})
	if id == "" {
		return
	}
	resource.ImportStatePassthroughWithIdentity(ctx, path.Root("id"), path.Root("client_id"), req, resp)
	clients.SetClientIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
}
