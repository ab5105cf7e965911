package contacts

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

var _ datasource.DataSourceWithConfigure = (*orgContactsDataSource)(nil)

// orgContactsDataSource reads the caller's merchant data (krr_org_contacts).
type orgContactsDataSource struct {
	framework.ConfiguredDataSource
}

func newDataSource() datasource.DataSource { return &orgContactsDataSource{} }

func (d *orgContactsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_org_contacts"
}

func (d *orgContactsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = orgContactsDataSourceSchema()
}

func (d *orgContactsDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	ct, err := d.Data.Client.GetOrgContacts(ctx)
	switch {
	case MerchantDataNotSet(err):
		org := "The organisation the credentials act for"
		if orgno, err := d.Data.Client.CallerOrgno(ctx); err == nil {
			org = "Organisation " + orgno
		}
		resp.Diagnostics.AddError("No merchant data",
			fmt.Sprintf("%s has no merchant data in the portal's %s environment yet. Set it with the krr_org_contacts "+
				"resource, or in the web portal (\"Virksomhetens tjenester\" → the integration → \"Rediger integrasjon\").",
				org, d.Data.Environment))
		return
	case err != nil:
		addOrgContactsError(&resp.Diagnostics, "Unable to read the organisation's merchant data", err, d.Data.Environment)
		return
	}
	orgno := contactsOrgno(ctx, d.Data, ct, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	model := orgContactsFromPortal(ct, orgno)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}
