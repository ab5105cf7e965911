package framework

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// NotBlankValidator refuses a text of only whitespace, which the portal
// would store as a blank name or description.
type NotBlankValidator struct{}

func (NotBlankValidator) Description(context.Context) string {
	return "must hold more than whitespace"
}

func (v NotBlankValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v NotBlankValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || req.ConfigValue.ValueString() == "" {
		return // null and unknown are not blank; "" is the length rule's
	}
	if strings.TrimSpace(req.ConfigValue.ValueString()) == "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Blank value",
			req.Path.String()+": must hold more than whitespace; it has only spaces, tabs or line breaks.")
	}
}
