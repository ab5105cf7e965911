package clients

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// LifetimeValidator refuses a lifetime under one second at validate time:
// the portal answers 400 for a lifetime of 0 since 2025-05-22 (portal-api.md
// §11), where it once read 0 as "the default". Def is the default, which the
// message offers instead.
type LifetimeValidator struct{ Def int64 }

func (v LifetimeValidator) Description(context.Context) string {
	return "at least 1 second"
}

func (v LifetimeValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v LifetimeValidator) ValidateInt64(_ context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if n := req.ConfigValue.ValueInt64(); n < 1 {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid lifetime", fmt.Sprintf(
			"%s is %d; a lifetime must be at least 1 second (the portal refuses 0 since 2025-05-22). "+
				"Leave %s out for the default of %d seconds.", req.Path, n, req.Path, v.Def))
	}
}
