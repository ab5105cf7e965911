package provider

import (
	"fmt"
	"strings"
)

// checkScopeName checks the form "prefix:subscope" (portal-api.md §9): a
// non-empty prefix before the first ":", a non-empty rest (subscopes may
// hold ":" themselves; prefixes never do), and no whitespace anywhere.
func checkScopeName(name string) error {
	prefix, subscope, ok := strings.Cut(name, ":")
	if !ok || prefix == "" || subscope == "" || strings.ContainsAny(name, " \t\r\n") {
		return fmt.Errorf("%q is not a scope name: expected prefix:subscope, e.g. %q, without whitespace",
			name, "myprefix:api/resource.read")
	}
	return nil
}
