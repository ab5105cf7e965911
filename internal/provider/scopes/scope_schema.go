package scopes

import (
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

// Rules for the parts of a scope name (portal-api.md §9): no whitespace,
// and a prefix has no ":".
var (
	prefixRule = regexp.MustCompile(`^[^\s:]+$`)
)

// scopeResourceSchema: the defaults are the portal's, so that a
// configuration with only prefix, subscope and description plans clean
// after apply, and removing an argument puts the portal's default back.
func scopeResourceSchema() schema.Schema {
	unchanging := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	return schema.Schema{
		MarkdownDescription: "A scope the organisation offers through Maskinporten, under one of its prefixes " +
			"(the portal's \"Mine API\" → \"Nytt scope\"). Destroying it first revokes every grant that is still " +
			"approved (see `revoke_access_on_destroy`), then deactivates the scope: the portal never deletes " +
			"scopes, and applying again brings a deactivated scope back.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The scope's name, `prefix:subscope`.",
				Computed:            true,
				PlanModifiers:       unchanging,
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "The scope's full name, `prefix:subscope`, as clients ask Maskinporten for it.",
				Computed:            true,
				PlanModifiers:       unchanging,
			},
			"prefix": schema.StringAttribute{
				MarkdownDescription: "One of the organisation's prefixes (see the `krr_prefixes` data source). " +
					"Changing it makes a new scope.",
				Required:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators: []validator.String{stringvalidator.RegexMatches(prefixRule,
					"must be a non-empty prefix without whitespace or \":\"")},
			},
			"subscope": schema.StringAttribute{
				MarkdownDescription: "The part of the name after `prefix:`, e.g. `folkeregister/v1/person.read`. " +
					"Changing it makes a new scope.",
				Required:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators: []validator.String{stringvalidator.RegexMatches(framework.NoWhitespace,
					"must be non-empty and hold no whitespace")},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "What the scope gives access to, shown to consumers (1 to 255 characters).",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 255), framework.NotBlankValidator{}},
			},
			"long_description": schema.StringAttribute{
				MarkdownDescription: "A longer description, a Markdown subset (at most 1023 characters). Default empty.",
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString(""),
				Validators:          []validator.String{stringvalidator.LengthAtMost(1023), framework.NotBlankValidator{}},
			},
			"visibility": schema.StringAttribute{
				MarkdownDescription: "`PUBLIC` (default: listed in the public catalogue) or `PRIVATE` (seen only by " +
					"the owner and the organisations with access).",
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString(portal.VisibilityPublic),
				Validators: []validator.String{stringvalidator.OneOf(portal.VisibilityPublic, portal.VisibilityPrivate)},
			},
			"token_type": schema.StringAttribute{
				MarkdownDescription: "`SELF_CONTAINED` (default: a JWT) or `OPAQUE` (a reference token).",
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString(portal.TokenTypeSelfContained),
				Validators:          []validator.String{stringvalidator.OneOf(portal.TokenTypeSelfContained, portal.TokenTypeOpaque)},
			},
			"allowed_integration_types": schema.SetAttribute{
				MarkdownDescription: "The kinds of client that may carry the scope: any of " +
					joinQuoted(portal.IntegrationTypes) + ". Empty (the default) means any.",
				Optional:    true,
				Computed:    true,
				ElementType: types.StringType,
				Default:     setdefault.StaticValue(types.SetValueMust(types.StringType, []attr.Value{})),
				Validators:  []validator.Set{setvalidator.ValueStringsAre(stringvalidator.OneOf(portal.IntegrationTypes...))},
			},
			"at_max_age": schema.Int64Attribute{
				MarkdownDescription: "The longest life of an access token with this scope, in seconds; 0 (default) " +
					"means Maskinporten's default.",
				Optional:   true,
				Computed:   true,
				Default:    int64default.StaticInt64(0),
				Validators: []validator.Int64{int64validator.AtLeast(0)},
			},
			"authorization_max_lifetime": schema.Int64Attribute{
				MarkdownDescription: "The longest life of an authorization, in seconds; 0 (default) means the default.",
				Optional:            true,
				Computed:            true,
				Default:             int64default.StaticInt64(0),
				Validators:          []validator.Int64{int64validator.AtLeast(0)},
			},
			"requires_user_consent":        boolArgument("Whether the end user must consent. Default false."),
			"requires_user_authentication": boolArgument("Whether an end user must be signed in. Default false."),
			"requires_pseudonymous_tokens": boolArgument("Whether tokens carry a pseudonym instead of the user's identity. Default false."),
			"accessible_for_all": boolArgument("Whether any organisation may use the scope without a grant. " +
				"Default false: only the organisations given access with `krr_scope_access`."),
			"delegation_source": schema.StringAttribute{
				MarkdownDescription: "The issuer URL of a delegation source (see `krr_delegation_sources`), e.g. " +
					"`https://tt02.altinn.no/`, when the scope can be delegated there. Default none.",
				Optional: true,
				Computed: true,
				Default:  stringdefault.StaticString(""),
			},
			"enforced_aud_for_access_token": schema.StringAttribute{
				MarkdownDescription: "An audience every access token with this scope gets. Default none.",
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString(""),
			},
			"revoke_access_on_destroy": schema.BoolAttribute{
				MarkdownDescription: "Whether destroying the scope first revokes every grant that is still approved. " +
					"Default true: the portal's guide says to remove access before deactivating, since consumers " +
					"keep seeing a deactivated scope among their available scopes otherwise.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(true),
			},
			"owner_orgno": schema.StringAttribute{
				MarkdownDescription: "The organisation that owns the scope.",
				Computed:            true,
				PlanModifiers:       unchanging,
			},
			"active": schema.BoolAttribute{
				MarkdownDescription: "Whether the scope is active; always true while it is managed here.",
				Computed:            true,
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"created": schema.StringAttribute{
				MarkdownDescription: "When the scope was created (ISO 8601).",
				Computed:            true,
				PlanModifiers:       unchanging,
			},
			"last_updated": schema.StringAttribute{
				MarkdownDescription: "When the scope last changed (ISO 8601).",
				Computed:            true,
			},
		},
	}
}

func boolArgument(description string) schema.BoolAttribute {
	return schema.BoolAttribute{
		MarkdownDescription: description,
		Optional:            true,
		Computed:            true,
		Default:             booldefault.StaticBool(false),
	}
}

// joinQuoted renders values as Markdown code, comma separated.
func joinQuoted(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = "`" + v + "`"
	}
	return strings.Join(quoted, ", ")
}
