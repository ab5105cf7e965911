package portal

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

// checkScopeName refuses a scope name that cannot be one (prefix:subscope,
// no whitespace) before it goes into a query: a blank one would turn a call
// on one scope into a call on all of them.
func checkScopeName(name string) error {
	if strings.TrimSpace(name) == "" {
		return fmt.Errorf("scope name is empty")
	}
	if strings.IndexFunc(name, unicode.IsSpace) >= 0 {
		return fmt.Errorf("scope name %q must not contain whitespace", name)
	}
	if i := strings.Index(name, ":"); i <= 0 || i == len(name)-1 {
		return fmt.Errorf("scope name %q must be prefix:subscope", name)
	}
	return nil
}

// checkID refuses a blank or path-like id before it becomes a path segment
// (lesson 10): "/clients/" + "" would list every client instead.
func checkID(what, id string) error {
	switch {
	case strings.TrimSpace(id) == "":
		return fmt.Errorf("%s is empty", what)
	case id != strings.TrimSpace(id):
		return fmt.Errorf("%s %q has leading or trailing whitespace", what, id)
	case id == "." || id == "..":
		return fmt.Errorf("%s %q is not valid", what, id)
	}
	return nil
}

// kidRe is the form of a key id (portal-api.md §6).
var kidRe = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)

func checkKid(kid string) error {
	if err := checkID("key id (kid)", kid); err != nil {
		return err
	}
	if !kidRe.MatchString(kid) {
		return fmt.Errorf("key id %q may hold only letters, digits, '.', '_' and '-'", kid)
	}
	return nil
}
