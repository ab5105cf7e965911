package scopes

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// NameValidator checks the form prefix:subscope without whitespace.
type NameValidator struct{}

func (NameValidator) Description(context.Context) string {
	return "must be a scope name, prefix:subscope, without whitespace"
}

func (v NameValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v NameValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := CheckName(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid scope name", req.Path.String()+": "+err.Error())
	}
}
