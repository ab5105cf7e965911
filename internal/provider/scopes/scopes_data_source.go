package scopes

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

var _ datasource.DataSourceWithConfigure = (*scopesDataSource)(nil)

// scopesDataSource lists the organisation's own scopes.
type scopesDataSource struct {
	framework.ConfiguredDataSource
}

type scopesModel struct {
	Prefix          types.String     `tfsdk:"prefix"`
	IncludeInactive types.Bool       `tfsdk:"include_inactive"`
	Names           types.List       `tfsdk:"names"`
	Scopes          []scopeDataModel `tfsdk:"scopes"`
}

func newScopesDataSource() datasource.DataSource { return &scopesDataSource{} }

func (d *scopesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_scopes"
}

func (d *scopesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The scopes the organisation owns, sorted by name.",
		Attributes: map[string]schema.Attribute{
			"prefix": schema.StringAttribute{
				MarkdownDescription: "Only the scopes under this prefix.",
				Optional:            true,
			},
			"include_inactive": schema.BoolAttribute{
				MarkdownDescription: "Whether deactivated scopes are listed too. Default false.",
				Optional:            true,
			},
			"names":  scopeNamesAttribute(),
			"scopes": scopeListAttribute(),
		},
	}
}

func (d *scopesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var model scopesModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	scopes, err := d.Data.Client.ListScopes(ctx, model.IncludeInactive.ValueBool())
	if err != nil {
		framework.AddPortalError(&resp.Diagnostics, "Unable to list the organisation's scopes", err, d.Data.Environment)
		return
	}
	if prefix := model.Prefix.ValueString(); prefix != "" {
		scopes = slices.DeleteFunc(scopes, func(s portal.Scope) bool { return s.Prefix != prefix })
	}
	model.Names, model.Scopes = scopeListValues(ctx, scopes, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}

func scopeNamesAttribute() schema.ListAttribute {
	return schema.ListAttribute{
		MarkdownDescription: "The scopes' names, sorted.",
		Computed:            true,
		ElementType:         types.StringType,
	}
}

func scopeListAttribute() schema.ListNestedAttribute {
	return schema.ListNestedAttribute{
		MarkdownDescription: "Each scope, sorted by name.",
		Computed:            true,
		NestedObject:        schema.NestedAttributeObject{Attributes: scopeDataAttributes()},
	}
}

// scopeListValues sorts scopes by name and renders them for a list
// data source.
func scopeListValues(ctx context.Context, scopes []portal.Scope, diags *diag.Diagnostics) (types.List, []scopeDataModel) {
	slices.SortFunc(scopes, func(a, b portal.Scope) int { return strings.Compare(a.Name, b.Name) })
	names := make([]string, 0, len(scopes))
	models := make([]scopeDataModel, 0, len(scopes))
	for i := range scopes {
		names = append(names, scopes[i].Name)
		models = append(models, scopeDataFromPortal(ctx, &scopes[i], diags))
	}
	list, d := types.ListValueFrom(ctx, types.StringType, names)
	diags.Append(d...)
	return list, models
}
