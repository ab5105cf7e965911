package portal

import "encoding/json"

// Integration is a client of Maskinporten, ID-porten and the like
// (portal-api.md §6). It is not called Client because Client is this
// package's API client.
//
// As for scopes, PUT is a full replace: booleans, numbers (but a lifetime of
// 0) and lists are always sent. Fields the server sets are left out when empty, and client_secret is
// never sent at all (lesson 4: a secret read from state must not travel in a
// request).
type Integration struct {
	ClientID                string   `json:"client_id,omitempty"` // give it on create to make the create safe to retry
	ClientName              string   `json:"client_name"`
	Description             string   `json:"description"`
	ClientOrgno             string   `json:"client_orgno,omitempty"`   // default: the caller's organisation
	SupplierOrgno           string   `json:"supplier_orgno,omitempty"` // set by the server
	IntegrationType         string   `json:"integration_type"`
	ApplicationType         string   `json:"application_type"`
	TokenEndpointAuthMethod string   `json:"token_endpoint_auth_method"`
	GrantTypes              []string `json:"grant_types"`
	Scopes                  []string `json:"scopes"`
	Active                  bool     `json:"active"`
	// Lifetimes of 0 are never sent: the portal answers 400 for them since
	// 2025-05-22 (portal-api.md §11), and one left out gets its default.
	AccessTokenLifetime    int64    `json:"access_token_lifetime,omitempty"`
	AuthorizationLifetime  int64    `json:"authorization_lifetime,omitempty"`
	RefreshTokenLifetime   int64    `json:"refresh_token_lifetime,omitempty"`
	RefreshTokenUsage      string   `json:"refresh_token_usage,omitempty"`
	RedirectURIs           []string `json:"redirect_uris"`
	PostLogoutRedirectURIs []string `json:"post_logout_redirect_uris"`
	FrontchannelLogoutURI  string   `json:"frontchannel_logout_uri,omitempty"`
	LogoURI                string   `json:"logo_uri,omitempty"`
	SSODisabled            bool     `json:"sso_disabled"`
	CodeChallengeMethod    string   `json:"code_challenge_method,omitempty"`
	ClientURI              string   `json:"client_uri,omitempty"` // the client's home page, shown at login

	FrontchannelLogoutSessionRequired bool `json:"frontchannel_logout_session_required"`

	Created      string `json:"created,omitempty"`
	LastUpdated  string `json:"last_updated,omitempty"`
	ClientSecret string `json:"client_secret,omitempty"` // in answers only, right after a secret was made
	JWKSURI      string `json:"jwks_uri,omitempty"`
}

// MarshalJSON sends lists as arrays and never sends the client secret.
func (in Integration) MarshalJSON() ([]byte, error) {
	type plain Integration
	p := plain(in)
	p.GrantTypes = nonNil(p.GrantTypes)
	p.Scopes = nonNil(p.Scopes)
	p.RedirectURIs = nonNil(p.RedirectURIs)
	p.PostLogoutRedirectURIs = nonNil(p.PostLogoutRedirectURIs)
	p.ClientSecret = ""
	return json.Marshal(p)
}

// Values for a Maskinporten (and KRR) client.
const (
	IntegrationTypeMaskinporten = "maskinporten"
	ApplicationTypeWeb          = "web"
	AuthMethodPrivateKeyJWT     = "private_key_jwt"
	GrantTypeJWTBearer          = "urn:ietf:params:oauth:grant-type:jwt-bearer"
)
