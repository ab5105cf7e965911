package login

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

var (
	_ resource.ResourceWithConfigure   = (*clientSecretResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*clientSecretResource)(nil)
	_ resource.ResourceWithImportState = (*clientSecretResource)(nil)
)

// clientSecretResource holds and rotates a login client's secret
// (krr_client_secret). The portal shows a secret once, in the answer that
// makes it, so the state is the only place it is kept.
type clientSecretResource struct {
	framework.ConfiguredResource
}

func newClientSecretResource() resource.Resource { return &clientSecretResource{} }

func (r *clientSecretResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_client_secret"
}

func (r *clientSecretResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = clientSecretSchema()
}

// secretRefusal says why client cannot have a secret, "" when it can.
func secretRefusal(client *portal.Integration) string {
	switch {
	case !usesSecret(client.TokenEndpointAuthMethod):
		return fmt.Sprintf("Client %s (%s) has token_endpoint_auth_method %q: only a client that signs in with "+
			"client_secret_basic or client_secret_post has a secret. Set its token_endpoint_auth_method to one of "+
			"those, or, better where the application can sign, keep private_key_jwt with keys through "+
			"krr_client_jwks and no secret at all.", client.ClientID, client.ClientName, client.TokenEndpointAuthMethod)
	case !client.Active:
		return fmt.Sprintf("Client %s (%s) is deactivated; the portal makes no secret for it. Set active = true on "+
			"its krr_login_client first.", client.ClientID, client.ClientName)
	}
	return ""
}

// Create checks the client, just before the write, for what the plan could
// not know, then asks the portal for a new secret.
func (r *clientSecretResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan clientSecretModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := plan.ClientID.ValueString()
	client, err := r.Data.Client.GetIntegration(ctx, id)
	if err != nil {
		framework.AddPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to read client %s before making its secret", id), err, r.Data.Environment)
		return
	}
	if why := secretRefusal(client); why != "" {
		resp.Diagnostics.AddAttributeError(pathClientID, "Client cannot have a secret", why+" Nothing was written.")
		return
	}
	made, err := r.Data.Client.NewClientSecret(ctx, id)
	if err != nil {
		framework.AddPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to make a secret for client %s", id), err, r.Data.Environment)
		return
	}
	if made.ClientSecret == "" {
		resp.Diagnostics.AddError(fmt.Sprintf("No secret for client %s", id), "The portal answered the request for a "+
			"new secret without one. Apply again; if it goes on, ask Digdir's service desk (servicedesk@digdir.no).")
		return
	}
	at := now().UTC().Truncate(time.Second)
	plan.ID = types.StringValue(id)
	plan.ClientSecret = types.StringValue(made.ClientSecret)
	plan.Created = types.StringValue(at.Format(time.RFC3339))
	plan.Expires = types.StringValue(at.Add(secretLifetimeDays * 24 * time.Hour).Format(time.RFC3339))
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Read cannot read the secret back (the portal never shows it again); it
// checks that the secret can still exist: the client is there and still
// signs in with a secret. Otherwise the secret is gone, and removed from
// state with a warning that says why, so that the plan shows a new one.
func (r *clientSecretResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state clientSecretModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ClientID.ValueString()
	client, err := r.Data.Client.GetIntegration(ctx, id)
	switch {
	case portal.IsNotFound(err):
		framework.WarnRemovedFromState(&resp.Diagnostics, "Secret of client", id, "is gone: the client no longer exists in the portal")
		resp.State.RemoveResource(ctx)
	case err != nil:
		framework.AddPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to read client %s", id), err, r.Data.Environment)
	case !usesSecret(client.TokenEndpointAuthMethod):
		framework.WarnRemovedFromState(&resp.Diagnostics, "Secret of client", id, fmt.Sprintf("is gone: the client's "+
			"token_endpoint_auth_method is now %q, and the portal removed its secret when it changed", client.TokenEndpointAuthMethod))
		resp.State.RemoveResource(ctx)
	}
}

// Update changes only what stays in state (rotate_after_days): every other
// change replaces the secret.
func (r *clientSecretResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan clientSecretModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Delete forgets the secret and sends nothing: rotating on destroy would
// kill the new secret of a replacement made with create_before_destroy.
func (r *clientSecretResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {
}

// ImportState refuses: the portal never shows a secret again, so there is
// nothing to import. The resource makes a new secret instead.
func (r *clientSecretResource) ImportState(_ context.Context, _ resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	resp.Diagnostics.Append(diag.NewErrorDiagnostic("krr_client_secret cannot be imported",
		"The portal shows a client secret once, when it makes it, and never again: there is no secret to import. "+
			"Remove the import, and let krr_client_secret make a new secret (the client's old secret stops working "+
			"when it does)."))
}
