package clients

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

var _ ephemeral.EphemeralResourceWithConfigure = (*maskinportenTokenEphemeral)(nil)

// maskinportenTokenEphemeral gets an access token from Maskinporten for any
// client, signed with that client's key: the proof, in a pipeline, that a
// client just made really gets tokens for its scopes. Nothing of it reaches
// state or plan files.
type maskinportenTokenEphemeral struct {
	data *framework.ProviderData
}

type maskinportenTokenModel struct {
	ClientID    types.String `tfsdk:"client_id"`
	KeyID       types.String `tfsdk:"key_id"`
	PrivateKey  types.String `tfsdk:"private_key"`
	Scopes      types.Set    `tfsdk:"scopes"`
	WaitFor     types.String `tfsdk:"wait_for"`
	AccessToken types.String `tfsdk:"access_token"`
	ExpiresIn   types.Int64  `tfsdk:"expires_in"`
	Scope       types.String `tfsdk:"scope"`
	Consumer    types.String `tfsdk:"consumer"`
}

func newMaskinportenToken() ephemeral.EphemeralResource {
	return &maskinportenTokenEphemeral{}
}

func (e *maskinportenTokenEphemeral) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_maskinporten_token"
}

func (e *maskinportenTokenEphemeral) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	e.data = framework.ProviderDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (e *maskinportenTokenEphemeral) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An access token from Maskinporten for a client, with the JWT grant signed by that " +
			"client's key, at the token endpoint and audience of the provider's environment. Use it to prove that " +
			"a client works (it gets a token for its scopes) and to hand the token to a request. Nothing of it is " +
			"written to state or plan files. New clients and keys take up to two minutes to be known at " +
			"Maskinporten: until `wait_for` has passed, an answer that the client or key is not known is asked " +
			"again. Needs Terraform 1.10 or later.",
		Attributes: map[string]schema.Attribute{
			"client_id": schema.StringAttribute{
				MarkdownDescription: tokenClientIDDescription,
				Required:            true,
				Validators:          []validator.String{ClientIDFormat()},
			},
			"key_id": schema.StringAttribute{
				MarkdownDescription: tokenKeyIDDescription,
				Required:            true,
				Validators:          []validator.String{ClientIDFormat()},
			},
			"private_key": schema.StringAttribute{
				MarkdownDescription: "The private half of that key, RSA in PEM (PKCS#1 or PKCS#8).",
				Required:            true,
				Sensitive:           true,
			},
			"scopes": schema.SetAttribute{
				MarkdownDescription: tokenScopesDescription,
				Required:            true,
				ElementType:         types.StringType,
				Validators:          tokenScopesValidators(),
			},
			"wait_for": schema.StringAttribute{
				MarkdownDescription: tokenWaitForDescription,
				Optional:            true,
				Validators:          []validator.String{framework.DurationValidator{}},
			},
			"access_token": schema.StringAttribute{
				MarkdownDescription: "The access token.",
				Computed:            true,
				Sensitive:           true,
			},
			"expires_in": schema.Int64Attribute{
				MarkdownDescription: "Seconds until the token expires.",
				Computed:            true,
			},
			"scope": schema.StringAttribute{
				MarkdownDescription: "The scopes granted, space separated.",
				Computed:            true,
			},
			"consumer": schema.StringAttribute{
				MarkdownDescription: "The organisation number the token acts for (its `consumer` claim).",
				Computed:            true,
			},
		},
	}
}

func (e *maskinportenTokenEphemeral) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	var m maskinportenTokenModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	var scopes []string
	resp.Diagnostics.Append(m.Scopes.ElementsAs(ctx, &scopes, false)...)
	if resp.Diagnostics.HasError() || e.data == nil {
		return
	}
	tok, ok := requestClientToken(ctx, e.data, tokenArgs{
		ClientID:      m.ClientID.ValueString(),
		KeyID:         m.KeyID.ValueString(),
		PrivateKeyPEM: m.PrivateKey.ValueString(),
		Scopes:        scopes,
		WaitFor:       framework.KnownString(m.WaitFor),
	}, nil, &resp.Diagnostics)
	if !ok {
		return
	}
	m.AccessToken = types.StringValue(tok.AccessToken)
	m.ExpiresIn = types.Int64Value(int64(tok.ExpiresIn / time.Second))
	m.Scope = types.StringValue(tok.Scope)
	m.Consumer = types.StringNull()
	if orgno, err := portal.OrgnoFromAccessToken(tok.AccessToken); err == nil {
		m.Consumer = types.StringValue(orgno)
	}
	resp.Diagnostics.Append(resp.Result.Set(ctx, &m)...)
}
