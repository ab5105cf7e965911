package adoption

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/clients"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/contacts"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/scopes"
)

var _ datasource.DataSourceWithConfigure = (*importBlocksDataSource)(nil)

// importBlocksDataSource writes Terraform import blocks for everything the
// organisation has in the portal, so that bringing a setup made by hand
// under Terraform needs no hundred blocks typed by hand: write them to a
// file, run terraform plan -generate-config-out, apply.
type importBlocksDataSource struct {
	framework.ConfiguredDataSource
}

type importBlocksModel struct {
	HCL    types.String `tfsdk:"hcl"`
	Blocks types.Int64  `tfsdk:"blocks"`
}

func newImportBlocksDataSource() datasource.DataSource { return &importBlocksDataSource{} }

func (d *importBlocksDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_import_blocks"
}

func (d *importBlocksDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Terraform `import` blocks for everything the organisation has in the portal: its " +
			"active scopes, their approved grants, its active clients, their key sets, and its merchant data. " +
			"Write `hcl` to a file and run `terraform plan -generate-config-out=generated.tf` to bring a setup " +
			"made in the web portal under Terraform (see the adoption guide).",
		Attributes: map[string]schema.Attribute{
			"hcl": schema.StringAttribute{
				MarkdownDescription: "The import blocks, one per object, with resource names made from the objects' names.",
				Computed:            true,
			},
			"blocks": schema.Int64Attribute{
				MarkdownDescription: "How many import blocks `hcl` holds.",
				Computed:            true,
			},
		},
	}
}

// importBlock is one object to import.
type importBlock struct{ to, id string }

func (d *importBlocksDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	blocks, err := d.collect(ctx)
	if err != nil {
		framework.AddPortalError(&resp.Diagnostics, "Unable to list what the organisation has", err, d.Data.Environment)
		return
	}
	var b strings.Builder
	for _, blk := range blocks {
		fmt.Fprintf(&b, "import {\n  to = %s\n  id = %q\n}\n\n", blk.to, blk.id)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &importBlocksModel{
		HCL: types.StringValue(b.String()), Blocks: types.Int64Value(int64(len(blocks))),
	})...)
}

func (d *importBlocksDataSource) collect(ctx context.Context) ([]importBlock, error) {
	names := resourceNames{}
	var blocks []importBlock
	ownScopes, err := d.Data.Client.ListScopes(ctx, false)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(ownScopes, func(a, b portal.Scope) int { return strings.Compare(a.Name, b.Name) })
	for _, s := range ownScopes {
		name := names.unique("krr_scope", s.Name)
		blocks = append(blocks, importBlock{"krr_scope." + name, s.Name})
		grants, err := d.Data.Client.ScopeGrants(ctx, s.Name)
		if err != nil {
			return nil, err
		}
		for _, g := range grants {
			if g.State == portal.GrantApproved {
				blocks = append(blocks, importBlock{"krr_scope_access." + names.unique("krr_scope_access", name+"_"+g.ConsumerOrgno),
					scopes.AccessID(s.Name, g.ConsumerOrgno)})
			}
		}
	}
	// ID-porten clients are left to the web portal.
	managed, err := clients.ManagedClients(ctx, d.Data, false, "")
	if err != nil {
		return nil, err
	}
	for _, c := range managed {
		name := names.unique("krr_client", c.ClientName)
		blocks = append(blocks, importBlock{"krr_client." + name, c.ClientID})
		set, err := d.Data.Client.GetJWKS(ctx, c.ClientID)
		if err != nil {
			return nil, err
		}
		if len(set.Keys) > 0 {
			blocks = append(blocks, importBlock{"krr_client_jwks." + name, c.ClientID})
		}
	}
	merchant, err := d.Data.Client.GetOrgContacts(ctx)
	switch {
	case err == nil:
		blocks = append(blocks, importBlock{"krr_org_contacts.this", merchant.Orgno})
	case !contacts.MerchantDataNotSet(err) && !portal.IsNotFound(err):
		return nil, err
	}
	return blocks, nil
}

// resourceNames makes Terraform resource names from object names, unique
// per resource type.
type resourceNames map[string]bool

var notNameChar = regexp.MustCompile(`[^a-z0-9_]+`)

func (n resourceNames) unique(typeName, from string) string {
	base := strings.Trim(notNameChar.ReplaceAllString(strings.ToLower(from), "_"), "_")
	if base == "" || (base[0] >= '0' && base[0] <= '9') {
		base = "x_" + base
	}
	name := base
	for i := 2; n[typeName+"."+name]; i++ {
		name = fmt.Sprintf("%s_%d", base, i)
	}
	n[typeName+"."+name] = true
	return name
}
