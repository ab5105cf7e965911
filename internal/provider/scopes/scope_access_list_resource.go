package scopes

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

var _ list.ListResourceWithConfigure = (*scopeAccessListResource)(nil)

// scopeAccessListResource lists the approved grants on the organisation's
// active scopes (Terraform 1.14+), each as krr_scope_access holds it: who
// may use which scope. A grant that is requested, denied or revoked is not
// one krr_scope_access can hold, and is left out.
type scopeAccessListResource struct {
	framework.ConfiguredResource
}

type scopeAccessListConfig struct {
	Scope types.String `tfsdk:"scope"`
}

func newScopeAccessList() list.ListResource { return &scopeAccessListResource{} }

func (r *scopeAccessListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_scope_access"
}

func (r *scopeAccessListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "The approved grants on the organisation's active scopes: which organisation may use " +
			"which scope, each as `krr_scope_access` holds it.",
		Attributes: map[string]listschema.Attribute{
			"scope": listschema.StringAttribute{
				MarkdownDescription: "Only the grants on this scope (`prefix:subscope`). Default: on every active scope " +
					"of the organisation.",
				Optional:   true,
				Validators: []validator.String{NameValidator{}},
			},
		},
	}
}

func (r *scopeAccessListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg scopeAccessListConfig
	if diags := req.Config.Get(ctx, &cfg); diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	var names []string
	if one := framework.KnownString(cfg.Scope); one != "" {
		names = []string{one}
	} else {
		scopes, err := r.Data.Client.ListScopes(ctx, false)
		if err != nil {
			stream.Results = framework.ListError("Unable to list the organisation's scopes", err, r.Data.Environment)
			return
		}
		for _, s := range scopes {
			if s.Active {
				names = append(names, s.Name)
			}
		}
		slices.Sort(names)
	}
	var grants []portal.AccessGrant
	for _, name := range names {
		list, err := r.Data.Client.ScopeGrants(ctx, name)
		if err != nil {
			stream.Results = framework.ListError(fmt.Sprintf("Unable to list the grants on scope %s", name), err, r.Data.Environment)
			return
		}
		for _, g := range list {
			if g.State == portal.GrantApproved {
				grants = append(grants, g)
			}
		}
	}
	slices.SortFunc(grants, func(a, b portal.AccessGrant) int {
		return strings.Compare(a.Scope+" "+a.ConsumerOrgno, b.Scope+" "+b.ConsumerOrgno)
	})
	stream.Results = framework.ListResults(ctx, req, grants, func(g portal.AccessGrant, result *list.ListResult, includeResource bool) {
		result.DisplayName = fmt.Sprintf("%s for organisation %s", g.Scope, g.ConsumerOrgno)
		if g.ConsumerOrganizationName != "" {
			result.DisplayName = fmt.Sprintf("%s for %s (%s)", g.Scope, g.ConsumerOrganizationName, g.ConsumerOrgno)
		}
		setAccessIdentity(ctx, result.Identity, g.Scope, g.ConsumerOrgno, &result.Diagnostics)
		if includeResource {
			var m scopeAccessModel
			m.fromPortal(&g)
			result.Diagnostics.Append(result.Resource.Set(ctx, &m)...)
		}
	})
}
