package framework

import "regexp"

func OrDefault(v, fallback string) string {
	if v == "" {
		return fallback
	}
	return v
}

func NonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

var (
	NoWhitespace = regexp.MustCompile(`^\S+$`)
)
