package contacts

import (
	"context"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// phonePattern is the portal's rule for a notification contact's phone
// number (the fake portal's, checked the same way): 8 to 15 digits or
// spaces, optionally after a leading +.
var phonePattern = regexp.MustCompile(`^\+?[0-9 ]{8,15}$`)

// phoneValidator checks a phone number at plan time, so that a typo fails
// before anything is written.
type phoneValidator struct{}

func (phoneValidator) Description(context.Context) string {
	return "must be 8 to 15 digits or spaces, optionally after a leading +, e.g. \"+4722450000\" or \"22 45 00 00\""
}

// phoneRuleMarkdown is the rule as the documentation shows it.
const phoneRuleMarkdown = "8 to 15 digits or spaces, optionally after a leading `+`, e.g. `+4722450000` or `22 45 00 00`"

func (v phoneValidator) MarkdownDescription(context.Context) string {
	return "must be " + phoneRuleMarkdown
}

func (v phoneValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	if !phonePattern.MatchString(s) {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid phone number",
			fmt.Sprintf("%s is %q: it %s (the rule %s). Leave the attribute out for a contact without a phone.",
				attributeLabel(req.Path), s, v.Description(ctx), phonePattern))
	}
}
