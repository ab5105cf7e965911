package organization

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

var _ datasource.DataSourceWithConfigure = (*organizationDataSource)(nil)

// organizationDataSource answers "which organisation do these credentials
// act for?" (the seed FAQ's "I see another organisation's integrations"),
// or looks up any organisation by number.
type organizationDataSource struct {
	framework.ConfiguredDataSource
}

type organizationModel struct {
	Orgno    types.String `tfsdk:"orgno"`
	Name     types.String `tfsdk:"name"`
	IsCaller types.Bool   `tfsdk:"is_caller"`
}

func newDataSource() datasource.DataSource { return &organizationDataSource{} }

func (d *organizationDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_organization"
}

func (d *organizationDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An organisation: by default the one the provider's credentials act for (the " +
			"`consumer` of its access token), or the one given by `orgno`. Use it to check that the provider " +
			"manages the organisation you expect.",
		Attributes: map[string]schema.Attribute{
			"orgno": schema.StringAttribute{
				MarkdownDescription: "The organisation number (9 digits with a valid check digit). Leave it out for the " +
					"organisation the credentials act for.",
				Optional:   true,
				Computed:   true,
				Validators: []validator.String{framework.OrgnoValidator{}},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "The organisation's name in the portal's register.",
				Computed:            true,
			},
			"is_caller": schema.BoolAttribute{
				MarkdownDescription: "Whether this is the organisation the provider's credentials act for.",
				Computed:            true,
			},
		},
	}
}

func (d *organizationDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var model organizationModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}

	caller, err := d.Data.Client.CallerOrgno(ctx)
	if err != nil {
		framework.AddPortalError(&resp.Diagnostics, "Unable to tell which organisation the credentials act for", err, d.Data.Environment)
		return
	}
	orgno := model.Orgno.ValueString()
	if orgno == "" {
		orgno = caller
	}

	org, err := d.Data.Client.GetOrganization(ctx, orgno)
	switch {
	case portal.IsNotFound(err):
		resp.Diagnostics.AddAttributeError(framework.PathOrgno, "Organisation not found",
			fmt.Sprintf("The portal knows no organisation %s in the %s environment.", orgno, d.Data.Environment))
		return
	case err != nil:
		framework.AddPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to read organisation %s", orgno), err, d.Data.Environment)
		return
	}

	model.Orgno = types.StringValue(orgno)
	model.Name = types.StringValue(org.Name)
	model.IsCaller = types.BoolValue(orgno == caller)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}
