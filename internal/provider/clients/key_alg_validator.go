package clients

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// keyAlgValidator refuses a key algorithm the portal does not take, at
// validate time: the portal's 2025 schema of a client key has RS256 and
// RS512 only and answers 400 for RS384 (portal-api.md §11), and a key set is
// replaced whole, so a refusal half-way through an apply is worse than none.
type keyAlgValidator struct{}

func (keyAlgValidator) Description(context.Context) string {
	return "one of " + strings.Join(keyAlgorithms, ", ")
}

func (v keyAlgValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (keyAlgValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if alg := req.ConfigValue.ValueString(); !slices.Contains(keyAlgorithms, alg) {
		resp.Diagnostics.AddAttributeError(req.Path, "Unsupported key algorithm", fmt.Sprintf("%s is %q%s", req.Path, alg, keyAlgRule))
	}
}

// keyAlgRule is the rule a refused key algorithm breaks, said after the
// value.
var keyAlgRule = fmt.Sprintf("; the portal accepts client keys with alg %s only (its key schema has no RS384, "+
	"and it answers 400 for any other). A key that signs with RS384 can sign with RS256 or RS512 instead.",
	strings.Join(keyAlgorithms, " or "))
