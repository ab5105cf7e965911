package contacts

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

var (
	_ resource.ResourceWithConfigure   = (*orgContactsResource)(nil)
	_ resource.ResourceWithImportState = (*orgContactsResource)(nil)
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
	r.put(ctx, plan, "Unable to set the organisation's merchant data", resp.State.Set, &resp.Diagnostics)
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
	r.put(ctx, plan, fmt.Sprintf("Unable to change the merchant data of organisation %s", orgno), resp.State.Set, &resp.Diagnostics)
}

// put sends the plan and stores the portal's answer as the new state.
func (r *orgContactsResource) put(ctx context.Context, plan orgContactsModel, summary string,
	set func(context.Context, any) diag.Diagnostics, diags *diag.Diagnostics) {
	ct, err := r.Data.Client.PutOrgContacts(ctx, plan.toPortal())
	if err != nil {
		addOrgContactsError(diags, summary, err, r.Data.Environment)
		return
	}
	orgno := contactsOrgno(ctx, r.Data, ct, diags)
	if diags.HasError() {
		return
	}
	state := orgContactsFromPortal(ct, orgno)
	diags.Append(set(ctx, &state)...)
}

func (r *orgContactsResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state orgContactsModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	orgno := state.Orgno.ValueString()
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

// ImportState takes the organisation number, which must be the one the
// credentials act for: the portal shows no other organisation's merchant data.
func (r *orgContactsResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := strings.TrimSpace(req.ID)
	if err := portal.ValidOrgno(id); err != nil {
		resp.Diagnostics.AddError("Invalid import ID for krr_org_contacts",
			fmt.Sprintf("The import ID is the organisation number, 9 digits with a valid mod-11 check digit: %s.", err))
		return
	}
	// Should the token not tell (an opaque static token), Read checks the
	// portal's answer against the number instead.
	if r.Data != nil {
		if caller, err := r.Data.Client.CallerOrgno(ctx); err == nil && caller != id {
			resp.Diagnostics.AddError("Cannot import another organisation's merchant data",
				fmt.Sprintf("The import ID is organisation %s, but the provider's credentials act for organisation %s, "+
					"and the portal shows only that organisation's merchant data. Import %s, or configure the provider "+
					"with credentials of organisation %s.", id, caller, caller, id))
			return
		}
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("orgno"), id)...)
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
