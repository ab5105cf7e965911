package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
)

var _ datasource.DataSourceWithConfigure = (*orgContactsDataSource)(nil)

// orgContactsDataSource reads the caller's merchant data (krr_org_contacts).
type orgContactsDataSource struct {
	configuredDataSource
}

func newOrgContactsDataSource() datasource.DataSource { return &orgContactsDataSource{} }

func (d *orgContactsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_org_contacts"
}

func (d *orgContactsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = orgContactsDataSourceSchema()
}

func (d *orgContactsDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	ct, err := d.data.Client.GetOrgContacts(ctx)
	switch {
	case merchantDataNotSet(err):
		org := "The organisation the credentials act for"
		if orgno, err := d.data.Client.CallerOrgno(ctx); err == nil {
			org = "Organisation " + orgno
		}
		resp.Diagnostics.AddError("No merchant data",
			fmt.Sprintf("%s has no merchant data in the portal's %s environment yet. Set it with the krr_org_contacts "+
				"resource, or in the web portal (\"Virksomhetens tjenester\" → the integration → \"Rediger integrasjon\").",
				org, d.data.Environment))
		return
	case err != nil:
		addOrgContactsError(&resp.Diagnostics, "Unable to read the organisation's merchant data", err, d.data.Environment)
		return
	}
	orgno := contactsOrgno(ctx, d.data, ct, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	model := orgContactsFromPortal(ct, orgno)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}
