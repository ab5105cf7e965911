// Package clients is the API consumer's side: krr_client, krr_client_jwks,
// the ephemeral krr_maskinporten_token, and the data sources krr_client,
// krr_clients and krr_available_scopes.
//
// It may import internal/provider/scopes (a client carries scopes, judged
// by scopes.Rules), internal/provider/framework and internal/portal, never
// internal/provider.
package clients
