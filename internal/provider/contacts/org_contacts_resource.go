package contacts

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

var (
	_ resource.ResourceWithConfigure   = (*orgContactsResource)(nil)
	_ resource.ResourceWithImportState = (*orgContactsResource)(nil)
	_ resource.ResourceWithIdentity    = (*orgContactsResource)(nil)
)

// orgContactsResource manages the organisation's merchant data
// (krr_org_contacts): one document per organisation, read with GET and
// replaced whole with PUT (portal-api.md §8). Destroy does not clear it.
type orgContactsResource struct {
	framework.ConfiguredResource
}

func newResource() resource.Resource { return &orgContactsResource{} }

func (r *orgContactsResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_org_contacts"
}

func (r *orgContactsResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = orgContactsResourceSchema()
}

// Create replaces whatever the portal holds with the plan: there is always
// exactly one document per organisation, so there is nothing to adopt or to
// conflict with.
func (r *orgContactsResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan orgContactsModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.put(ctx, plan, "Unable to set the organisation's merchant data", &resp.State, resp.Identity, &resp.Diagnostics)
}

// Update writes the whole document again: PUT is a full replace.
func (r *orgContactsResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state orgContactsModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	orgno := state.Orgno.ValueString()
	// The portal writes the caller's document: with credentials of another
	// organisation than the one in the state (and -refresh=false, which skips
	// Read's check), the PUT would overwrite that organisation's data.
	if caller, err := r.Data.Client.CallerOrgno(ctx); err == nil && orgno != "" && caller != orgno {
		addOtherOrganisationError(&resp.Diagnostics, orgno, caller)
		return
	}
	r.put(ctx, plan, fmt.Sprintf("Unable to change the merchant data of organisation %s", orgno), &resp.State, resp.Identity, &resp.Diagnostics)
}

// put sends the plan and stores the portal's answer as the new state, and
// the organisation it belongs to as the identity.
func (r *orgContactsResource) put(ctx context.Context, plan orgContactsModel, summary string,
	state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	ct, err := r.Data.Client.PutOrgContacts(ctx, plan.toPortal())
	if err != nil {
		addOrgContactsError(diags, summary, err, r.Data.Environment)
		return
	}
	orgno := contactsOrgno(ctx, r.Data, ct, diags)
	if diags.HasError() {
		return
	}
	m := orgContactsFromPortal(ct, orgno)
	diags.Append(state.Set(ctx, &m)...)
	setOrgContactsIdentity(ctx, identity, orgno, diags)
}

func (r *orgContactsResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state orgContactsModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	orgno := state.Orgno.ValueString()
	if orgno != "" {
		// First, so that state from before identity gets one even when the
		// data is gone: the framework refuses a read that leaves the
		// identity empty, even one that removes the resource.
		setOrgContactsIdentity(ctx, resp.Identity, orgno, &resp.Diagnostics)
	}
	ct, err := r.Data.Client.GetOrgContacts(ctx)
	switch {
	case MerchantDataNotSet(err):
		framework.WarnRemovedFromState(&resp.Diagnostics, "Merchant data of organisation", orgno, "is no longer set in the portal")
		resp.State.RemoveResource(ctx)
		return
	case err != nil:
		addOrgContactsError(&resp.Diagnostics, fmt.Sprintf("Unable to read the merchant data of organisation %s", orgno),
			err, r.Data.Environment)
		return
	}
	got := contactsOrgno(ctx, r.Data, ct, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if orgno != "" && got != orgno {
		addOtherOrganisationError(&resp.Diagnostics, orgno, got)
		return
	}
	state = orgContactsFromPortal(ct, got)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	setOrgContactsIdentity(ctx, resp.Identity, got, &resp.Diagnostics)
}

// Delete leaves the data in the portal and says so: clearing it would stop
// the e-mail about critical incidents, and the API has no "no merchant data"
// state to go back to anyway.
func (r *orgContactsResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state orgContactsModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.AddWarning(orgContactsLeftInPortal(state.Orgno.ValueString()))
}

// addOtherOrganisationError: the state is one organisation's merchant data,
// and the credentials act for another.
func addOtherOrganisationError(diags *diag.Diagnostics, stateOrgno, caller string) {
	diags.AddError("Merchant data of another organisation",
		fmt.Sprintf("krr_org_contacts in the state holds the merchant data of organisation %s, but the provider's "+
			"credentials act for organisation %s, and the portal reads and writes only that organisation's. Configure "+
			"the provider with credentials of organisation %s, or remove the resource from the state (terraform state "+
			"rm) and import %s's.", stateOrgno, caller, stateOrgno, caller))
}
