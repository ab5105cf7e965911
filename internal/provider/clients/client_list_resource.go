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

func newClientList() list.ListResource { return &clientListResource{} }

func (r *clientListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_client"
}

func (r *clientListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = KindListSchema("The organisation's Maskinporten and KRR clients, each as `krr_client` holds it.",
		integrationTypes, "both", "`active = false` in `krr_client`")
}

// KindListConfig is the configuration of a list resource of clients:
// their kind, and whether deactivated ones count.
type KindListConfig struct {
	IntegrationType types.String `tfsdk:"integration_type"`
	IncludeInactive types.Bool   `tfsdk:"include_inactive"`
}

// KindListSchema is KindListConfig's schema, for a list resource of the
// kinds given; all names their default, inactive what a deactivated
// client is.
func KindListSchema(description string, kinds []string, all, inactive string) listschema.Schema {
	return listschema.Schema{
		MarkdownDescription: description,
		Attributes: map[string]listschema.Attribute{
			"integration_type": listschema.StringAttribute{
				MarkdownDescription: "Only the clients of this kind: " + strings.Join(kinds, ", ") + ". Default: " + all + ".",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(kinds...)},
			},
			"include_inactive": listschema.BoolAttribute{
				MarkdownDescription: "Also the deactivated clients (" + inactive + "). Default `false`.",
				Optional:            true,
			},
		},
	}
}

// ListKind lists, for a list resource of the kinds given, the clients its
// configuration asks for; false after it has put the error on the stream.
func ListKind(ctx context.Context, data *framework.ProviderData, req list.ListRequest, kinds []string,
	stream *list.ListResultsStream) ([]portal.Integration, bool) {
	var cfg KindListConfig
	if diags := req.Config.Get(ctx, &cfg); diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return nil, false
	}
	found, err := ListClients(ctx, data, cfg.IncludeInactive.ValueBool(), kinds, framework.KnownString(cfg.IntegrationType))
	if err != nil {
		stream.Results = framework.ListError("Unable to list the organisation's clients", err, data.Environment)
		return nil, false
	}
	return found, true
}

func (r *clientListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	clients, ok := ListKind(ctx, r.Data, req, integrationTypes, stream)
	if !ok {
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
