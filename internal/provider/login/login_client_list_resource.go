package login

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/clients"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

var _ list.ListResourceWithConfigure = (*loginClientListResource)(nil)

// loginClientListResource lists the organisation's login clients
// (Terraform 1.14+), each as krr_login_client holds it.
type loginClientListResource struct {
	framework.ConfiguredResource
}

func newLoginClientList() list.ListResource { return &loginClientListResource{} }

func (r *loginClientListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_login_client"
}

func (r *loginClientListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = clients.KindListSchema("The organisation's login clients (ID-porten, API-klient, Ansattporten), each as "+
		"`krr_login_client` holds it.", loginIntegrationTypes, "all three", "`active = false`")
}

func (r *loginClientListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	found, ok := clients.ListKind(ctx, r.Data, req, loginIntegrationTypes, stream)
	if !ok {
		return
	}
	stream.Results = framework.ListResults(ctx, req, found, func(c portal.Integration, result *list.ListResult, includeResource bool) {
		result.DisplayName = clients.ClientDisplayName(c)
		clients.SetClientIdentity(ctx, result.Identity, c.ClientID, &result.Diagnostics)
		if includeResource {
			var m loginClientModel
			m.fromPortal(ctx, &c, &result.Diagnostics)
			result.Diagnostics.Append(result.Resource.Set(ctx, &m)...)
		}
	})
}
