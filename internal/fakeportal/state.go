package fakeportal

// The fake's own model of the portal's objects. JSON tags follow portal-api.md
// (snake_case); these types are what the fake stores and what it answers with,
// and what tests change behind the provider's back through Fake.Edit.

// State is everything the API can change. Fake.Edit hands it out with the
// fake's lock held.
type State struct {
	Scopes   map[string]*Scope       // by full name prefix:subscope
	Grants   map[GrantKey]*Grant     // by scope name and consumer org number
	Clients  map[string]*Client      // by client_id
	JWKS     map[string]*KeySet      // by client_id
	Contacts map[string]*OrgContacts // by orgno

	// OnBehalfOf holds the clients' on-behalf-of records (onbehalfof.go).
	OnBehalfOf map[OnBehalfOfKey]*OnBehalfOf

	// DelegationSources is what GET /delegationsources answers and what a
	// scope's delegation_source is checked against.
	DelegationSources []DelegationSource
}

func newState() *State {
	return &State{
		Scopes:   map[string]*Scope{},
		Grants:   map[GrantKey]*Grant{},
		Clients:  map[string]*Client{},
		JWKS:     map[string]*KeySet{},
		Contacts: map[string]*OrgContacts{},

		OnBehalfOf: map[OnBehalfOfKey]*OnBehalfOf{},
		DelegationSources: []DelegationSource{
			{Name: "altinn", Issuer: "https://tt02.altinn.no/",
				Created: "2019-11-05T09:46:18.000+01:00", LastUpdated: "2023-03-14T12:05:41.262Z"},
		},
	}
}

// Scope is portal-api.md §4's scope object. Unset strings are answered as
// "", as the real portal does (§11): none is left out of an answer.
type Scope struct {
	Name                       string   `json:"name"`
	Prefix                     string   `json:"prefix"`
	Subscope                   string   `json:"subscope"`
	Description                string   `json:"description"`
	LongDescription            string   `json:"long_description"`
	Active                     bool     `json:"active"`
	OwnerOrgno                 string   `json:"owner_orgno"`
	AllowedIntegrationTypes    []string `json:"allowed_integration_types"`
	TokenType                  string   `json:"token_type"`
	Visibility                 string   `json:"visibility"`
	RequiresUserConsent        bool     `json:"requires_user_consent"`
	RequiresUserAuthentication bool     `json:"requires_user_authentication"`
	RequiresPseudonymousTokens bool     `json:"requires_pseudonymous_tokens"`
	AccessibleForAll           bool     `json:"accessible_for_all"`
	DelegationSource           string   `json:"delegation_source"`
	AtMaxAge                   int      `json:"at_max_age"`
	AuthorizationMaxLifetime   int      `json:"authorization_max_lifetime"`
	EnforcedAudForAccessToken  string   `json:"enforced_aud_for_access_token"`
	Created                    string   `json:"created"`
	LastUpdated                string   `json:"last_updated"`
}

// GrantKey identifies an access grant: one scope, one consumer.
type GrantKey struct{ Scope, Consumer string }

// Grant states (§5).
const (
	GrantRequested = "REQUESTED"
	GrantApproved  = "APPROVED"
	GrantDenied    = "DENIED"
)

// Grant is §5's access grant. The organisation names are filled in from the
// seeded organisations when the fake answers, so they need not be stored.
type Grant struct {
	Scope                    string `json:"scope"`
	OwnerOrgno               string `json:"owner_orgno"`
	OwnerOrganizationName    string `json:"owner_organization_name"`
	ConsumerOrgno            string `json:"consumer_orgno"`
	ConsumerOrganizationName string `json:"consumer_organization_name"`
	State                    string `json:"state"`
	Created                  string `json:"created"`
	LastUpdated              string `json:"last_updated"`
}

