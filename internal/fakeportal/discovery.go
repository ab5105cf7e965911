package fakeportal

import (
	jose "github.com/go-jose/go-jose/v4"
)

// Maskinporten's metadata (RFC 8414) and the keys that sign its access
// tokens, both open, at the server's root like the token endpoint: clients
// such as digdirator read the token endpoint and audience from the metadata
// at start, and an API checks access tokens against the keys.
const (
	metadataPath = "/.well-known/oauth-authorization-server"
	jwksPath     = "/jwk" // Maskinporten's own jwks_uri ends so
)

// serverMetadata is the metadata document: the members of RFC 8414 that
// describe a token endpoint for the JWT bearer grant.
type serverMetadata struct {
	Issuer                   string   `json:"issuer"`
	TokenEndpoint            string   `json:"token_endpoint"`
	JWKSURI                  string   `json:"jwks_uri"`
	GrantTypesSupported      []string `json:"grant_types_supported"`
	ScopesSupported          []string `json:"scopes_supported"`
	TokenEndpointAuthMethods []string `json:"token_endpoint_auth_methods_supported"`
	// The algorithms a grant may be signed with; the fake's own tokens are
	// RS256, as the alg of the key at jwks_uri says.
	TokenEndpointAuthSigning []string `json:"token_endpoint_auth_signing_alg_values_supported"`
}

// GET /.well-known/oauth-authorization-server. The issuer is the audience a
// grant must name (trailing slash included); runs with f.mu held.
func (f *Fake) metadata(c *call) (any, error) {
	algs := make([]string, len(grantAlgorithms))
	for i, a := range grantAlgorithms {
		algs[i] = string(a)
	}
	return serverMetadata{
		Issuer:                   f.issuer + "/",
		TokenEndpoint:            f.issuer + "/token",
		JWKSURI:                  f.issuer + jwksPath,
		GrantTypesSupported:      []string{jwtBearerGrantType},
		ScopesSupported:          append([]string{}, allAPIScopes...),
		TokenEndpointAuthMethods: []string{"private_key_jwt"},
		TokenEndpointAuthSigning: algs,
	}, nil
}

// GET /jwk: the public half of the key that signs the fake's access tokens,
// with the kid their headers carry.
func (f *Fake) signingKeys(c *call) (any, error) {
	return jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{
		Key:       &f.signing.PublicKey,
		KeyID:     f.signingID,
		Use:       "sig",
		Algorithm: string(jose.RS256),
	}}}, nil
}
