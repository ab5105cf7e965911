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
		"991825828":  "check digit is wrong, expected 7",
		"99182582":   "must be 9 digits",
		"9918258270": "must be 9 digits",
		"99182582a":  "must be 9 digits",
		"":           "must be 9 digits",
		// 4*3 = 12, 12 mod 11 = 1: no digit can be right.
		"400000000": "no valid check digit",
	}
	for in, want := range cases {
		err := ValidOrgno(in)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ValidOrgno(%q) = %v; want an error with %q", in, err, want)
		}
	}
}
