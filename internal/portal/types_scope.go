package portal

import "encoding/json"

// Scope is a scope the organisation offers (portal-api.md §4).
//
// PUT replaces the whole object, so every changeable field is always sent:
// booleans and numbers without omitempty (a left-out "active" reads as false
// and deactivates the scope, lesson 2) and lists as arrays, never null.
// Fields the server sets are left out when empty. long_description,
// delegation_source and enforced_aud_for_access_token are always sent, empty
// too: a PUT that leaves one out may keep its old value in the portal
// (portal-api.md §11), so that clearing it would not clear it.
type Scope struct {
	Name                       string   `json:"name,omitempty"` // set by the server: prefix:subscope
	Prefix                     string   `json:"prefix"`
	Subscope                   string   `json:"subscope"`
	Description                string   `json:"description"`
	LongDescription            string   `json:"long_description"`
	Active                     bool     `json:"active"`
	OwnerOrgno                 string   `json:"owner_orgno,omitempty"` // set by the server
	AllowedIntegrationTypes    []string `json:"allowed_integration_types"`
	TokenType                  string   `json:"token_type,omitempty"` // server default SELF_CONTAINED
	Visibility                 string   `json:"visibility,omitempty"` // server default PUBLIC
	RequiresUserConsent        bool     `json:"requires_user_consent"`
	RequiresUserAuthentication bool     `json:"requires_user_authentication"`
	RequiresPseudonymousTokens bool     `json:"requires_pseudonymous_tokens"`
	AccessibleForAll           bool     `json:"accessible_for_all"`
	DelegationSource           string   `json:"delegation_source"` // an issuer URL; empty means none
	AtMaxAge                   int64    `json:"at_max_age"`
	AuthorizationMaxLifetime   int64    `json:"authorization_max_lifetime"`
	EnforcedAudForAccessToken  string   `json:"enforced_aud_for_access_token"`
	Created                    string   `json:"created,omitempty"`
	LastUpdated                string   `json:"last_updated,omitempty"`
}

// MarshalJSON sends nil lists as [] so that a full replace clears them
// explicitly instead of sending null.
func (s Scope) MarshalJSON() ([]byte, error) {
	type plain Scope
	p := plain(s)
	p.AllowedIntegrationTypes = nonNil(p.AllowedIntegrationTypes)
	return json.Marshal(p)
}

// Visibility and token type values of a scope.
const (
	VisibilityPublic   = "PUBLIC"
	VisibilityPrivate  = "PRIVATE"
	VisibilityInternal = "INTERNAL"

	TokenTypeSelfContained = "SELF_CONTAINED"
	TokenTypeOpaque        = "OPAQUE"
)

// IntegrationTypes are the values of allowed_integration_types and integration_type.
var IntegrationTypes = []string{"ansattporten", "api_klient", "eformidling", "idporten", "idporten_saml2", "krr", "maskinporten"}

// PublicScopeFilter narrows the public catalogue (GET /scopes/all).
type PublicScopeFilter struct {
	Prefix           string
	IncludeInactive  bool
	AccessibleForAll *bool  // nil: either
	IntegrationType  string // case-insensitive
	DelegatedSources *bool  // nil: either
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
