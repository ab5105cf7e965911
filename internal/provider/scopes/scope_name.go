package scopes

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

// CheckName checks the form "prefix:subscope" (portal-api.md §9): a
// non-empty prefix before the first ":", a non-empty rest (subscopes may
// hold ":" themselves; prefixes never do), and no whitespace anywhere.
func CheckName(name string) error {
	prefix, subscope, ok := strings.Cut(name, ":")
	if !ok || prefix == "" || subscope == "" || strings.ContainsAny(name, " \t\r\n") {
		return fmt.Errorf("%q is not a scope name: expected prefix:subscope, e.g. %q, without whitespace",
			name, "myprefix:api/resource.read")
	}
	return nil
}

// KnownNames returns the elements of a set of strings that are known
// and have the form prefix:subscope (the validator reports the others). A
// set not known yet, or null, gives none: a known set can hold unknown
// elements, and each is left to apply.
func KnownNames(set types.Set) []string {
	if set.IsNull() || set.IsUnknown() {
		return nil
	}
	var names []string
	for _, e := range set.Elements() {
		s, ok := e.(types.String)
		if !ok || s.IsNull() || s.IsUnknown() || CheckName(s.ValueString()) != nil {
			continue
		}
		names = append(names, s.ValueString())
	}
	return names
}
