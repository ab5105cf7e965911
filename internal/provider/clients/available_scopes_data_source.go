package clients

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/scopes"
)

var _ datasource.DataSourceWithConfigure = (*availableScopesDataSource)(nil)

// availableScopesDataSource lists what the organisation may put on a
// client: the web portal's "Legg til scopes" list.
type availableScopesDataSource struct {
	framework.ConfiguredDataSource
}

type availableScopesModel struct {
	IntegrationType types.String          `tfsdk:"integration_type"`
	Orgno           types.String          `tfsdk:"orgno"`
	Names           types.List            `tfsdk:"names"`
	Scopes          []availableScopeModel `tfsdk:"scopes"`
}

type availableScopeModel struct {
	Name                    types.String `tfsdk:"name"`
	Source                  types.String `tfsdk:"source"`
	OwnerOrgno              types.String `tfsdk:"owner_orgno"`
	Description             types.String `tfsdk:"description"`
	AllowedIntegrationTypes types.Set    `tfsdk:"allowed_integration_types"`
}

func newAvailableScopesDataSource() datasource.DataSource { return &availableScopesDataSource{} }

func (d *availableScopesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_available_scopes"
}

func (d *availableScopesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.Attribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The scopes the organisation the credentials act for may put on a client: its own, " +
			"those other organisations gave it access to, and those open to all; sorted by name. A scope you " +
			"expected and do not find has not been shared with the organisation in this environment: ask the " +
			"API provider.",
		Attributes: map[string]schema.Attribute{
			"integration_type": schema.StringAttribute{
				MarkdownDescription: "Only scopes a client of this integration type may carry, e.g. `maskinporten`.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOfCaseInsensitive(portal.IntegrationTypes...)},
			},
			"orgno": str("The organisation the credentials act for."),
			"names": schema.ListAttribute{
				MarkdownDescription: "The scopes' names, sorted.",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"scopes": schema.ListNestedAttribute{
				MarkdownDescription: "Each scope, sorted by name.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name":        str("The scope's full name."),
					"source":      str("Why the organisation may use it: `own`, `granted` or `open` (accessible for all)."),
					"owner_orgno": str("The organisation that owns it."),
					"description": str("Its description, when the portal shows it (not for private scopes of others)."),
					"allowed_integration_types": schema.SetAttribute{
						Computed: true, ElementType: types.StringType,
						MarkdownDescription: "The kinds of client that may carry it; empty means any (or unknown, for others' private scopes).",
					},
				}},
			},
		},
	}
}

func (d *availableScopesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var model availableScopesModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// A fresh read: the data source is often read after a grant made in the
	// same apply (depends_on), which earlier checks' copy would not hold.
	orgno, available, err := scopes.RulesOf(d.Data).Available(ctx)
	if err != nil {
		framework.AddPortalError(&resp.Diagnostics, "Unable to list the scopes the organisation may use", err, d.Data.Environment)
		return
	}
	integrationType := model.IntegrationType.ValueString()
	names := []string{}
	model.Scopes = []availableScopeModel{}
	for _, s := range available {
		if integrationType != "" && !s.Allows(integrationType) {
			continue
		}
		allowed, diags := types.SetValueFrom(ctx, types.StringType, framework.NonNilStrings(s.AllowedIntegrationTypes))
		resp.Diagnostics.Append(diags...)
		names = append(names, s.Name)
		model.Scopes = append(model.Scopes, availableScopeModel{
			Name:                    types.StringValue(s.Name),
			Source:                  types.StringValue(s.Source),
			OwnerOrgno:              types.StringValue(s.OwnerOrgno),
			Description:             types.StringValue(s.Description),
			AllowedIntegrationTypes: allowed,
		})
	}
	list, diags := types.ListValueFrom(ctx, types.StringType, names)
	resp.Diagnostics.Append(diags...)
	model.Orgno, model.Names = types.StringValue(orgno), list
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}
