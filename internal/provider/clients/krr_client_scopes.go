package clients

import (
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/provider/scopes"
)

// checkKRRClientScopes refuses at plan the scopes of a krr client that are
// not exactly KRR's two machine look-up scopes: Digdir's fixed rule
// (portal-api.md §11), which nothing in an apply can change. Only what is
// certain is refused: a named scope that is not one of the two, or a set
// that is wholly known and is not the two. A set with values not known yet
// that could still be the two is left to the portal at apply.
func checkKRRClientScopes(integrationType types.String, set types.Set, diags *diag.Diagnostics) {
	if integrationType.IsUnknown() || integrationType.ValueString() != "krr" || set.IsUnknown() || set.IsNull() {
		return
	}
	var known []string
	allKnown := true
	for _, e := range set.Elements() {
		s, ok := e.(types.String)
		if !ok || s.IsUnknown() || s.IsNull() {
			allKnown = false
			continue
		}
		known = append(known, s.ValueString())
	}
	slices.Sort(known)
	var other []string
	for _, name := range known {
		if !slices.Contains(scopes.KRRGlobalScopes, name) {
			other = append(other, name)
		}
	}
	if len(other) == 0 && (!allKnown || slices.Equal(known, scopes.KRRGlobalScopes)) {
		return
	}
	what := "has " + strings.Join(known, ", ")
	if len(other) > 0 {
		what = "has " + strings.Join(other, ", ")
	} else if len(known) == 0 {
		what = "is empty"
	}
	diags.AddAttributeError(path.Root("scopes"), "Scopes of a krr client", fmt.Sprintf(
		"scopes %s; a client with integration_type = \"krr\" carries exactly KRR's two machine look-up scopes, %s "+
			"(Digdir's rule: the portal refuses any other set). For other scopes, use integration_type = "+
			"\"maskinporten\".", what, strings.Join(scopes.KRRGlobalScopes, " and ")))
}
