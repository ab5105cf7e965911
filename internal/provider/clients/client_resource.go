package clients

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/scopes"
)

var (
	_ resource.ResourceWithConfigure   = (*clientResource)(nil)
	_ resource.ResourceWithImportState = (*clientResource)(nil)
	_ resource.ResourceWithIdentity    = (*clientResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*clientResource)(nil)
)

// clientResource manages one Maskinporten client (krr_client).
type clientResource struct {
	framework.ConfiguredResource
}

func newResource() resource.Resource { return &clientResource{} }

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
	id := framework.KnownString(plan.ClientID)
	if id == "" {
		var err error
		if id, err = NewClientID(); err != nil {
			resp.Diagnostics.AddError("Unable to make a client id", err.Error())
			return
		}
	}
	body := portal.Integration{ClientID: id}
	plan.applyTo(ctx, &body, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || !r.checkScopesBeforeWrite(ctx, body, "created", &resp.Diagnostics) {
		return
	}
	wantActive := plan.Active.ValueBool()
	// The id is chosen before the POST, so the identity is known whatever
	// the outcome, and goes with any state set below.
	SetClientIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
	created, err := r.createOnce(ctx, body)
	if framework.CreateOutcomeUnknown(err) {
		// Keep the id in state, so that the client is not lost if the
		// portal made it: Terraform marks it tainted, the next refresh
		// finds it or drops it, and the next apply replaces it.
		plan.fromPortal(ctx, &body, &resp.Diagnostics)
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	}
	if err != nil {
		framework.AddCreateError(&resp.Diagnostics, fmt.Sprintf("Unable to create client %q", body.ClientName), err, r.Data.Environment)
		return
	}
	plan.fromPortal(ctx, created, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	if !wantActive {
		// Asked for deactivated: the client exists now, in state, whatever
		// the deactivation does; a failure shows as a change next plan.
		r.deactivate(ctx, id, &plan, &resp.State, &resp.Diagnostics)
	}
}

// createOnce creates the client so that it exists exactly once under the
// id asked for, even when the answer to the POST is lost (a 5xx or a
// dropped connection after the portal did the work), or a POST that landed
// is sent again (409): framework.CreateWithRetries, with the lookup by id
// before every POST after a lost answer. A client found under the id is:
//   - deactivated (a destroy before, or "Deaktiver" in the web portal):
//     brought back with PUT, keeping its id, as a scope is;
//   - active and the one asked for: adopted;
//   - active and another: an error that says how to import it.
//
// When it cannot tell whether the portal made the client, the error says
// so (framework.CreateOutcomeUnknown).
func (r *clientResource) createOnce(ctx context.Context, body portal.Integration) (*portal.Integration, error) {
	return framework.CreateWithRetries(ctx, r.Data.Client.RetryBudget(), framework.CreateSteps[portal.Integration]{
		Post: func(ctx context.Context) (*portal.Integration, error) {
			return r.Data.Client.CreateIntegration(ctx, body)
		},
		Lookup: func(ctx context.Context) (*portal.Integration, error) {
			return r.Data.Client.GetIntegration(ctx, body.ClientID)
		},
		Settle: func(ctx context.Context, found *portal.Integration) (*portal.Integration, error) {
			switch {
			case !found.Active:
				revived := *found
				revived.ClientSecret = ""
				layOver(&revived, body)
				return r.Data.Client.UpdateIntegration(ctx, body.ClientID, revived)
			case sameClient(found, body):
				return found, nil
			}
			return nil, fmt.Errorf("client id %s belongs to another active client, %q. To manage that client "+
				"with Terraform, import it: terraform import krr_client.<name> %s", body.ClientID, found.ClientName, body.ClientID)
		},
	})
}

// Read keeps a deactivated client in state with active = false, so that the
// plan brings it back under the same id instead of making a new one; only a
// client the portal does not know at all is removed.
func (r *clientResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state clientModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	// First, so that state from before identity gets one even when the
	// client is gone: the framework refuses a read that leaves the
	// identity empty, even one that removes the resource.
	SetClientIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
	scopes.RulesOf(r.Data).ReadFactsAhead() // the plan that follows checks the client's scopes
	found, err := r.Data.Client.GetIntegration(ctx, id)
	switch {
	case portal.IsNotFound(err):
		framework.WarnRemovedFromState(&resp.Diagnostics, "Client", id, "no longer exists in the portal")
		resp.State.RemoveResource(ctx)
		return
	case err != nil:
		framework.AddPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to read client %s", id), err, r.Data.Environment)
		return
	}
	state.fromPortal(ctx, found, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update reads the client, lays the plan over it, and writes the whole
// object back: PUT is a full replace, and fields this provider does not
// manage must survive it. active = true is sent with the PUT, which also
// brings a deactivated client back; active = false deactivates with DELETE
// after any other change, as the web portal's "Deaktiver" does.
func (r *clientResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior clientModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := plan.ID.ValueString()
	current, err := r.Data.Client.GetIntegration(ctx, id)
	if err != nil {
		framework.AddPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to read client %s before changing it", id), err, r.Data.Environment)
		return
	}
	wantActive := plan.Active.ValueBool()
	if wantActive || plan.managedFieldsDiffer(prior) {
		body := *current
		body.ClientSecret = ""
		plan.applyTo(ctx, &body, &resp.Diagnostics)
		body.Active = wantActive || current.Active
		if resp.Diagnostics.HasError() || !r.checkScopesBeforeWrite(ctx, body, "changed", &resp.Diagnostics) {
			return
		}
		if current, err = r.Data.Client.UpdateIntegration(ctx, id, body); err != nil {
			framework.AddPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to change client %s", id), err, r.Data.Environment)
			return
		}
	}
	plan.fromPortal(ctx, current, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	SetClientIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
	if !wantActive && current.Active {
		r.deactivate(ctx, id, &plan, &resp.State, &resp.Diagnostics)
	}
}

// deactivate deactivates the client (the web portal's "Deaktiver") and
// records it in state.
func (r *clientResource) deactivate(ctx context.Context, id string, m *clientModel, state *tfsdk.State, diags *diag.Diagnostics) {
	if err := r.Data.Client.DeactivateIntegration(ctx, id); err != nil {
		framework.AddPortalError(diags, fmt.Sprintf("Unable to deactivate client %s", id), err, r.Data.Environment)
		return
	}
	m.Active = types.BoolValue(false)
	diags.Append(state.Set(ctx, m)...)
}

// Delete deactivates the client (the web portal's "Deaktiver"); the portal
// never deletes one. Applying again with the same client_id brings it back.
func (r *clientResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state clientModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	if err := r.Data.Client.DeactivateIntegration(ctx, id); err != nil && !portal.IsNotFound(err) {
		framework.AddPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to deactivate client %s", id), err, r.Data.Environment)
	}
}
