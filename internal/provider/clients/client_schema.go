package clients

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/scopes"
)

// integrationTypes are the kinds of client krr_client makes: the machine
// clients, which authenticate with a key (private_key_jwt) and the JWT
// grant. The clients that sign people in (ID-porten, API-klient,
// Ansattporten) are krr_login_client's (internal/provider/login).
var integrationTypes = []string{portal.IntegrationTypeMaskinporten, "krr"}

// ClientIDPattern is a client id as Maskinporten gives them out: a UUID,
// lowercase.
var ClientIDPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// Defaults of a client's lifetimes (portal-api.md §6), in seconds.
const (
	defaultAccessTokenLifetime   = 120
	defaultAuthorizationLifetime = 7200
	defaultRefreshTokenLifetime  = 600
)

func clientResourceSchema() schema.Schema {
	unchanging := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	lifetime := func(description string, def int64) schema.Int64Attribute {
		return schema.Int64Attribute{
			MarkdownDescription: description,
			Optional:            true,
			Computed:            true,
			Default:             int64default.StaticInt64(def),
			Validators:          []validator.Int64{LifetimeValidator{Def: def}},
		}
	}
	return schema.Schema{
		MarkdownDescription: "A Maskinporten client (an \"integration\" in the web portal) that carries scopes the " +
			"organisation may use: its own, those other organisations gave it access to, and those open to all. " +
			"Each scope is checked at plan time, and again just before the client is written. Destroying it " +
			"deactivates the client: the portal never deletes clients. Register its public keys with " +
			"`krr_client_jwks`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The client id.",
				Computed:            true,
				PlanModifiers:       unchanging,
			},
			"client_id": schema.StringAttribute{
				MarkdownDescription: "The client id, the `iss` of the client's JWT grants: a lowercase UUID. Left out, " +
					"the provider chooses one, so that a create can be retried safely. Set it to keep a known id: " +
					"other systems hold a client id, and a client whose id exists deactivated (after a destroy, or " +
					"\"Deaktiver\" in the web portal) is brought back with that id instead of made anew. Changing " +
					"it makes a new client.",
				Optional: true,
				Computed: true,
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
					stringplanmodifier.RequiresReplaceIfConfigured(),
				},
				Validators: []validator.String{stringvalidator.RegexMatches(ClientIDPattern,
					"must be a lowercase UUID, e.g. 7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f")},
			},
			"client_name": schema.StringAttribute{
				MarkdownDescription: "The client's name in the portal.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 255), framework.NotBlankValidator{}},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "What the client is for.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 255), framework.NotBlankValidator{}},
			},
			"scopes": schema.SetAttribute{
				MarkdownDescription: "The scopes the client may ask Maskinporten for; at least one. Each must be " +
					"usable by the client's organisation: owned by it, granted to it, or open to all (see the " +
					"`krr_available_scopes` data source).",
				Required:    true,
				ElementType: types.StringType,
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(scopes.NameValidator{}),
				},
			},
			"integration_type": schema.StringAttribute{
				MarkdownDescription: "`maskinporten` (default) or `krr`. A `krr` client carries exactly KRR's two " +
					"machine look-up scopes, `krr:global/kontaktinformasjon.read` and `krr:global/digitalpost.read` " +
					"(Digdir's rule, checked at plan); KRR's `krr:user/...` scopes are for API-klient clients only. " +
					"Changing it makes a new client.",
				Optional:      true,
				Computed:      true,
				Default:       stringdefault.StaticString(portal.IntegrationTypeMaskinporten),
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:    []validator.String{stringvalidator.OneOf(integrationTypes...)},
			},
			"client_orgno": schema.StringAttribute{
				MarkdownDescription: "The organisation the client acts for. Default: the organisation the " +
					"credentials act for. Another organisation makes this one its supplier, which needs the token " +
					"scope `idporten:dcr.supplier`. Changing it makes a new client.",
				Optional: true,
				Computed: true,
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.UseStateForUnknown(),
					stringplanmodifier.RequiresReplaceIfConfigured(),
				},
				Validators: []validator.String{framework.OrgnoValidator{}},
			},
			"supplier_orgno": schema.StringAttribute{
				MarkdownDescription: "The supplier organisation, when the client acts for another one.",
				Computed:            true,
				PlanModifiers:       unchanging,
			},
			"application_type": schema.StringAttribute{
				MarkdownDescription: "Always `web` for Maskinporten and KRR clients.",
				Computed:            true,
				PlanModifiers:       unchanging,
			},
			"token_endpoint_auth_method": schema.StringAttribute{
				MarkdownDescription: "Always `private_key_jwt`: the client signs its grants with a key registered " +
					"with `krr_client_jwks`.",
				Computed:      true,
				PlanModifiers: unchanging,
			},
			"grant_types": schema.SetAttribute{
				MarkdownDescription: "Always the JWT bearer grant.",
				Computed:            true,
				ElementType:         types.StringType,
				PlanModifiers:       []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
			},
			"access_token_lifetime":  lifetime("How long the client's access tokens live, in seconds, at least 1. Default 120.", defaultAccessTokenLifetime),
			"authorization_lifetime": lifetime("How long an authorization lives, in seconds, at least 1. Default 7200.", defaultAuthorizationLifetime),
			"refresh_token_lifetime": lifetime("How long a refresh token lives, in seconds, at least 1. Default 600.", defaultRefreshTokenLifetime),
			"active": schema.BoolAttribute{
				MarkdownDescription: "Whether the client is active. Default `true`. `false` deactivates it and keeps " +
					"it, with its id, as the web portal's \"Deaktiver\" does; `true` brings it back. A client " +
					"deactivated outside Terraform shows as a change of `active`, and apply brings it back with the " +
					"same id.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(true),
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

// ClientIDFormat checks a client id that names an existing client: any id
// the portal gave out (older ones need not be UUIDs), so only non-empty and
// without whitespace, which the id goes into a URL path with.
func ClientIDFormat() validator.String {
	return stringvalidator.RegexMatches(framework.NoWhitespace, "must be a client id: non-empty, without whitespace")
}
