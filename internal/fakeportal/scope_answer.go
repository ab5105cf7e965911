package fakeportal

// scopeAnswer is a scope as the API answers with it: the scope object of
// portal-api.md §4 and fields the contract does not list. The live catalogue
// and scope answers carry such fields (§3), and a client must ignore what it
// does not know; the fake sends some so that a client that refuses unknown
// fields fails against the fake as it would against the portal. They are not
// stored: a PUT need not send them, and one that sends them back changes
// nothing.
type scopeAnswer struct {
	Scope
	Protected                  bool   `json:"protected"`
	SupportsEuropeanBusinesses bool   `json:"supports_european_businesses"`
	DescriptionEn              string `json:"description#en"`
	LongDescriptionNn          string `json:"long_description#nn"`
}

// scopeView is the answer for s: allowed_integration_types is always an
// array, never null, and the unlisted fields have plausible fixed values,
// the translations the same text as the Norwegian.
func scopeView(s *Scope) scopeAnswer {
	v := *s
	v.AllowedIntegrationTypes = append([]string{}, s.AllowedIntegrationTypes...)
	return scopeAnswer{
		Scope:             v,
		DescriptionEn:     s.Description,
		LongDescriptionNn: s.LongDescription,
	}
}
