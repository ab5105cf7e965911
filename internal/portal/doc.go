// Package portal is the client library for the self-service API of
// Samarbeidsportalen (Digdir), as described in shared/portal-api.md.
//
// It knows nothing of Terraform: the provider maps its models to the types
// here and back. Every call takes a context, errors are typed (*APIError,
// *TokenError, *TransportError), and requests are retried where that is safe
// (GET, PUT and DELETE; POST only when no connection was made).
package portal
