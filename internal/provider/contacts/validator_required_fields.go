package contacts

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// requiredFieldsValidator requires fields of a nested object that the
// schema marks Optional. terraform-plugin-framework (v1.19) checks a
// Required attribute inside a set element even when the whole element is
// not known yet (notification_contacts = [var.contact] during terraform
// validate), and then refuses it as missing. This check skips an element
// that is not known, and finds the same mistakes in one that is.
type requiredFieldsValidator struct{ fields []string }

func (v requiredFieldsValidator) Description(context.Context) string {
	return "requires " + strings.Join(v.fields, " and ")
}

func (v requiredFieldsValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v requiredFieldsValidator) ValidateObject(_ context.Context, req validator.ObjectRequest, resp *validator.ObjectResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	attrs := req.ConfigValue.Attributes()
	for _, f := range v.fields {
		if value, ok := attrs[f]; !ok || isNull(value) {
			at := req.Path.AtName(f)
			resp.Diagnostics.AddAttributeError(at, "Missing required argument",
				fmt.Sprintf("%s: the argument %q is required in every element, but no definition was found.", at, f))
		}
	}
}

func isNull(v attr.Value) bool { return v == nil || v.IsNull() }
