package contacts

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

// orgContactsIdentityModel is krr_org_contacts' identity: the organisation
// whose merchant data it is. There is one document per organisation, and
// Read refuses one of another organisation, so the identity holds for the
// resource's whole life.
type orgContactsIdentityModel struct {
	Orgno types.String `tfsdk:"orgno"`
}

func (r *orgContactsResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"orgno": identityschema.StringAttribute{RequiredForImport: true,
				Description: "The organisation number (9 digits, valid check digit) of the organisation the " +
					"provider's credentials act for."},
		},
	}
}

func setOrgContactsIdentity(ctx context.Context, identity *tfsdk.ResourceIdentity, orgno string, diags *diag.Diagnostics) {
	diags.Append(identity.Set(ctx, orgContactsIdentityModel{Orgno: types.StringValue(orgno)})...)
}

// ImportState takes the organisation number, as the import ID or as the
// identity's orgno, which must be the one the credentials act for: the
// portal shows no other organisation's merchant data.
func (r *orgContactsResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := strings.TrimSpace(framework.ImportedString(ctx, req, "orgno", &resp.Diagnostics))
	if resp.Diagnostics.HasError() {
		return
	}
	if framework.ByIdentity(req) {
		framework.CheckIdentityOrgno(&resp.Diagnostics, "krr_org_contacts", "orgno", id)
	} else if err := portal.ValidOrgno(id); err != nil {
		resp.Diagnostics.AddError("Invalid import ID for krr_org_contacts",
			fmt.Sprintf("The import ID is the organisation number, 9 digits with a valid mod-11 check digit: %s.", err))
	}
	if resp.Diagnostics.HasError() {
		return
	}
	// Should the token not tell (an opaque static token), Read checks the
	// portal's answer against the number instead.
	if r.Data != nil {
		if caller, err := r.Data.Client.CallerOrgno(ctx); err == nil && caller != id {
			resp.Diagnostics.AddError("Cannot import another organisation's merchant data",
				fmt.Sprintf("The import %s is organisation %s, but the provider's credentials act for organisation %s, "+
					"and the portal shows only that organisation's merchant data. Import %s, or configure the provider "+
					"with credentials of organisation %s.", importedBy(req), id, caller, caller, id))
			return
		}
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("orgno"), id)...)
	setOrgContactsIdentity(ctx, resp.Identity, id, &resp.Diagnostics)
}

// importedBy names what an import gave, for a message: "ID" or "identity".
func importedBy(req resource.ImportStateRequest) string {
	if framework.ByIdentity(req) {
		return "identity"
	}
	return "ID"
}
