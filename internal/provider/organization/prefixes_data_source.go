package organization

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

var _ datasource.DataSourceWithConfigure = (*prefixesDataSource)(nil)

// prefixesDataSource lists the scope prefixes of the organisation the
// credentials act for. Scopes can only be made under one of them.
type prefixesDataSource struct {
	framework.ConfiguredDataSource
}

type prefixesModel struct {
	Orgno    types.String  `tfsdk:"orgno"`
	Names    types.List    `tfsdk:"names"`
	Prefixes []prefixModel `tfsdk:"prefixes"`
}

type prefixModel struct {
	Prefix           types.String `tfsdk:"prefix"`
	OwnerOrgno       types.String `tfsdk:"owner_orgno"`
	OrganizationName types.String `tfsdk:"organization_name"`
	Active           types.Bool   `tfsdk:"active"`
	Created          types.String `tfsdk:"created"`
	LastUpdated      types.String `tfsdk:"last_updated"`
}

func newPrefixesDataSource() datasource.DataSource { return &prefixesDataSource{} }

func (d *prefixesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_prefixes"
}

func (d *prefixesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The scope prefixes of the organisation the provider's credentials act for. Scopes are " +
			"created under one of them. Prefixes are given out by Digdir on request, never through the API: an " +
			"organisation without one gets an empty list and a warning that says how to ask for one.",
		Attributes: map[string]schema.Attribute{
			"orgno": schema.StringAttribute{
				MarkdownDescription: "The organisation the credentials act for.",
				Computed:            true,
			},
			"names": schema.ListAttribute{
				MarkdownDescription: "The prefixes' names, sorted.",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"prefixes": schema.ListNestedAttribute{
				MarkdownDescription: "Each prefix, sorted by name.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"prefix":            schema.StringAttribute{Computed: true, MarkdownDescription: "The prefix, the part of a scope name before `:`."},
						"owner_orgno":       schema.StringAttribute{Computed: true, MarkdownDescription: "The organisation that owns it."},
						"organization_name": schema.StringAttribute{Computed: true, MarkdownDescription: "The owner's name."},
						"active":            schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether scopes can be created under it."},
						"created":           schema.StringAttribute{Computed: true, MarkdownDescription: "When it was given out (ISO 8601)."},
						"last_updated":      schema.StringAttribute{Computed: true, MarkdownDescription: "When it last changed (ISO 8601)."},
					},
				},
			},
		},
	}
}

func (d *prefixesDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	orgno, err := d.Data.Client.CallerOrgno(ctx)
	if err != nil {
		framework.AddPortalError(&resp.Diagnostics, "Unable to tell which organisation the credentials act for", err, d.Data.Environment)
		return
	}
	prefixes, err := d.Data.Client.ListPrefixes(ctx)
	if err != nil {
		framework.AddPortalError(&resp.Diagnostics, "Unable to list the organisation's scope prefixes", err, d.Data.Environment)
		return
	}
	slices.SortFunc(prefixes, func(a, b portal.Prefix) int { return strings.Compare(a.Prefix, b.Prefix) })

	model := prefixesModel{Orgno: types.StringValue(orgno), Prefixes: make([]prefixModel, 0, len(prefixes))}
	names := make([]string, 0, len(prefixes))
	for _, p := range prefixes {
		names = append(names, p.Prefix)
		model.Prefixes = append(model.Prefixes, prefixModel{
			Prefix:           types.StringValue(p.Prefix),
			OwnerOrgno:       types.StringValue(p.OwnerOrgno),
			OrganizationName: types.StringValue(p.OrganizationName),
			Active:           types.BoolValue(p.Active),
			Created:          types.StringValue(p.Created),
			LastUpdated:      types.StringValue(p.LastUpdated),
		})
	}
	list, diags := types.ListValueFrom(ctx, types.StringType, names)
	resp.Diagnostics.Append(diags...)
	model.Names = list

	if len(prefixes) == 0 {
		resp.Diagnostics.AddWarning("The organisation has no scope prefix", framework.NoPrefixMessage(orgno, d.Data.Environment))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}
