package provider

import "regexp"

func orDefault(v, fallback string) string {
	if v == "" {
		return fallback
	}
	return v
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

var (
	noWhitespace = regexp.MustCompile(`^\S+$`)
)
