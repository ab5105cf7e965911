package clients

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/scopes"
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

// defaultWaitFor is how long a new client or key may take to be known:
// Maskinporten takes up to two minutes, and other clients of the API
// retry for about three.
const defaultWaitFor = 3 * time.Minute

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
				MarkdownDescription: "The client's id, e.g. `krr_client.x.client_id`: the `iss` of the grant.",
				Required:            true,
				Validators:          []validator.String{clientIDFormat()},
			},
			"key_id": schema.StringAttribute{
				MarkdownDescription: "The `kid` of the client's key that signs the grant (a key of its `krr_client_jwks`).",
				Required:            true,
				Validators:          []validator.String{clientIDFormat()},
			},
			"private_key": schema.StringAttribute{
				MarkdownDescription: "The private half of that key, RSA in PEM (PKCS#1 or PKCS#8).",
				Required:            true,
				Sensitive:           true,
			},
			"scopes": schema.SetAttribute{
				MarkdownDescription: "The scopes to ask for; the client must carry each.",
				Required:            true,
				ElementType:         types.StringType,
				Validators:          []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(scopes.NameValidator{})},
			},
			"wait_for": schema.StringAttribute{
				MarkdownDescription: "How long to keep asking while Maskinporten does not know the client or key yet, " +
					"as a Go duration. Default `3m`.",
				Optional:   true,
				Validators: []validator.String{framework.DurationValidator{}},
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
	key, err := portal.ParseRSAPrivateKeyPEM([]byte(m.PrivateKey.ValueString()))
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("private_key"), "Invalid private key",
			fmt.Sprintf("private_key cannot sign the grant: %s. It must be an RSA private key in PEM (PKCS#1 or PKCS#8).", err))
		return
	}
	waitFor := defaultWaitFor
	if w := framework.KnownString(m.WaitFor); w != "" {
		waitFor, _ = time.ParseDuration(w) // the validator has parsed it
	}
	clientID := m.ClientID.ValueString()
	cfg := portal.GrantConfig{
		TokenEndpoint: e.data.TokenEndpoint,
		Audience:      e.data.Audience,
		ClientID:      clientID,
		KeyID:         m.KeyID.ValueString(),
		PrivateKey:    key,
		Scopes:        scopes,
		UserAgent:     e.data.UserAgent,
		HTTPClient:    &http.Client{Timeout: e.data.RequestTimeout},
	}
	tok, waited, err := requestUntilKnown(ctx, cfg, waitFor)
	if err != nil {
		detail := err.Error()
		if waited > 0 {
			detail += fmt.Sprintf(" (after asking for %s while Maskinporten might not know the client or key yet)", waited.Round(time.Second))
		}
		resp.Diagnostics.AddError(fmt.Sprintf("Maskinporten gave client %s no token", clientID), detail+
			". Check client_id, key_id and private_key (the private half of the key registered as key_id), and that "+
			"the client carries every scope in scopes.")
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

// requestUntilKnown asks for a token, and asks again while Maskinporten
// answers that it does not know the client or the key (a new one takes up
// to two minutes), until waitFor has passed. Any other answer is final.
func requestUntilKnown(ctx context.Context, cfg portal.GrantConfig, waitFor time.Duration) (portal.Token, time.Duration, error) {
	request, err := portal.NewTokenRequest(cfg)
	if err != nil {
		return portal.Token{}, 0, err
	}
	start := time.Now()
	pause := time.Second
	for {
		tok, err := request(ctx)
		waited := time.Since(start)
		if err == nil || !notKnownYet(err) || waited+pause > waitFor {
			return tok, waited, err
		}
		t := time.NewTimer(pause)
		select {
		case <-ctx.Done():
			t.Stop()
			return portal.Token{}, waited, ctx.Err()
		case <-t.C:
		}
		pause = min(2*pause, 15*time.Second)
	}
}

// notKnownYet tells an answer that the client or its key is not known
// (yet): Maskinporten says "Client authentication failed" for both a client
// it has not taken in yet and a typo, so the typo waits too.
func notKnownYet(err error) bool {
	var te *portal.TokenError
	if !errors.As(err, &te) || (te.Code != "invalid_grant" && te.Code != "invalid_client") {
		return false
	}
	d := strings.ToLower(te.Description)
	return strings.Contains(d, "client authentication failed") || strings.Contains(d, "kid") ||
		strings.Contains(d, "unknown client")
}
