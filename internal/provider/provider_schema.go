package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

// providerModel is the provider block as Terraform hands it over.
type providerModel struct {
	Environment          types.String  `tfsdk:"environment"`
	BaseURL              types.String  `tfsdk:"base_url"`
	TokenEndpoint        types.String  `tfsdk:"token_endpoint"`
	Audience             types.String  `tfsdk:"audience"`
	AccessToken          types.String  `tfsdk:"access_token"`
	ClientID             types.String  `tfsdk:"client_id"`
	KeyID                types.String  `tfsdk:"key_id"`
	PrivateKey           types.String  `tfsdk:"private_key"`
	CertificateFile      types.String  `tfsdk:"certificate_file"`
	CertificatePassword  types.String  `tfsdk:"certificate_password"`
	CertificatePEM       types.String  `tfsdk:"certificate_pem"`
	CertificateKeyPEM    types.String  `tfsdk:"certificate_private_key_pem"`
	Scopes               types.Set     `tfsdk:"scopes"`
	MaxRetries           types.Int64   `tfsdk:"max_retries"`
	RequestTimeout       types.String  `tfsdk:"request_timeout"`
	MaxRequestsPerSecond types.Float64 `tfsdk:"max_requests_per_second"`
}

func providerSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Manages an organisation's self-service setup in Samarbeidsportalen " +
			"(Digdir): Maskinporten scopes it offers, who may use them, the clients it uses, their keys, " +
			"and its merchant data. Every argument can also be set with the environment variable named in " +
			"its description; an argument in the configuration wins over the variable.",
		Attributes: map[string]schema.Attribute{
			"environment": schema.StringAttribute{
				MarkdownDescription: "Which Samarbeidsportalen environment to manage: `test` (default) or `prod`. " +
					"Sets the API base URL, the Maskinporten audience and the token endpoint. Env: `KRR_ENVIRONMENT`.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(environmentNames()...)},
			},
			"base_url": schema.StringAttribute{
				MarkdownDescription: "Overrides the self-service API base URL, with or without the `/api/v1` suffix. " +
					"Must be HTTPS unless it is a loopback address. Env: `KRR_BASE_URL`.",
				Optional: true,
			},
			"token_endpoint": schema.StringAttribute{
				MarkdownDescription: "Overrides Maskinporten's token endpoint. Must be HTTPS unless it is a loopback " +
					"address. Env: `KRR_TOKEN_ENDPOINT`.",
				Optional: true,
			},
			"audience": schema.StringAttribute{
				MarkdownDescription: "Overrides the audience (`aud`) of the JWT grant: Maskinporten's issuer, " +
					"trailing slash included. Another issuer than the environment's, without `token_endpoint`, has " +
					"its token endpoint read from its metadata (`<issuer>.well-known/oauth-authorization-server`). " +
					"Env: `KRR_AUDIENCE`.",
				Optional: true,
			},
			"access_token": schema.StringAttribute{
				MarkdownDescription: "A Maskinporten access token to use as it is, instead of the JWT grant. " +
					"Env: `KRR_ACCESS_TOKEN`.",
				Optional:  true,
				Sensitive: true,
			},
			"client_id": schema.StringAttribute{
				MarkdownDescription: "The client id of the organisation's admin client in Maskinporten, the `iss` " +
					"of the JWT grant. Env: `KRR_CLIENT_ID`.",
				Optional: true,
			},
			"key_id": schema.StringAttribute{
				MarkdownDescription: "The `kid` of the key registered on the admin client, used with `private_key`. " +
					"Env: `KRR_KEY_ID`.",
				Optional: true,
			},
			"private_key": schema.StringAttribute{
				MarkdownDescription: "The admin client's RSA private key, PEM (PKCS#1 or PKCS#8), that signs the JWT " +
					"grant. Env: `KRR_PRIVATE_KEY`, or `KRR_PRIVATE_KEY_FILE` with a path to the PEM file.",
				Optional:  true,
				Sensitive: true,
			},
			"certificate_file": schema.StringAttribute{
				MarkdownDescription: "Path to a PKCS#12 file with the organisation's business certificate and its " +
					"key; the grant is signed with it and sends the certificate (`x5c`). Env: `KRR_CERTIFICATE_FILE`.",
				Optional: true,
			},
			"certificate_password": schema.StringAttribute{
				MarkdownDescription: "The password of `certificate_file`. Env: `KRR_CERTIFICATE_PASSWORD`.",
				Optional:            true,
				Sensitive:           true,
			},
			"certificate_pem": schema.StringAttribute{
				MarkdownDescription: "The business certificate as PEM, leaf first, then its chain: the same as " +
					"`certificate_file` for teams that keep the certificate and its key as PEM in a vault. Set " +
					"with `certificate_private_key_pem`. Env: `KRR_CERTIFICATE_PEM`.",
				Optional: true,
			},
			"certificate_private_key_pem": schema.StringAttribute{
				MarkdownDescription: "The private key of `certificate_pem`, RSA in PEM (PKCS#1 or PKCS#8). Env: " +
					"`KRR_CERTIFICATE_PRIVATE_KEY_PEM`.",
				Optional:  true,
				Sensitive: true,
			},
			"scopes": schema.SetAttribute{
				MarkdownDescription: "The token scopes to ask Maskinporten for. Default: the scopes the provider's " +
					"resources need (`" + defaultScopesText() + "`). Env: `KRR_SCOPES`, space separated.",
				Optional:    true,
				ElementType: types.StringType,
			},
			"max_retries": schema.Int64Attribute{
				MarkdownDescription: "How many times a failed idempotent request (connection error, 429, 5xx) is " +
					"retried, with backoff. A create is retried within the same budget, each attempt after a lookup " +
					"of what the one before may have made, so that nothing is made twice. Default 4; 0 turns retries off.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(0, 20)},
			},
			"request_timeout": schema.StringAttribute{
				MarkdownDescription: "How long one request may take, as a Go duration (`30s`, `2m`). Default `30s`.",
				Optional:            true,
				Validators:          []validator.String{framework.DurationValidator{}},
			},
			"max_requests_per_second": schema.Float64Attribute{
				MarkdownDescription: "A client-side limit on requests per second to the API, with a burst of one " +
					"second's worth. Default: no limit. Within one plan or apply the provider already reads each kind " +
					"of object with one list call (one per scope for grants, one per client for keys), so a plan's " +
					"requests grow with scopes and clients, not with resources.",
				Optional:   true,
				Validators: []validator.Float64{float64validator.AtLeast(0.1)},
			},
		},
	}
}
