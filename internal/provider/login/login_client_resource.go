package login

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/clients"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/scopes"
)

var (
	_ resource.ResourceWithConfigure   = (*loginClientResource)(nil)
	_ resource.ResourceWithImportState = (*loginClientResource)(nil)
	_ resource.ResourceWithIdentity    = (*loginClientResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*loginClientResource)(nil)
)

// loginClientResource manages one login client (krr_login_client).
type loginClientResource struct {
	framework.ConfiguredResource
}

func newLoginClientResource() resource.Resource { return &loginClientResource{} }

func (r *loginClientResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_login_client"
}

func (r *loginClientResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = loginClientSchema()
}

// rulesHoldBeforeWrite is the apply-time half of the plan's checks: with
// every value known now, each rule the plan could not decide is decided
// here, before the client is written. It returns false, with the errors,
// when the write must not go.
func (r *loginClientResource) rulesHoldBeforeWrite(ctx context.Context, plan loginClientModel, body portal.Integration, verb string, diags *diag.Diagnostics) bool {
	broken := combinationRules(plan, r.Data.Environment == "prod")
	for _, b := range broken {
		diags.AddAttributeError(b.attr, b.summary, fmt.Sprintf("%s Nothing was written: login client %q has not been %s.",
			b.detail, body.ClientName, verb))
	}
	return len(broken) == 0 && r.scopesUsableBeforeWrite(ctx, body, verb, diags)
}

func (r *loginClientResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan loginClientModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := framework.KnownString(plan.ClientID)
	if id == "" {
		var err error
		if id, err = clients.NewClientID(); err != nil {
			resp.Diagnostics.AddError("Unable to make a client id", err.Error())
			return
		}
	}
	body := portal.Integration{ClientID: id}
	plan.applyTo(ctx, &body, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || !r.rulesHoldBeforeWrite(ctx, plan, body, "created", &resp.Diagnostics) {
		return
	}
	wantActive := plan.Active.ValueBool()
	// The id is chosen before the POST, so the identity is known whatever
	// the outcome, and goes with any state set below.
	clients.SetClientIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
	created, err := loginKind.CreateOnce(ctx, r.Data, body)
	if framework.CreateOutcomeUnknown(err) {
		// Keep the id in state, so that the client is not lost if the
		// portal made it: Terraform marks it tainted, the next refresh
		// finds it or drops it, and the next apply replaces it.
		plan.fromPortal(ctx, &body, &resp.Diagnostics)
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	}
	if err != nil {
		framework.AddCreateError(&resp.Diagnostics, fmt.Sprintf("Unable to create login client %q", body.ClientName), err, r.Data.Environment)
		return
	}
	// The answer of a client_secret_* create carries the generated secret,
	// once. It is dropped here: krr_client_secret makes and holds the
	// secret, so that it is in state only where the user asked for it.
	created.ClientSecret = ""
	plan.fromPortal(ctx, created, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	if !wantActive {
		r.deactivate(ctx, id, &plan, &resp.State, &resp.Diagnostics)
	}
}

// loginKind is krr_login_client's kind of client (clients.Kind).
var loginKind = clients.Kind{
	TypeName: "krr_login_client",
	Noun:     "login client",
	Revive: func(found *portal.Integration, planned portal.Integration) portal.Integration {
		revived := *found
		copyManaged(&revived, planned)
		return revived
	},
	Same: sameLoginClient,
}

// copyManaged lays the fields krr_login_client manages from planned over
// in, keeping the rest of what the portal holds.
func copyManaged(in *portal.Integration, planned portal.Integration) {
	keep := *in
	*in = planned
	in.ClientURI = keep.ClientURI
	in.ClientOrgno, in.SupplierOrgno = keep.ClientOrgno, keep.SupplierOrgno
	in.Created, in.LastUpdated, in.JWKSURI = keep.Created, keep.LastUpdated, keep.JWKSURI
	in.Active = true
}

// Read keeps a deactivated client in state with active = false, so that the
// plan brings it back under the same id; only a client the portal does not
// know at all is removed.
func (r *loginClientResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state loginClientModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	// First, so that state from before identity gets one even when the
	// client is gone: the framework refuses a read that leaves the
	// identity empty, even one that removes the resource.
	clients.SetClientIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
	scopes.RulesOf(r.Data).ReadFactsAhead() // the plan that follows checks the client's scopes
	found, gone := loginKind.Read(ctx, r.Data, id, &resp.Diagnostics)
	switch {
	case gone:
		resp.State.RemoveResource(ctx)
		return
	case found == nil:
		return
	case !slices.Contains(loginIntegrationTypes, found.IntegrationType):
		resp.Diagnostics.AddError(fmt.Sprintf("Client %s is not a login client", id), fmt.Sprintf(
			"Client %s (%s) has integration_type %q; krr_login_client manages idporten, api_klient and ansattporten "+
				"clients. Manage maskinporten and krr clients with krr_client.", id, found.ClientName, found.IntegrationType))
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
// after any other change.
func (r *loginClientResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior loginClientModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := plan.ID.ValueString()
	wantActive := plan.Active.ValueBool()
	current := loginKind.Update(ctx, r.Data, id, wantActive, plan.managedFieldsDiffer(prior),
		func(body *portal.Integration) { plan.applyTo(ctx, body, &resp.Diagnostics) },
		func(body portal.Integration) bool {
			return r.rulesHoldBeforeWrite(ctx, plan, body, "changed", &resp.Diagnostics)
		},
		&resp.Diagnostics)
	if current == nil {
		return
	}
	plan.fromPortal(ctx, current, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	clients.SetClientIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
	if !wantActive && current.Active {
		r.deactivate(ctx, id, &plan, &resp.State, &resp.Diagnostics)
	}
}

// deactivate deactivates the client (the web portal's "Deaktiver") and
// records it in state.
func (r *loginClientResource) deactivate(ctx context.Context, id string, m *loginClientModel, state *tfsdk.State, diags *diag.Diagnostics) {
	if loginKind.Deactivate(ctx, r.Data, id, false, diags) {
		m.Active = types.BoolValue(false)
		diags.Append(state.Set(ctx, m)...)
	}
}

// Delete deactivates the client; the portal never deletes one. Applying
// again with the same client_id brings it back.
func (r *loginClientResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state loginClientModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if !resp.Diagnostics.HasError() {
		loginKind.Deactivate(ctx, r.Data, state.ID.ValueString(), true, &resp.Diagnostics)
	}
}
