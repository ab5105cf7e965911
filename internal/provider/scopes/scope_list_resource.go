package scopes

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

var _ list.ListResourceWithConfigure = (*scopeListResource)(nil)

// scopeListResource lists the organisation's active scopes for `terraform
// query` (Terraform 1.14+), each as krr_scope would hold it. Deactivated
// scopes are left out: krr_scope holds only an active scope (its read drops
// a deactivated one, and its apply brings one back), so a listed
// deactivated scope could be neither imported nor planned clean.
type scopeListResource struct {
	framework.ConfiguredResource
}

type scopeListConfig struct {
	Prefix types.String `tfsdk:"prefix"`
}

func newScopeList() list.ListResource { return &scopeListResource{} }

func (r *scopeListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_scope"
}

func (r *scopeListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "The organisation's active scopes, by name, each as `krr_scope` holds it.",
		Attributes: map[string]listschema.Attribute{
			"prefix": listschema.StringAttribute{
				MarkdownDescription: "Only the scopes under this prefix. Default: under every prefix of the organisation.",
				Optional:            true,
			},
		},
	}
}

func (r *scopeListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg scopeListConfig
	if diags := req.Config.Get(ctx, &cfg); diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	all, err := r.Data.Client.ListScopes(ctx, false)
	if err != nil {
		stream.Results = framework.ListError("Unable to list the organisation's scopes", err, r.Data.Environment)
		return
	}
	prefix := framework.KnownString(cfg.Prefix)
	var scopes []portal.Scope
	for _, s := range all {
		if s.Active && (prefix == "" || s.Prefix == prefix) {
			scopes = append(scopes, s)
		}
	}
	slices.SortFunc(scopes, func(a, b portal.Scope) int { return strings.Compare(a.Name, b.Name) })
	stream.Results = framework.ListResults(ctx, req, scopes, func(s portal.Scope, result *list.ListResult, includeResource bool) {
		result.DisplayName = fmt.Sprintf("%s (%s)", s.Name, s.Description)
		setScopeIdentity(ctx, result.Identity, s.Name, &result.Diagnostics)
		if includeResource {
			var m scopeModel
			m.fromPortal(ctx, &s, &result.Diagnostics)
			m.RevokeAccessOnDestroy = types.BoolValue(true) // the schema's default
			result.Diagnostics.Append(result.Resource.Set(ctx, &m)...)
		}
	})
}
