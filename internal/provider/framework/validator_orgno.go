package framework

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
)

var PathOrgno = path.Root("orgno")

// OrgnoValidator checks a Norwegian organisation number: 9 digits whose last
// is the mod-11 check digit (portal-api.md §9). Checking at validate time
// stops a typo before any request, and keeps a bad number out of URLs.
type OrgnoValidator struct{}

func (OrgnoValidator) Description(context.Context) string {
	return "must be a Norwegian organisation number as Enhetsregisteret (Brønnøysundregistrene) lists it: 9 digits with a valid mod-11 check digit"
}

func (v OrgnoValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v OrgnoValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if problem := OrgnoProblem(req.ConfigValue.ValueString()); problem != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid organisation number",
			fmt.Sprintf("%s is %q: %s.", req.Path, req.ConfigValue.ValueString(), problem))
	}
}

// OrgnoProblem says what is wrong with orgno ("" when nothing). A number
// of the wrong shape gets the rule; one that fails the check digit test
// gets portal.ValidOrgno's pointer to Enhetsregisteret alone, since the
// rule ("the last a check digit") invites fixing the last digit, which can
// make another organisation's valid number.
func OrgnoProblem(orgno string) string {
	err := portal.ValidOrgno(orgno)
	switch {
	case err == nil:
		return ""
	case len(orgno) == 9 && strings.Trim(orgno, "0123456789") == "":
		return err.Error()
	}
	return fmt.Sprintf("%s; it %s", err, OrgnoValidator{}.Description(context.Background()))
}
