package clients

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

var _ list.ListResourceWithConfigure = (*clientListResource)(nil)

// clientListResource lists the organisation's clients of the kinds
// krr_client manages (Terraform 1.14+), each as krr_client holds it.
type clientListResource struct {
	framework.ConfiguredResource
}

type clientListConfig struct {
	IntegrationType types.String `tfsdk:"integration_type"`
	IncludeInactive types.Bool   `tfsdk:"include_inactive"`
}

func newClientList() list.ListResource { return &clientListResource{} }

func (r *clientListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_client"
}

func (r *clientListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "The organisation's Maskinporten and KRR clients, each as `krr_client` holds it.",
		Attributes: map[string]listschema.Attribute{
			"integration_type": listschema.StringAttribute{
				MarkdownDescription: "Only the clients of this kind: " + strings.Join(integrationTypes, " or ") +
					". Default: both.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(integrationTypes...)},
			},
			"include_inactive": listschema.BoolAttribute{
				MarkdownDescription: "Also the deactivated clients (`active = false` in `krr_client`). Default `false`.",
				Optional:            true,
			},
		},
	}
}

func (r *clientListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg clientListConfig
	if diags := req.Config.Get(ctx, &cfg); diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	clients, err := ManagedClients(ctx, r.Data, cfg.IncludeInactive.ValueBool(), framework.KnownString(cfg.IntegrationType))
	if err != nil {
		stream.Results = framework.ListError("Unable to list the organisation's clients", err, r.Data.Environment)
		return
	}
	stream.Results = framework.ListResults(ctx, req, clients, func(c portal.Integration, result *list.ListResult, includeResource bool) {
		result.DisplayName = ClientDisplayName(c)
		SetClientIdentity(ctx, result.Identity, c.ClientID, &result.Diagnostics)
		if includeResource {
			var m clientModel
			m.fromPortal(ctx, &c, &result.Diagnostics)
			result.Diagnostics.Append(result.Resource.Set(ctx, &m)...)
		}
	})
}

// ManagedClients lists the clients of the kinds krr_client manages (of
// integrationType alone when not ""), deactivated ones too when asked,
// sorted by name and id: what the list resources and krr_import_blocks
// bring under Terraform.
func ManagedClients(ctx context.Context, data *framework.ProviderData, includeInactive bool, integrationType string) ([]portal.Integration, error) {
	return ListClients(ctx, data, includeInactive, integrationTypes, integrationType)
}

// ListClients lists the organisation's clients of the kinds given (every
// kind when kinds is nil; of integrationType alone when not ""),
// deactivated ones too when asked, sorted by name and id.
func ListClients(ctx context.Context, data *framework.ProviderData, includeInactive bool, kinds []string, integrationType string) ([]portal.Integration, error) {
	all, err := data.Client.ListIntegrations(ctx, includeInactive)
	if err != nil {
		return nil, err
	}
	var clients []portal.Integration
	for _, c := range all {
		if (kinds != nil && !slices.Contains(kinds, c.IntegrationType)) || (integrationType != "" && c.IntegrationType != integrationType) {
			continue
		}
		if c.Active || includeInactive {
			clients = append(clients, c)
		}
	}
	slices.SortFunc(clients, func(a, b portal.Integration) int {
		return strings.Compare(a.ClientName+a.ClientID, b.ClientName+b.ClientID)
	})
	return clients, nil
}

// ClientDisplayName names a client as the portal's own list does: its
// name and kind, with its id to tell two of one name apart.
func ClientDisplayName(c portal.Integration) string {
	name := fmt.Sprintf("%s (%s, %s)", c.ClientName, c.IntegrationType, c.ClientID)
	if !c.Active {
		name += ", deactivated"
	}
	return name
}
