package scopes

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

var _ datasource.DataSourceWithConfigure = (*publicScopesDataSource)(nil)

// publicScopesDataSource reads the portal's public catalogue of every
// organisation's PUBLIC scopes (GET /scopes/all, no token needed).
type publicScopesDataSource struct {
	framework.ConfiguredDataSource
}

type publicScopesModel struct {
	Prefix           types.String     `tfsdk:"prefix"`
	IncludeInactive  types.Bool       `tfsdk:"include_inactive"`
	AccessibleForAll types.Bool       `tfsdk:"accessible_for_all"`
	IntegrationType  types.String     `tfsdk:"integration_type"`
	DelegatedSources types.Bool       `tfsdk:"delegated_sources"`
	Names            types.List       `tfsdk:"names"`
	Scopes           []scopeDataModel `tfsdk:"scopes"`
}

func newPublicScopesDataSource() datasource.DataSource { return &publicScopesDataSource{} }

func (d *publicScopesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_public_scopes"
}

func (d *publicScopesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The portal's public catalogue: every organisation's `PUBLIC` scopes, sorted by name. " +
			"A public scope still needs a grant (`krr_scope_access` by its owner) unless it is `accessible_for_all`.",
		Attributes: map[string]schema.Attribute{
			"prefix": schema.StringAttribute{
				MarkdownDescription: "Only scopes under this prefix.",
				Optional:            true,
			},
			"include_inactive": schema.BoolAttribute{
				MarkdownDescription: "Whether deactivated scopes are listed too. Default false.",
				Optional:            true,
			},
			"accessible_for_all": schema.BoolAttribute{
				MarkdownDescription: "Only scopes that are (true) or are not (false) open to every organisation.",
				Optional:            true,
			},
			"integration_type": schema.StringAttribute{
				MarkdownDescription: "Only scopes a client of this integration type may carry, e.g. `maskinporten`.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOfCaseInsensitive(portal.IntegrationTypes...)},
			},
			"delegated_sources": schema.BoolAttribute{
				MarkdownDescription: "Only scopes that have (true) or have no (false) delegation source.",
				Optional:            true,
			},
			"names":  scopeNamesAttribute(),
			"scopes": scopeListAttribute(),
		},
	}
}

func (d *publicScopesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var model publicScopesModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	scopes, err := d.Data.Client.ListPublicScopes(ctx, portal.PublicScopeFilter{
		Prefix:           model.Prefix.ValueString(),
		IncludeInactive:  model.IncludeInactive.ValueBool(),
		AccessibleForAll: model.AccessibleForAll.ValueBoolPointer(),
		IntegrationType:  model.IntegrationType.ValueString(),
		DelegatedSources: model.DelegatedSources.ValueBoolPointer(),
	})
	if err != nil {
		framework.AddPortalError(&resp.Diagnostics, "Unable to read the public scope catalogue", err, d.Data.Environment)
		return
	}
	model.Names, model.Scopes = scopeListValues(ctx, scopes, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}
