package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
)

var (
	_ resource.ResourceWithConfigure   = (*clientResource)(nil)
	_ resource.ResourceWithImportState = (*clientResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*clientResource)(nil)
)

// clientResource manages one Maskinporten client (krr_client).
type clientResource struct {
	configuredResource
}

func newClientResource() resource.Resource { return &clientResource{} }

func (r *clientResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_client"
}

func (r *clientResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = clientResourceSchema()
}

func (r *clientResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan clientModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id, err := newClientID()
	if err != nil {
		resp.Diagnostics.AddError("Unable to make a client id", err.Error())
		return
	}
	body := portal.Integration{ClientID: id}
	plan.applyTo(ctx, &body, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	created, err := r.createOnce(ctx, body)
	if err != nil {
		addPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to create client %q", body.ClientName), err, r.data.Environment)
		return
	}
	plan.fromPortal(ctx, created, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// createOnce creates the client so that it exists exactly once, even when
// the answer to the POST is lost (a 5xx or a dropped connection after the
// portal did the work) or a POST that landed is sent again (409): the
// client is looked up by the id the provider chose and adopted if it is
// the one asked for.
func (r *clientResource) createOnce(ctx context.Context, body portal.Integration) (*portal.Integration, error) {
	created, err := r.data.Client.CreateIntegration(ctx, body)
	if err == nil || !portal.IsConflict(err) && !answerLost(err) {
		return created, err
	}
	found, getErr := r.data.Client.GetIntegration(ctx, body.ClientID)
	switch {
	case getErr == nil && sameClient(found, body):
		return found, nil
	case getErr == nil:
		return nil, fmt.Errorf("%w; a different client already has the id %s", err, body.ClientID)
	case portal.IsNotFound(getErr) && answerLost(err):
		// The POST never reached the portal: sending it again is safe.
		return r.data.Client.CreateIntegration(ctx, body)
	default:
		return nil, err
	}
}

// answerLost reports an error after which the portal may or may not have
// done the work: no answer at all, or a server error.
func answerLost(err error) bool {
	var transport *portal.TransportError
	var api *portal.APIError
	return errors.As(err, &transport) || errors.As(err, &api) && api.StatusCode >= 500
}

func (r *clientResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state clientModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	found, err := r.data.Client.GetIntegration(ctx, id)
	switch {
	case portal.IsNotFound(err):
		warnRemovedFromState(&resp.Diagnostics, "Client", id, "no longer exists in the portal")
		resp.State.RemoveResource(ctx)
		return
	case err != nil:
		addPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to read client %s", id), err, r.data.Environment)
		return
	case !found.Active:
		warnRemovedFromState(&resp.Diagnostics, "Client", id, "has been deactivated")
		resp.State.RemoveResource(ctx)
		return
	}
	state.fromPortal(ctx, found, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update reads the client, lays the plan over it, and writes the whole
// object back: PUT is a full replace, and fields this provider does not
// manage must survive it.
func (r *clientResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan clientModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := plan.ID.ValueString()
	current, err := r.data.Client.GetIntegration(ctx, id)
	if err != nil {
		addPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to read client %s before changing it", id), err, r.data.Environment)
		return
	}
	body := *current
	body.ClientSecret = ""
	plan.applyTo(ctx, &body, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	updated, err := r.data.Client.UpdateIntegration(ctx, id, body)
	if err != nil {
		addPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to change client %s", id), err, r.data.Environment)
		return
	}
	plan.fromPortal(ctx, updated, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Delete deactivates the client (the web portal's "Deaktiver").
func (r *clientResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state clientModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	if err := r.data.Client.DeactivateIntegration(ctx, id); err != nil && !portal.IsNotFound(err) {
		addPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to deactivate client %s", id), err, r.data.Environment)
	}
}

// ImportState takes the client id.
func (r *clientResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if req.ID == "" {
		resp.Diagnostics.AddError("Invalid import ID for krr_client", "expected the client id, e.g. 7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f")
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
}
