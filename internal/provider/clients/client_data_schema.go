package clients

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// clientDataAttributes are a client's attributes as the data sources show
// them, all read from the portal.
func clientDataAttributes() map[string]schema.Attribute {
	str := func(d string) schema.Attribute { return schema.StringAttribute{Computed: true, MarkdownDescription: d} }
	integer := func(d string) schema.Attribute { return schema.Int64Attribute{Computed: true, MarkdownDescription: d} }
	set := func(d string) schema.Attribute {
		return schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: d}
	}
	return map[string]schema.Attribute{
		"client_id":                  str("The client id."),
		"client_name":                str("The client's name."),
		"description":                str("What the client is for."),
		"scopes":                     set("The scopes it may ask for."),
		"integration_type":           str("`maskinporten`, `krr`, `idporten`, …"),
		"client_orgno":               str("The organisation it acts for."),
		"supplier_orgno":             str("The supplier organisation, if any."),
		"application_type":           str("`web`, `browser` or `native`."),
		"token_endpoint_auth_method": str("How it authenticates at the token endpoint."),
		"grant_types":                set("The grants it may use."),
		"access_token_lifetime":      integer("Access-token life in seconds."),
		"authorization_lifetime":     integer("Authorization life in seconds."),
		"refresh_token_lifetime":     integer("Refresh-token life in seconds."),
		"active":                     schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether it is active."},
		"created":                    str("When it was created (ISO 8601)."),
		"last_updated":               str("When it last changed (ISO 8601)."),
	}
}
