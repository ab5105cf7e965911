package fakeportal

import (
	"fmt"
	"net/mail"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// SyntheticOrgnos returns n valid organisation numbers (9 digits, mod-11
// check digit) from 320000000 on, in order: consumers for tests and
// benchmarks that need many organisations. The fake accepts any valid
// number as a consumer.
func SyntheticOrgnos(n int) []string {
	var out []string
	for base := 32000000; len(out) < n; base++ {
		for d := range 10 {
			if candidate := fmt.Sprintf("%08d%d", base, d); validOrgno(candidate) {
				out = append(out, candidate)
				break
			}
		}
	}
	return out
}

// validOrgno is portal-api.md §9: nine digits, the last a mod-11 check digit
// over the first eight with weights 3 2 7 6 5 4 3 2.
func validOrgno(s string) bool {
	if len(s) != 9 {
		return false
	}
	weights := [8]int{3, 2, 7, 6, 5, 4, 3, 2}
	sum := 0
	for i := 0; i < 9; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
		if i < 8 {
			sum += int(s[i]-'0') * weights[i]
		}
	}
	check := 0
	switch r := sum % 11; r {
	case 0:
	case 1:
		return false // no number has this check digit
	default:
		check = 11 - r
	}
	return int(s[8]-'0') == check
}

// checkOrgno is the 400 for a bad organisation number given as what.
func checkOrgno(what, s string) error {
	if validOrgno(s) {
		return nil
	}
	return &apiError{Status: 400, Object: "Organization", Fields: []fieldError{{
		Field: what,
		Msg:   fmt.Sprintf("%s %q is not a valid organisation number (9 digits with a mod-11 check digit)", what, s),
	}}}
}

func hasSpace(s string) bool { return strings.IndexFunc(s, unicode.IsSpace) >= 0 }

// Enumerations of §4 and §6.
var (
	integrationTypes = []string{"ansattporten", "api_klient", "eformidling", "idporten", "idporten_saml2", "krr", "maskinporten"}
	tokenTypes       = []string{"SELF_CONTAINED", "OPAQUE"}
	visibilities     = []string{"PUBLIC", "PRIVATE", "INTERNAL"}
	applicationTypes = []string{"web", "browser", "native"}
	authMethods      = []string{"private_key_jwt", "client_secret_basic", "client_secret_post", "none"}
	refreshUsages    = []string{"ONETIME", "REUSE"}
)

// checkEnum adds a field error when v is not one of allowed ("" is checked by
// the caller: most enums have a default).
func (fe *fieldErrors) checkEnum(field, v string, allowed []string) {
	if !slices.Contains(allowed, v) {
		fe.add(field, fmt.Sprintf("%s %q is not one of %s", field, v, strings.Join(allowed, ", ")))
	}
}

func (fe *fieldErrors) checkMaxLen(field, v string, max int) {
	if n := len([]rune(v)); n > max {
		fe.add(field, fmt.Sprintf("%s is %d characters; at most %d are allowed", field, n, max))
	}
}

func (fe *fieldErrors) checkRequired(field, v string) {
	if strings.TrimSpace(v) == "" {
		fe.add(field, field+" must be set")
	}
}

// validEmail accepts a bare address (no display name) whose domain has a dot,
// which is what an e-mail the portal can send to looks like.
func validEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return false
	}
	at := strings.LastIndex(s, "@")
	domain := s[at+1:]
	return strings.Contains(domain, ".") && !strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}

var phonePattern = regexp.MustCompile(`^\+?[0-9 ]{8,15}$`)

var kidPattern = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)

// clientIDPattern keeps a client id given on create safe in a URL path.
var clientIDPattern = regexp.MustCompile(`^[A-Za-z0-9._:-]{1,128}$`)