// Client is §6's client object. ClientSecret is never stored: the fake sets it
// only on the copy it answers with, right after making a secret, which it
// keeps in the unexported secret (client_secrets.go). Unset
// strings, false booleans and empty lists are answered explicitly ("",
// false, []), as the real portal does (§11).
type Client struct {
	ClientID                string   `json:"client_id"`
	ClientName              string   `json:"client_name"`
	Description             string   `json:"description"`
	ClientOrgno             string   `json:"client_orgno"`
	SupplierOrgno           string   `json:"supplier_orgno,omitempty"`
	IntegrationType         string   `json:"integration_type"`
	ApplicationType         string   `json:"application_type"`
	TokenEndpointAuthMethod string   `json:"token_endpoint_auth_method"`
	GrantTypes              []string `json:"grant_types"`
	Scopes                  []string `json:"scopes"`
	Active                  bool     `json:"active"`
	AccessTokenLifetime     int      `json:"access_token_lifetime"`
	AuthorizationLifetime   int      `json:"authorization_lifetime"`
	RefreshTokenLifetime    int      `json:"refresh_token_lifetime"`
	RefreshTokenUsage       string   `json:"refresh_token_usage"`
	RedirectURIs            []string `json:"redirect_uris"`
	PostLogoutRedirectURIs  []string `json:"post_logout_redirect_uris"`
	FrontchannelLogoutURI   string   `json:"frontchannel_logout_uri"`
	LogoURI                 string   `json:"logo_uri"`
	SSODisabled             bool     `json:"sso_disabled"`
	CodeChallengeMethod     string   `json:"code_challenge_method"`
	ClientURI               string   `json:"client_uri"`

	FrontchannelLogoutSessionRequired bool `json:"frontchannel_logout_session_required"`

	Created      string `json:"created"`
	LastUpdated  string `json:"last_updated"`
	ClientSecret string `json:"client_secret,omitempty"`
	JWKSURI      string `json:"jwks_uri,omitempty"`

	secret      *clientSecret // the current secret of a client_secret_* client; nil when none
	secretsMade int           // how many secrets were made for the client, for SecretsMade
}

// JWK is one public key of a client (§6).
type JWK struct {
	Kty         string   `json:"kty"`
	Kid         string   `json:"kid"`
	Use         string   `json:"use"`
	Alg         string   `json:"alg"`
	N           string   `json:"n"`
	E           string   `json:"e"`
	X5c         []string `json:"x5c,omitempty"`
	Exp         int64    `json:"exp"`
	Created     string   `json:"created,omitempty"`
	LastUpdated string   `json:"last_updated,omitempty"`
}

// KeySet is a client's key set as GET /clients/{id}/jwks answers it.
type KeySet struct {
	Keys        []JWK  `json:"keys"`
	Created     string `json:"created,omitempty"`
	LastUpdated string `json:"last_updated,omitempty"`
}

// OrgContacts is the merchant data of §8.
type OrgContacts struct {
	Orgno                string                `json:"orgno"`
	Invoice              *Invoice              `json:"invoice,omitempty"`
	NotificationContacts []NotificationContact `json:"notification_contacts"`
	LastUpdated          string                `json:"last_updated"`
}

// Invoice is where and to whom the organisation's invoices go.
type Invoice struct {
	Email       string   `json:"email"`
	Reference   string   `json:"reference,omitempty"`
	ContactName string   `json:"contact_name,omitempty"`
	Address     *Address `json:"address,omitempty"`
}

// Address is a postal address.
type Address struct {
	Street     string `json:"street,omitempty"`
	PostalCode string `json:"postal_code,omitempty"`
	City       string `json:"city,omitempty"`
}

// NotificationContact gets e-mail about critical incidents.
type NotificationContact struct {
	Name  string `json:"name,omitempty"`
	Email string `json:"email"`
	Phone string `json:"phone,omitempty"`
}

// DelegationSource is one entry of GET /delegationsources. The real answers
// date each source; the fake's have fixed dates, and one a test adds without
// dates is answered with delegationSourceDate.
type DelegationSource struct {
	Name        string `json:"name"`
	Issuer      string `json:"issuer"`
	Created     string `json:"created"`
	LastUpdated string `json:"last_updated"`
}

// Prefix is one entry of GET /prefix and /prefix/all.
type Prefix struct {
	Prefix           string `json:"prefix"`
	OwnerOrgno       string `json:"owner_orgno"`
	OrganizationName string `json:"organization_name"`
	Active           bool   `json:"active"`
	Created          string `json:"created"`
	LastUpdated      string `json:"last_updated"`
}

// Organization is GET /organizations/{orgno}'s answer.
type Organization struct {
	Orgnr string `json:"orgnr"`
	Name  string `json:"name"`
}
