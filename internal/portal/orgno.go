package portal

import (
	"fmt"
	"strings"
)

// orgnoWeights are the mod-11 weights over the first eight digits (§9).
var orgnoWeights = [8]int{3, 2, 7, 6, 5, 4, 3, 2}

// ValidOrgno checks a Norwegian organisation number: nine digits, the last a
// mod-11 check digit over the first eight. It returns nil or an error saying
// why the number is wrong.
func ValidOrgno(s string) error {
	if len(s) != 9 || strings.Trim(s, "0123456789") != "" {
		if strings.TrimSpace(s) == "" {
			return fmt.Errorf("organisation number is empty; it must be 9 digits")
		}
		return fmt.Errorf("organisation number %q must be 9 digits", s)
	}
	sum := 0
	for i, w := range orgnoWeights {
		sum += int(s[i]-'0') * w
	}
	want := 0
	if r := sum % 11; r != 0 {
		want = 11 - r // r = 1 gives 10: no digit, no organisation number
	}
	if int(s[8]-'0') != want {
		return fmt.Errorf("organisation number %s is not valid: it fails the mod-11 check digit test, so it is "+
			"mistyped or not an organisation number. Look the organisation up in Enhetsregisteret "+
			"(Brønnøysundregistrene, https://www.brreg.no) and copy its number from there; do not change a digit "+
			"until the number passes, since that can give another organisation's valid number", s)
	}
	return nil
}

// checkOrgno is ValidOrgno for a number about to go into a request: a blank
// or malformed one must never reach the server (lesson 10: a blank consumer
// turns DELETE /scopes/access/{orgno} into a call on the scope itself).
func checkOrgno(what, s string) error {
	if err := ValidOrgno(s); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}
