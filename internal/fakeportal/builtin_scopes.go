package fakeportal

// ID-porten's OpenID Connect scopes exist in every environment: an ID-porten
// client carries openid (and most carry profile) without anyone having made
// or shared them. They are Digdir's, open to all, for the integration types
// that log people in.
//
// They are kept apart from State.Scopes so that they are nobody's scopes in
// GET /scopes (the tests seed Digdir's own number as an API provider), and
// they are left out of GET /scopes/all: they are protocol scopes, not APIs
// an organisation publishes, and a catalogue that listed them would change
// every answer of it. A scope of the same name put in State.Scopes (by
// Fake.Edit) takes their place.

const digdirOrgno = "991825827"

// builtinScopeDate is when the fake says the built-in scopes were made.
const builtinScopeDate = "2018-01-01T00:00:00.000+01:00"

// openid and profile are for every kind of client that logs people in;
// eidas (logins with a European eID) and no_pid (logins without a Norwegian
// national identity number) only for idporten clients (portal-api.md §12).
var builtinScopes = map[string]Scope{
	"openid":  builtinScope("openid", "Logg inn med ID-porten (OpenID Connect)", loginScopeTypes...),
	"profile": builtinScope("profile", "Grunnleggende opplysninger om brukeren i ID-tokenet", loginScopeTypes...),
	"eidas":   builtinScope("eidas", "Innlogging med europeisk eID (eIDAS)", "idporten"),
	"no_pid":  builtinScope("no_pid", "Innlogging uten norsk fødselsnummer", "idporten"),
}

// loginScopeTypes are the integration types whose clients log people in.
var loginScopeTypes = []string{"idporten", "api_klient", "ansattporten", "idporten_saml2"}

func builtinScope(name, description string, integrationTypes ...string) Scope {
	return Scope{
		Name: name, Description: description, Active: true, // no prefix: not prefix:subscope
		OwnerOrgno:              digdirOrgno,
		AllowedIntegrationTypes: integrationTypes,
		TokenType:               "SELF_CONTAINED",
		Visibility:              "PUBLIC",
		AccessibleForAll:        true,
		Created:                 builtinScopeDate,
		LastUpdated:             builtinScopeDate,
	}
}

// knownScope finds a scope by name among the stored scopes and then the
// built-in ones (KRR's, krr_scopes.go, and the OpenID Connect ones). The built-in ones are copies: changing them changes nothing.
// Callers hold f.mu.
func (f *Fake) knownScope(name string) (*Scope, bool) {
	if s, ok := f.state.Scopes[name]; ok {
		return s, true
	}
	if s, ok := krrScopes[name]; ok {
		s.AllowedIntegrationTypes = append([]string{}, s.AllowedIntegrationTypes...)
		return &s, true
	}
	if s, ok := builtinScopes[name]; ok {
		s.AllowedIntegrationTypes = append([]string{}, s.AllowedIntegrationTypes...)
		return &s, true
	}
	return nil, false
}
