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
	created, err := clientKind.CreateOnce(ctx, r.Data, body)
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

// clientKind is krr_client's kind of client (integration_lifecycle.go).
var clientKind = Kind{
	TypeName: "krr_client",
	Noun:     "client",
	Revive: func(found *portal.Integration, planned portal.Integration) portal.Integration {
		revived := *found
		layOver(&revived, planned)
		return revived
	},
	Same: sameClient,
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
	found, gone := clientKind.Read(ctx, r.Data, id, &resp.Diagnostics)
	if gone {
		resp.State.RemoveResource(ctx)
	}
	if found == nil {
		return
	}
	read := state
	read.fromPortal(ctx, found, &resp.Diagnostics)
	framework.SetIfChanged(ctx, &resp.State, &read, &state, &resp.Diagnostics)
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
	wantActive := plan.Active.ValueBool()
	current := clientKind.Update(ctx, r.Data, id, wantActive, plan.managedFieldsDiffer(prior),
		func(body *portal.Integration) { plan.applyTo(ctx, body, &resp.Diagnostics) },
		func(body portal.Integration) bool {
			return r.checkScopesBeforeWrite(ctx, body, "changed", &resp.Diagnostics)
		},
		&resp.Diagnostics)
	if current == nil {
		return
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
	if clientKind.Deactivate(ctx, r.Data, id, false, diags) {
		m.Active = types.BoolValue(false)
		diags.Append(state.Set(ctx, m)...)
	}
}

// Delete deactivates the client (the web portal's "Deaktiver"); the portal
// never deletes one. Applying again with the same client_id brings it back.
func (r *clientResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state clientModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if !resp.Diagnostics.HasError() {
		clientKind.Deactivate(ctx, r.Data, state.ID.ValueString(), true, &resp.Diagnostics)
	}
}
