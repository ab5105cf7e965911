// Package provider is the krr Terraform provider itself, on
// terraform-plugin-framework: its schema, settings and credentials,
// Configure, which builds the portal client and the provider data every
// resource gets, and the lists of what it serves, each taken from its
// domain package (scopes, clients, contacts, organization, adoption). All
// HTTP lives in internal/portal.
//
// It is the only package that imports the domain packages; none of them
// imports it (TestImportRules).
package provider

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/adoption"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/clients"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/contacts"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/login"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/onbehalfof"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/organization"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/scopes"
)

// TypeName is the provider's type name: the prefix of every resource and
// data source (krr_scope, krr_client, …).
const TypeName = "krr"

var (
	_ provider.Provider                       = (*krrProvider)(nil)
	_ provider.ProviderWithEphemeralResources = (*krrProvider)(nil)
	_ provider.ProviderWithActions            = (*krrProvider)(nil)
	_ provider.ProviderWithListResources      = (*krrProvider)(nil)
)

// krrProvider holds only the build version; everything configured lives in
// the framework.ProviderData handed to resources and data sources.
type krrProvider struct {
	version string
}

// New returns a constructor for the provider, as providerserver expects.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &krrProvider{version: version}
	}
}

func (p *krrProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = TypeName
	resp.Version = p.version
}

func (p *krrProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = providerSchema()
}

func (p *krrProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var model providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	settings, diags := resolveSettings(model, osEnv)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	data, err := newProviderData(ctx, settings, p.version)
	if err != nil {
		resp.Diagnostics.AddError("Unable to set up the portal client", err.Error())
		return
	}
	resp.DataSourceData = data
	resp.ResourceData = data
	resp.EphemeralResourceData = data
	resp.ActionData = data
	resp.ListResourceData = data
}

// Resources, EphemeralResources and DataSources are what each domain
// package serves.
func (p *krrProvider) Resources(_ context.Context) []func() resource.Resource {
	return slices.Concat(scopes.Resources(), clients.Resources(), login.Resources(), onbehalfof.Resources(), contacts.Resources())
}

// EphemeralResources are values that never reach state (Terraform 1.10+).
func (p *krrProvider) EphemeralResources(_ context.Context) []func() ephemeral.EphemeralResource {
	return clients.EphemeralResources()
}

// Actions run on demand or from a resource's action_trigger (Terraform 1.14+).
func (p *krrProvider) Actions(_ context.Context) []func() action.Action {
	return clients.Actions()
}

// ListResources list what each resource manages, for terraform query
// (Terraform 1.14+).
func (p *krrProvider) ListResources(_ context.Context) []func() list.ListResource {
	return slices.Concat(scopes.ListResources(), clients.ListResources(), login.ListResources(), onbehalfof.ListResources(),
		contacts.ListResources())
}

func (p *krrProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return slices.Concat(organization.DataSources(), scopes.DataSources(), clients.DataSources(),
		contacts.DataSources(), adoption.DataSources())
}
