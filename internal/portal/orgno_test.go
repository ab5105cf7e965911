package portal

import (
	"strings"
	"testing"
)

func TestValidOrgno(t *testing.T) {
	for _, ok := range []string{"991825827", "889640782", "974760673"} {
		if err := ValidOrgno(ok); err != nil {
			t.Errorf("ValidOrgno(%s) = %v", ok, err)
		}
	}
	cases := map[string]string{
		"991825828":  "is not valid: it fails the mod-11 check digit test",
		"99182582":   "must be 9 digits",
		"9918258270": "must be 9 digits",
		"99182582a":  "must be 9 digits",
		"":           "must be 9 digits",
		// 4*3 = 12, 12 mod 11 = 1: no digit can be right.
		"400000000": "is not valid: it fails the mod-11 check digit test",
	}
	for in, want := range cases {
		err := ValidOrgno(in)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ValidOrgno(%q) = %v; want an error with %q", in, err, want)
		}
	}
	// A number that fails the check points to the register, never to a
	// digit: the right digit for a typo may make another organisation's
	// valid number.
	for _, in := range []string{"991825828", "400000000"} {
		msg := ValidOrgno(in).Error()
		if !strings.Contains(msg, "Enhetsregisteret (Brønnøysundregistrene") {
			t.Errorf("ValidOrgno(%q) = %q; want it to send the user to Enhetsregisteret", in, msg)
		}
		if strings.ContainsAny(strings.NewReplacer(in, "", "mod-11", "").Replace(msg), "0123456789") {
			t.Errorf("ValidOrgno(%q) = %q; want no digit suggested", in, msg)
		}
	}
}
