package login

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

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

type loginClientListConfig struct {
	IntegrationType types.String `tfsdk:"integration_type"`
	IncludeInactive types.Bool   `tfsdk:"include_inactive"`
}

func newLoginClientList() list.ListResource { return &loginClientListResource{} }

func (r *loginClientListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_login_client"
}

func (r *loginClientListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "The organisation's login clients (ID-porten, API-klient, Ansattporten), each as " +
			"`krr_login_client` holds it.",
		Attributes: map[string]listschema.Attribute{
			"integration_type": listschema.StringAttribute{
				MarkdownDescription: "Only the clients of this kind: " + strings.Join(loginIntegrationTypes, ", ") +
					". Default: all three.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(loginIntegrationTypes...)},
			},
			"include_inactive": listschema.BoolAttribute{
				MarkdownDescription: "Also the deactivated clients (`active = false`). Default `false`.",
				Optional:            true,
			},
		},
	}
}

func (r *loginClientListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg loginClientListConfig
	if diags := req.Config.Get(ctx, &cfg); diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	found, err := clients.ListClients(ctx, r.Data, cfg.IncludeInactive.ValueBool(), loginIntegrationTypes, framework.KnownString(cfg.IntegrationType))
	if err != nil {
		stream.Results = framework.ListError("Unable to list the organisation's login clients", err, r.Data.Environment)
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
