package clients

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

var _ datasource.DataSourceWithConfigure = (*clientsDataSource)(nil)

// clientsDataSource lists the organisation's clients.
type clientsDataSource struct {
	framework.ConfiguredDataSource
}

type clientsModel struct {
	IntegrationType types.String        `tfsdk:"integration_type"`
	IncludeInactive types.Bool          `tfsdk:"include_inactive"`
	ClientIDs       types.List          `tfsdk:"client_ids"`
	Clients         []listedClientModel `tfsdk:"clients"`
}

func newClientsDataSource() datasource.DataSource { return &clientsDataSource{} }

func (d *clientsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_clients"
}

func (d *clientsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The organisation's clients (integrations) of every kind, the login clients of `krr_login_client` " +
			"too, sorted by name, then id.",
		Attributes: map[string]schema.Attribute{
			"integration_type": schema.StringAttribute{
				MarkdownDescription: "Only clients of this integration type, e.g. `maskinporten` or `api_klient`.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOfCaseInsensitive(portal.IntegrationTypes...)},
			},
			"include_inactive": schema.BoolAttribute{
				MarkdownDescription: "Whether deactivated clients are listed too. Default false.",
				Optional:            true,
			},
			"client_ids": schema.ListAttribute{
				MarkdownDescription: "The clients' ids, in the order of `clients`.",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"clients": schema.ListNestedAttribute{
				MarkdownDescription: "Each client.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: listedClientAttributes()},
			},
		},
	}
}

func (d *clientsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var model clientsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	clients, err := d.Data.Client.ListIntegrations(ctx, model.IncludeInactive.ValueBool())
	if err != nil {
		framework.AddPortalError(&resp.Diagnostics, "Unable to list the organisation's clients", err, d.Data.Environment)
		return
	}
	if t := model.IntegrationType.ValueString(); t != "" {
		clients = slices.DeleteFunc(clients, func(c portal.Integration) bool { return !strings.EqualFold(c.IntegrationType, t) })
	}
	slices.SortFunc(clients, func(a, b portal.Integration) int {
		if c := strings.Compare(a.ClientName, b.ClientName); c != 0 {
			return c
		}
		return strings.Compare(a.ClientID, b.ClientID)
	})
	ids := make([]string, 0, len(clients))
	model.Clients = make([]listedClientModel, 0, len(clients))
	for i := range clients {
		ids = append(ids, clients[i].ClientID)
		model.Clients = append(model.Clients, listedClientFromPortal(ctx, &clients[i], &resp.Diagnostics))
	}
	list, diags := types.ListValueFrom(ctx, types.StringType, ids)
	resp.Diagnostics.Append(diags...)
	model.ClientIDs = list
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}
