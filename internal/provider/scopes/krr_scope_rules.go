package scopes

import (
	"fmt"
	"slices"
	"strings"
)

// KRR's own scopes are Digdir's, under the prefix krr, open to every
// organisation, and where each may be used is Digdir's fixed rule
// (portal-api.md §11): nothing in an apply can change it, so a refusal is
// certain and a plan may stop on it.
var (
	// KRRGlobalScopes are the machine look-ups, on krr and maskinporten
	// clients; a krr client carries exactly these two.
	KRRGlobalScopes = []string{"krr:global/digitalpost.read", "krr:global/kontaktinformasjon.read"}
	// krrUserScopes read or write the signed-in person's own record, on
	// api_klient clients only.
	krrUserScopes = []string{"krr:user/digitalpost.read", "krr:user/kontaktinformasjon.read", "krr:user/spraak.write"}
)

// krrVerdict judges one of KRR's own scopes by Digdir's rule; ok is false
// for any other scope, and for a scope of that name the caller owns (then
// it is the caller's, not Digdir's fixed one). integrationType "" is not
// known yet, and judged at apply.
func (j Judge) krrVerdict(name, integrationType string) (Verdict, bool) {
	global, user := slices.Contains(KRRGlobalScopes, name), slices.Contains(krrUserScopes, name)
	if _, own := j.facts.Own[name]; own || (!global && !user) {
		return Verdict{}, false
	}
	switch {
	case integrationType == "",
		global && (integrationType == "krr" || integrationType == "maskinporten"),
		user && integrationType == "api_klient":
		return usable(), true
	}
	v := unusableScope("KRR scope not allowed for this kind of client", "")
	v.Certain = true
	if user {
		v.Detail = fmt.Sprintf("Scope %s is one of KRR's user scopes (%s): they look up the signed-in person's own "+
			"record, and Digdir allows them on api_klient clients only, beside openid and profile, never on a %s "+
			"client. A machine look-up in KRR uses %s.", name, strings.Join(krrUserScopes, ", "), integrationType,
			strings.Join(KRRGlobalScopes, " and "))
	} else {
		v.Detail = fmt.Sprintf("Scope %s is one of KRR's machine look-up scopes, which Digdir allows on krr and "+
			"maskinporten clients only, not on a %s client.", name, integrationType)
	}
	return v, true
}
