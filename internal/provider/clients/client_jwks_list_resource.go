package clients

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

var _ list.ListResourceWithConfigure = (*clientJWKSListResource)(nil)

// clientJWKSListResource lists the key sets of the organisation's clients
// (Terraform 1.14+), each as krr_client_jwks holds it. A client without
// keys has no key set to list.
type clientJWKSListResource struct {
	framework.ConfiguredResource
}

type clientJWKSListConfig struct {
	ClientID        types.String `tfsdk:"client_id"`
	IncludeInactive types.Bool   `tfsdk:"include_inactive"`
}

// keySet is a client and its keys, as the list reads them.
type keySet struct {
	client portal.Integration
	keys   []portal.JWK
}

func newClientJWKSList() list.ListResource { return &clientJWKSListResource{} }

func (r *clientJWKSListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_client_jwks"
}

func (r *clientJWKSListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "The key sets of the organisation's Maskinporten and KRR clients that have keys, each as " +
			"`krr_client_jwks` holds it.",
		Attributes: map[string]listschema.Attribute{
			"client_id": listschema.StringAttribute{
				MarkdownDescription: "Only the key set of this client. Default: of every client.",
				Optional:            true,
				Validators:          []validator.String{ClientIDFormat()},
			},
			"include_inactive": listschema.BoolAttribute{
				MarkdownDescription: "Also the key sets of deactivated clients. Default `false`.",
				Optional:            true,
			},
		},
	}
}

func (r *clientJWKSListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg clientJWKSListConfig
	if diags := req.Config.Get(ctx, &cfg); diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	// Every kind: krr_client_jwks holds the keys of login clients too.
	clients, err := ListClients(ctx, r.Data, cfg.IncludeInactive.ValueBool(), nil, "")
	if err != nil {
		stream.Results = framework.ListError("Unable to list the organisation's clients", err, r.Data.Environment)
		return
	}
	only := framework.KnownString(cfg.ClientID)
	var sets []keySet
	for _, c := range clients {
		if only != "" && c.ClientID != only {
			continue
		}
		set, err := r.Data.Client.GetJWKS(ctx, c.ClientID)
		if err != nil {
			stream.Results = framework.ListError(fmt.Sprintf("Unable to read the keys of client %s", c.ClientID), err, r.Data.Environment)
			return
		}
		if len(set.Keys) > 0 {
			sets = append(sets, keySet{client: c, keys: set.Keys})
		}
	}
	stream.Results = framework.ListResults(ctx, req, sets, func(s keySet, result *list.ListResult, includeResource bool) {
		kids := make([]string, 0, len(s.keys))
		for _, k := range s.keys {
			kids = append(kids, k.Kid)
		}
		slices.Sort(kids)
		result.DisplayName = fmt.Sprintf("keys of %s: %s", ClientDisplayName(s.client), strings.Join(kids, ", "))
		SetClientIdentity(ctx, result.Identity, s.client.ClientID, &result.Diagnostics)
		if includeResource {
			m := clientJWKSModel{ID: types.StringValue(s.client.ClientID), ClientID: types.StringValue(s.client.ClientID)}
			m.Keys = keysValue(ctx, keysFromPortal(nil, s.keys), &result.Diagnostics)
			result.Diagnostics.Append(result.Resource.Set(ctx, &m)...)
		}
	})
}
