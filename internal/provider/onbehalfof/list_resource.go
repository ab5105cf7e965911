package onbehalfof

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

var _ list.ListResourceWithConfigure = (*recordList)(nil)

// recordList lists the on-behalf-of records of the organisation's clients
// that may hold them (Terraform 1.14+), each as krr_client_onbehalfof
// holds it.
type recordList struct {
	framework.ConfiguredResource
}

type listConfig struct {
	ClientID        types.String `tfsdk:"client_id"`
	IncludeInactive types.Bool   `tfsdk:"include_inactive"`
}

// clientRecord is a record with the client it belongs to.
type clientRecord struct {
	clientID string
	record   portal.OnBehalfOf
}

func newList() list.ListResource { return &recordList{} }

func (r *recordList) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_client_onbehalfof"
}

func (r *recordList) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "The on-behalf-of records of the organisation's `idporten`, `api_klient` and `krr` " +
			"clients, each as `krr_client_onbehalfof` holds it.",
		Attributes: map[string]listschema.Attribute{
			"client_id": listschema.StringAttribute{
				MarkdownDescription: "Only the records of this client. Default: of every client that may hold them.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.RegexMatches(framework.NoWhitespace, "must be a client id, without whitespace")},
			},
			"include_inactive": listschema.BoolAttribute{
				MarkdownDescription: "Also the records of deactivated clients. Default `false`.",
				Optional:            true,
			},
		},
	}
}

func (r *recordList) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg listConfig
	if diags := req.Config.Get(ctx, &cfg); diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	clients, err := r.Data.Client.ListIntegrations(ctx, cfg.IncludeInactive.ValueBool())
	if err != nil {
		stream.Results = framework.ListError("Unable to list the organisation's clients", err, r.Data.Environment)
		return
	}
	only := framework.KnownString(cfg.ClientID)
	slices.SortFunc(clients, func(a, b portal.Integration) int { return strings.Compare(a.ClientID, b.ClientID) })
	var records []clientRecord
	for _, c := range clients {
		if (only != "" && c.ClientID != only) || !slices.Contains(allowedTypes, c.IntegrationType) ||
			(!c.Active && !cfg.IncludeInactive.ValueBool()) {
			continue
		}
		list, err := r.Data.Client.ListOnBehalfOf(ctx, c.ClientID)
		if err != nil {
			stream.Results = framework.ListError(fmt.Sprintf("Unable to list the on-behalf-of records of client %s", c.ClientID), err, r.Data.Environment)
			return
		}
		slices.SortFunc(list, func(a, b portal.OnBehalfOf) int { return strings.Compare(a.OnBehalfOf, b.OnBehalfOf) })
		for _, rec := range list {
			records = append(records, clientRecord{clientID: c.ClientID, record: rec})
		}
	}
	stream.Results = framework.ListResults(ctx, req, records, func(cr clientRecord, result *list.ListResult, includeResource bool) {
		result.DisplayName = fmt.Sprintf("%s (%s) on client %s", cr.record.Name, cr.record.Orgno, cr.clientID)
		setIdentity(ctx, result.Identity, cr.clientID, cr.record.OnBehalfOf, &result.Diagnostics)
		if includeResource {
			var m recordModel
			m.fromPortal(cr.clientID, &cr.record)
			result.Diagnostics.Append(result.Resource.Set(ctx, &m)...)
		}
	})
}
