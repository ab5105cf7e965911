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
	var want int
	switch r := sum % 11; r {
	case 0:
		want = 0
	case 1:
		return fmt.Errorf("organisation number %s is not valid: its first eight digits have no valid check digit", s)
	default:
		want = 11 - r
	}
	if got := int(s[8] - '0'); got != want {
		return fmt.Errorf("organisation number %s is not valid: check digit is wrong, expected %d", s, want)
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
