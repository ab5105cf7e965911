package login

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/provider/clients"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

func stringSet(values ...string) types.Set {
	elems := make([]attr.Value, len(values))
	for i, v := range values {
		elems[i] = types.StringValue(v)
	}
	return types.SetValueMust(types.StringType, elems)
}

func loginClientSchema() schema.Schema {
	unchanging := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	lifetime := func(description string, def int64) schema.Int64Attribute {
		return schema.Int64Attribute{
			MarkdownDescription: description,
			Optional:            true,
			Computed:            true,
			Default:             int64default.StaticInt64(def),
			Validators:          []validator.Int64{clients.LifetimeValidator{Def: def}},
		}
	}
	uriSet := func() []validator.Set {
		return []validator.Set{setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))}
	}
	return schema.Schema{
		MarkdownDescription: "A client that signs people in (an \"integration\" in the web portal): " +
			"`idporten` signs citizens in, `api_klient` signs citizens in and calls APIs for them (KRR's " +
			"user look-up, \"brukerspesifikt oppslag\"), `ansattporten` signs employees in. Every rule of " +
			"Digdir's combination table (sign-in method for the application type, redirect URIs, front-channel " +
			"logout, grant types, scopes for the kind) is checked at plan, before anything is written, and again " +
			"just before the client is written.\n\n" +
			"Sign-in methods: `private_key_jwt` with keys registered through `krr_client_jwks` is the one to " +
			"prefer wherever the application can sign. With `client_secret_basic` or `client_secret_post` the " +
			"portal generates a secret and shows it once, in the answer to the create: this resource does **not** " +
			"keep it. Use `krr_client_secret` to make, hold and rotate the client's secret.\n\n" +
			"Destroying the resource deactivates the client: the portal never deletes clients.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The client id.",
				Computed:            true,
				PlanModifiers:       unchanging,
			},
			"client_id": schema.StringAttribute{
				MarkdownDescription: "The client id, the `client_id` the application signs in with: a lowercase " +
					"UUID. Left out, the provider chooses one, so that a create can be retried safely. Set it to keep " +
					"a known id: a client whose id exists deactivated is brought back with that id instead of made " +
					"anew. Changing it makes a new client.",
				Optional: true,
				Computed: true,
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
					stringplanmodifier.RequiresReplaceIfConfigured(),
				},
				Validators: []validator.String{stringvalidator.RegexMatches(clients.ClientIDPattern,
					"must be a lowercase UUID, e.g. 7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f")},
			},
			"integration_type": schema.StringAttribute{
				MarkdownDescription: "`idporten`, `api_klient` or `ansattporten`. Changing it makes a new client " +
					"(the portal never changes it).",
				Required:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:    []validator.String{stringvalidator.OneOf(loginIntegrationTypes...)},
			},
			"client_name": schema.StringAttribute{
				MarkdownDescription: "The client's name, shown to the person signing in.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 255), framework.NotBlankValidator{}},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "What the client is for.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 255), framework.NotBlankValidator{}},
			},
			"application_type": schema.StringAttribute{
				MarkdownDescription: "`web` (default: a server-side application that can keep a secret or a " +
					"key), `browser` (a single-page application) or `native` (a mobile or desktop app).",
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString(appWeb),
				Validators: []validator.String{stringvalidator.OneOf(applicationTypes...)},
			},
			"token_endpoint_auth_method": schema.StringAttribute{
				MarkdownDescription: "How the client authenticates at the token endpoint. `web`: " +
					"`private_key_jwt` (recommended; keys through `krr_client_jwks`), `client_secret_basic` or " +
					"`client_secret_post` (a secret, through `krr_client_secret`); `browser` and `native`: `none` " +
					"(PKCE). Required, since it decides whether the client has a secret. Changing it away from " +
					"`client_secret_*` makes the portal remove the client's secret: the plan warns.",
				Required:   true,
				Validators: []validator.String{stringvalidator.OneOf(authMethods...)},
			},
			"redirect_uris": schema.SetAttribute{
				MarkdownDescription: "Where the person is sent back after signing in; at least one. No fragment " +
					"(`#`). `web` and `browser`: `http` or `https` with a host; `native`: any scheme, absolute " +
					"(`com.example.app:/callback`, or a loopback `http://127.0.0.1:0/callback`). In the prod " +
					"environment only `native` clients may use `localhost`.",
				Required:    true,
				ElementType: types.StringType,
				Validators:  append(uriSet(), setvalidator.SizeAtLeast(1)),
			},
			"post_logout_redirect_uris": schema.SetAttribute{
				MarkdownDescription: "Where the person is sent after signing out. The same rules as `redirect_uris`. " +
					"Default: none.",
				Optional:    true,
				Computed:    true,
				ElementType: types.StringType,
				Default:     setdefault.StaticValue(stringSet()),
				Validators:  uriSet(),
			},
			"frontchannel_logout_uri": schema.StringAttribute{
				MarkdownDescription: "Called in the browser when the person signs out elsewhere. Not for `native` " +
					"clients; on the same scheme, host and port as one of `redirect_uris`.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"frontchannel_logout_session_required": schema.BoolAttribute{
				MarkdownDescription: "Whether the front-channel logout call carries `iss` and `sid`. Default `false`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(false),
			},
			"sso_disabled": schema.BoolAttribute{
				MarkdownDescription: "Turns single sign-on off: the person signs in anew for this client. Default " +
					"`false`; for `ansattporten` the portal forces `true`, so there it defaults to `true` and `false` " +
					"is refused at plan.",
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.Bool{ssoDefault{}},
			},
			"code_challenge_method": schema.StringAttribute{
				MarkdownDescription: "PKCE: `S256` (default) or `none` (opting out, `web` only). `browser` and " +
					"`native` clients must use `S256`.",
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString(pkceS256),
				Validators: []validator.String{stringvalidator.OneOf(pkceS256, pkceNone)},
			},
			"refresh_token_usage": schema.StringAttribute{
				MarkdownDescription: "`ONETIME` (default: each refresh token is used once and replaced) or `REUSE`.",
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString(refreshOnetime),
				Validators:          []validator.String{stringvalidator.OneOf(refreshOnetime, refreshReuse)},
			},
			"grant_types": schema.SetAttribute{
				MarkdownDescription: "`authorization_code` always; add `refresh_token` for refresh tokens (none is " +
					"issued otherwise). `implicit` is deprecated and refused. Default `[\"authorization_code\"]`.",
				Optional:    true,
				Computed:    true,
				ElementType: types.StringType,
				Default:     setdefault.StaticValue(stringSet(grantAuthorizationCode)),
				Validators:  []validator.Set{setvalidator.ValueStringsAre(grantTypeValidator{})},
			},
			"scopes": schema.SetAttribute{
				MarkdownDescription: "The scopes the client may ask for; must hold `openid`. Default " +
					"`[\"openid\", \"profile\"]`. `idporten`: only `openid`, `profile`, `eidas` and `no_pid`. " +
					"`api_klient`: `openid`, `profile` and other organisations' scopes that allow `api_klient` " +
					"(granted to the organisation or open to all, e.g. KRR's `krr:user/kontaktinformasjon.read`). " +
					"`ansattporten`: `openid`, `profile` and scopes that allow `ansattporten`. Other organisations' " +
					"scopes are judged as `krr_client`'s are: refused at plan only when nothing in the apply can make " +
					"them usable, and checked again just before the client is written.",
				Optional:    true,
				Computed:    true,
				ElementType: types.StringType,
				Default:     setdefault.StaticValue(stringSet(scopeOpenID, scopeProfile)),
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(loginScopeNameValidator{}),
				},
			},
			"access_token_lifetime":  lifetime("How long the client's access tokens live, in seconds, at least 1. Default 120.", defaultAccessTokenLifetime),
			"authorization_lifetime": lifetime("How long an authorization (and so a chain of refresh tokens) lives, in seconds, at least 1. Default 7200.", defaultAuthorizationLifetime),
			"refresh_token_lifetime": lifetime("How long a refresh token lives, in seconds, at least 1. Default 600. Digdir's guide recommends access < refresh ≤ authorization; the plan warns otherwise.", defaultRefreshTokenLifetime),
			"logo_uri": schema.StringAttribute{
				MarkdownDescription: "A logo shown at sign-in.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"client_uri": schema.StringAttribute{
				MarkdownDescription: "The client's home page, as the portal holds it (set in the web portal; not " +
					"managed here, and kept through every change).",
				Computed:      true,
				PlanModifiers: unchanging,
			},
			"active": schema.BoolAttribute{
				MarkdownDescription: "Whether the client is active. Default `true`. `false` deactivates it and keeps " +
					"it, with its id, as the web portal's \"Deaktiver\" does; `true` brings it back.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(true),
			},
			"client_orgno": schema.StringAttribute{
				MarkdownDescription: "The organisation the client belongs to: the one the credentials act for.",
				Computed:            true,
				PlanModifiers:       unchanging,
			},
			"supplier_orgno": schema.StringAttribute{
				MarkdownDescription: "The supplier organisation, when the client was made by one for another.",
				Computed:            true,
				PlanModifiers:       unchanging,
			},
			"created": schema.StringAttribute{
				MarkdownDescription: "When the client was created (ISO 8601).",
				Computed:            true,
				PlanModifiers:       unchanging,
			},
			"last_updated": schema.StringAttribute{
				MarkdownDescription: "When the client last changed (ISO 8601).",
				Computed:            true,
			},
		},
	}
}
