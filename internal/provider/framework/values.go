package framework

import "regexp"

// NoWhitespace matches a non-empty value without whitespace: an id or a
// name as the portal takes it in a path.
var NoWhitespace = regexp.MustCompile(`^\S+$`)

// OrDefault is v, or fallback when v is empty: the portal leaves out what
// it holds at its default.
func OrDefault(v, fallback string) string {
	if v == "" {
		return fallback
	}
	return v
}

// NonNilStrings is s, or an empty slice for nil, so that a set read from
// the portal is empty, not null.
func NonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
