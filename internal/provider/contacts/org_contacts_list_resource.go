package contacts

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

var _ list.ListResourceWithConfigure = (*orgContactsListResource)(nil)

// orgContactsListResource lists the organisation's merchant data
// (Terraform 1.14+): one result when it is set, none when it is not, so
// that a query of the whole organisation brings it under Terraform too.
type orgContactsListResource struct {
	framework.ConfiguredResource
}

func newOrgContactsList() list.ListResource { return &orgContactsListResource{} }

func (r *orgContactsListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_org_contacts"
}

func (r *orgContactsListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "The merchant data of the organisation the credentials act for, as `krr_org_contacts` " +
			"holds it: one result when it is set in the portal, none when it is not.",
	}
}

func (r *orgContactsListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	ct, err := r.Data.Client.GetOrgContacts(ctx)
	switch {
	case MerchantDataNotSet(err):
		stream.Results = list.NoListResults
		return
	case err != nil:
		var diags diag.Diagnostics
		addOrgContactsError(&diags, "Unable to read the organisation's merchant data", err, r.Data.Environment)
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	var diags diag.Diagnostics
	orgno := contactsOrgno(ctx, r.Data, ct, &diags)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = framework.ListResults(ctx, req, []*portal.OrgContacts{ct}, func(ct *portal.OrgContacts, result *list.ListResult, includeResource bool) {
		result.DisplayName = fmt.Sprintf("merchant data of organisation %s", orgno)
		setOrgContactsIdentity(ctx, result.Identity, orgno, &result.Diagnostics)
		if includeResource {
			m := orgContactsFromPortal(ct, orgno)
			result.Diagnostics.Append(result.Resource.Set(ctx, &m)...)
		}
	})
}
