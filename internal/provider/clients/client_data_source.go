package clients

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

var _ datasource.DataSourceWithConfigure = (*clientDataSource)(nil)

// clientDataSource reads one of the organisation's clients by id, active
// or not.
type clientDataSource struct {
	framework.ConfiguredDataSource
}

func newDataSource() datasource.DataSource { return &clientDataSource{} }

func (d *clientDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_client"
}

func (d *clientDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := listedClientAttributes()
	attrs["client_id"] = schema.StringAttribute{
		MarkdownDescription: "The client id.",
		Required:            true,
		Validators:          []validator.String{ClientIDFormat()},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One of the organisation's clients (integrations), of any kind (Maskinporten, KRR, ID-porten, API-klient, " +
			"Ansattporten), by client id, active or deactivated.",
		Attributes: attrs,
	}
}

func (d *clientDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config listedClientModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := config.ClientID.ValueString()
	found, err := d.Data.Client.GetIntegration(ctx, id)
	if portal.IsNotFound(err) {
		resp.Diagnostics.AddAttributeError(path.Root("client_id"), "Client not found",
			fmt.Sprintf("The organisation has no client %s in the %s environment.", id, d.Data.Environment))
		return
	}
	if err != nil {
		framework.AddPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to read client %s", id), err, d.Data.Environment)
		return
	}
	model := listedClientFromPortal(ctx, found, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}
