package provider

import (
	"fmt"
	"strings"
)

// splitScopeName splits "prefix:subscope" at the first ":" (subscopes may
// hold ":" themselves; prefixes never do).
func splitScopeName(name string) (prefix, subscope string, err error) {
	prefix, subscope, ok := strings.Cut(name, ":")
	if !ok || prefix == "" || subscope == "" || strings.ContainsAny(name, " \t\r\n") {
		return "", "", fmt.Errorf("%q is not a scope name: expected prefix:subscope, e.g. %q, without whitespace",
			name, "myprefix:api/resource.read")
	}
	return prefix, subscope, nil
}
