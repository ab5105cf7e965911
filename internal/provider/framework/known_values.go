package framework

// Any value can be unknown at plan, at any depth: a known set can hold an
// unknown element (scopes = [krr_scope.new.name]). These read what is known
// and leave the rest to apply.

import "github.com/hashicorp/terraform-plugin-framework/types"

// KnownString is a string's value, or "" when it is null or not known yet.
func KnownString(s types.String) string {
	if s.IsNull() || s.IsUnknown() {
		return ""
	}
	return s.ValueString()
}

// KnownStrings returns a set's strings and true when the set and every
// element are known; a null set is known and empty.
func KnownStrings(set types.Set) ([]string, bool) {
	if set.IsUnknown() {
		return nil, false
	}
	var out []string
	for _, e := range set.Elements() {
		s, ok := e.(types.String)
		if !ok || s.IsUnknown() {
			return nil, false
		}
		if !s.IsNull() {
			out = append(out, s.ValueString())
		}
	}
	return out, true
}
