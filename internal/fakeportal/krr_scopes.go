package fakeportal

import (
	"fmt"
	"slices"
	"strings"
)

// KRR's own scopes (portal-api.md §11): Digdir's, under the prefix krr, open
// to every organisation. The two krr:global ones are machine look-ups, on
// krr or maskinporten clients, and a krr client carries exactly these two;
// the krr:user ones read or write the signed-in person's own record, on
// api_klient clients only.
//
// Like openid and profile they are kept apart from State.Scopes, so that they
// are nobody's scopes in GET /scopes; unlike them they are APIs, and so are
// listed in GET /scopes/all, as in the real catalogue. A scope of the same
// name put in State.Scopes (by Fake.Edit) takes their place.

const krrPrefix = "krr"

// KRRGlobalScopes are the scopes a krr client carries, exactly.
var KRRGlobalScopes = []string{"krr:global/digitalpost.read", "krr:global/kontaktinformasjon.read"}

var krrScopes = map[string]Scope{
	"krr:global/kontaktinformasjon.read": krrScope("global/kontaktinformasjon.read", "Oppslag av kontaktinformasjon i KRR", "krr", "maskinporten"),
	"krr:global/digitalpost.read":        krrScope("global/digitalpost.read", "Oppslag av digital postkasse i KRR", "krr", "maskinporten"),
	"krr:user/kontaktinformasjon.read":   krrScope("user/kontaktinformasjon.read", "Innbyggerens egen kontaktinformasjon", "api_klient"),
	"krr:user/digitalpost.read":          krrScope("user/digitalpost.read", "Innbyggerens egen digitale postkasse", "api_klient"),
	"krr:user/spraak.write":              krrScope("user/spraak.write", "Innbyggerens språkvalg", "api_klient"),
}

func krrScope(subscope, description string, integrationTypes ...string) Scope {
	return Scope{
		Name: krrPrefix + ":" + subscope, Prefix: krrPrefix, Subscope: subscope, Description: description,
		Active: true, OwnerOrgno: digdirOrgno, AllowedIntegrationTypes: integrationTypes,
		TokenType: "SELF_CONTAINED", Visibility: "PUBLIC", AccessibleForAll: true,
		Created: builtinScopeDate, LastUpdated: builtinScopeDate,
	}
}

// krrPrefixEntry is the krr prefix in GET /prefix/all, Digdir's. It is not
// among the prefixes of a seeded organisation (not even Digdir's, when the
// fake is seeded with it): GET /prefix answers what an organisation may make
// scopes under, and KRR's scopes are not made through this API.
func krrPrefixEntry() Prefix {
	return Prefix{Prefix: krrPrefix, OwnerOrgno: digdirOrgno, OrganizationName: "DIGITALISERINGSDIREKTORATET",
		Active: true, Created: builtinScopeDate, LastUpdated: builtinScopeDate}
}

// catalogueKRRScopes are KRR's scopes that no stored scope takes the place
// of, as copies. Callers hold f.mu.
func (f *Fake) catalogueKRRScopes() []*Scope {
	var out []*Scope
	for name, s := range krrScopes {
		if _, shadowed := f.state.Scopes[name]; !shadowed {
			s.AllowedIntegrationTypes = slices.Clone(s.AllowedIntegrationTypes)
			out = append(out, &s)
		}
	}
	return out
}

// krrClientScopesRule is why a krr client may not carry scopes, "" when it
// may: exactly the two krr:global scopes.
func krrClientScopesRule(scopes []string) string {
	got := slices.Sorted(slices.Values(uniqueStrings(scopes)))
	if slices.Equal(got, KRRGlobalScopes) {
		return ""
	}
	return fmt.Sprintf("a krr client carries exactly the scopes %s, not %s",
		strings.Join(KRRGlobalScopes, " and "), strings.Join(got, ", "))
}
