package framework

import (
	"context"
	"fmt"

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
	return "must be a Norwegian organisation number: 9 digits, the last a valid mod-11 check digit"
}

func (v OrgnoValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v OrgnoValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := portal.ValidOrgno(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid organisation number",
			fmt.Sprintf("%s is %q: %s; it %s.", req.Path, req.ConfigValue.ValueString(), err, v.Description(ctx)))
	}
}
