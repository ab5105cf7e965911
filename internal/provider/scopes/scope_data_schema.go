package scopes

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// scopeDataAttributes are a scope's attributes as the data sources show
// them, all read from the portal.
func scopeDataAttributes() map[string]schema.Attribute {
	str := func(d string) schema.Attribute { return schema.StringAttribute{Computed: true, MarkdownDescription: d} }
	boolean := func(d string) schema.Attribute { return schema.BoolAttribute{Computed: true, MarkdownDescription: d} }
	integer := func(d string) schema.Attribute { return schema.Int64Attribute{Computed: true, MarkdownDescription: d} }
	return map[string]schema.Attribute{
		"name":             str("The full name, `prefix:subscope`."),
		"prefix":           str("The prefix."),
		"subscope":         str("The part of the name after `prefix:`."),
		"description":      str("What the scope gives access to."),
		"long_description": str("The longer description."),
		"visibility":       str("`PUBLIC`, `PRIVATE` or `INTERNAL`."),
		"token_type":       str("`SELF_CONTAINED` or `OPAQUE`."),
		"allowed_integration_types": schema.SetAttribute{
			Computed: true, ElementType: types.StringType,
			MarkdownDescription: "The kinds of client that may carry it; empty means any.",
		},
		"at_max_age":                    integer("The longest access-token life in seconds; 0 means the default."),
		"authorization_max_lifetime":    integer("The longest authorization life in seconds; 0 means the default."),
		"requires_user_consent":         boolean("Whether the end user must consent."),
		"requires_user_authentication":  boolean("Whether an end user must be signed in."),
		"requires_pseudonymous_tokens":  boolean("Whether tokens carry a pseudonym."),
		"accessible_for_all":            boolean("Whether any organisation may use it without a grant."),
		"delegation_source":             str("The issuer of its delegation source, if any."),
		"enforced_aud_for_access_token": str("The audience its tokens get, if any."),
		"owner_orgno":                   str("The organisation that owns it."),
		"active":                        boolean("Whether it is active."),
		"created":                       str("When it was created (ISO 8601)."),
		"last_updated":                  str("When it last changed (ISO 8601)."),
	}
}
