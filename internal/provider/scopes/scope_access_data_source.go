package scopes

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

var _ datasource.DataSourceWithConfigure = (*scopeAccessDataSource)(nil)

// scopeAccessDataSource lists every grant of one of the organisation's
// scopes, in every state.
type scopeAccessDataSource struct {
	framework.ConfiguredDataSource
}

type scopeAccessListModel struct {
	Scope             types.String       `tfsdk:"scope"`
	ApprovedConsumers types.Set          `tfsdk:"approved_consumers"`
	Grants            []accessGrantModel `tfsdk:"grants"`
}

type accessGrantModel struct {
	ConsumerOrgno            types.String `tfsdk:"consumer_orgno"`
	ConsumerOrganizationName types.String `tfsdk:"consumer_organization_name"`
	State                    types.String `tfsdk:"state"`
	Created                  types.String `tfsdk:"created"`
	LastUpdated              types.String `tfsdk:"last_updated"`
}

func newAccessDataSource() datasource.DataSource { return &scopeAccessDataSource{} }

func (d *scopeAccessDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_scope_access"
}

func (d *scopeAccessDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) schema.Attribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Every grant of one of the organisation's scopes: who has access (`APPROVED`), who " +
			"asked (`REQUESTED`), and whose access was revoked (`DENIED`).",
		Attributes: map[string]schema.Attribute{
			"scope": schema.StringAttribute{
				MarkdownDescription: "The scope's full name, `prefix:subscope`.",
				Required:            true,
				Validators:          []validator.String{NameValidator{}},
			},
			"approved_consumers": schema.SetAttribute{
				MarkdownDescription: "The organisation numbers that have access now.",
				Computed:            true,
				ElementType:         types.StringType,
			},
			"grants": schema.ListNestedAttribute{
				MarkdownDescription: "Every grant, sorted by organisation number.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"consumer_orgno":             str("The organisation given access."),
					"consumer_organization_name": str("Its name, when the portal knows it."),
					"state":                      str("`APPROVED`, `REQUESTED` or `DENIED`."),
					"created":                    str("When the grant was first made (ISO 8601)."),
					"last_updated":               str("When it last changed (ISO 8601)."),
				}},
			},
		},
	}
}

func (d *scopeAccessDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var model scopeAccessListModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	scope := model.Scope.ValueString()
	grants, err := d.Data.Client.ListScopeAccess(ctx, scope)
	if err != nil {
		framework.AddPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to list the grants of scope %s", scope), err, d.Data.Environment)
		return
	}
	slices.SortFunc(grants, func(a, b portal.AccessGrant) int { return strings.Compare(a.ConsumerOrgno, b.ConsumerOrgno) })
	approved := []string{}
	model.Grants = make([]accessGrantModel, 0, len(grants))
	for _, g := range grants {
		if g.State == portal.GrantApproved {
			approved = append(approved, g.ConsumerOrgno)
		}
		model.Grants = append(model.Grants, accessGrantModel{
			ConsumerOrgno:            types.StringValue(g.ConsumerOrgno),
			ConsumerOrganizationName: types.StringValue(g.ConsumerOrganizationName),
			State:                    types.StringValue(g.State),
			Created:                  types.StringValue(g.Created),
			LastUpdated:              types.StringValue(g.LastUpdated),
		})
	}
	set, diags := types.SetValueFrom(ctx, types.StringType, approved)
	resp.Diagnostics.Append(diags...)
	model.ApprovedConsumers = set
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}
