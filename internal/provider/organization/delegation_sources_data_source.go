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

var _ datasource.DataSourceWithConfigure = (*delegationSourcesDataSource)(nil)

// delegationSourcesDataSource lists the delegation sources a scope's
// delegation_source may name.
type delegationSourcesDataSource struct {
	framework.ConfiguredDataSource
}

type delegationSourcesModel struct {
	Sources []delegationSourceModel `tfsdk:"sources"`
}

type delegationSourceModel struct {
	Name   types.String `tfsdk:"name"`
	Issuer types.String `tfsdk:"issuer"`
}

func newDelegationSourcesDataSource() datasource.DataSource { return &delegationSourcesDataSource{} }

func (d *delegationSourcesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_delegation_sources"
}

func (d *delegationSourcesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The delegation sources (such as Altinn) that a scope's `delegation_source` can name.",
		Attributes: map[string]schema.Attribute{
			"sources": schema.ListNestedAttribute{
				MarkdownDescription: "Each source, sorted by name.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name":   schema.StringAttribute{Computed: true, MarkdownDescription: "The source's name, e.g. `altinn`."},
					"issuer": schema.StringAttribute{Computed: true, MarkdownDescription: "Its issuer URL, the value for `delegation_source`."},
				}},
			},
		},
	}
}

func (d *delegationSourcesDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	sources, err := d.Data.Client.ListDelegationSources(ctx)
	if err != nil {
		framework.AddPortalError(&resp.Diagnostics, "Unable to list the delegation sources", err, d.Data.Environment)
		return
	}
	slices.SortFunc(sources, func(a, b portal.DelegationSource) int { return strings.Compare(a.Name, b.Name) })
	model := delegationSourcesModel{Sources: make([]delegationSourceModel, 0, len(sources))}
	for _, s := range sources {
		model.Sources = append(model.Sources, delegationSourceModel{Name: types.StringValue(s.Name), Issuer: types.StringValue(s.Issuer)})
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}
