package scopes

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

var _ datasource.DataSourceWithConfigure = (*scopeDataSource)(nil)

// scopeDataSource reads one of the organisation's scopes by name, active or
// not.
type scopeDataSource struct {
	framework.ConfiguredDataSource
}

func newDataSource() datasource.DataSource { return &scopeDataSource{} }

func (d *scopeDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_scope"
}

func (d *scopeDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := scopeDataAttributes()
	attrs["name"] = schema.StringAttribute{
		MarkdownDescription: "The scope's full name, `prefix:subscope`.",
		Required:            true,
		Validators:          []validator.String{NameValidator{}},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One of the organisation's own scopes, by name, active or deactivated. For other " +
			"organisations' public scopes, use `krr_public_scopes`.",
		Attributes: attrs,
	}
}

func (d *scopeDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config scopeDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := config.Name.ValueString()
	s, err := d.Data.Client.GetScope(ctx, name)
	if portal.IsNotFound(err) {
		resp.Diagnostics.AddAttributeError(path.Root("name"), "Scope not found",
			fmt.Sprintf("The organisation has no scope %s in the %s environment.", name, d.Data.Environment))
		return
	}
	if err != nil {
		framework.AddPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to read scope %s", name), err, d.Data.Environment)
		return
	}
	model := scopeDataFromPortal(ctx, s, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &model)...)
}
