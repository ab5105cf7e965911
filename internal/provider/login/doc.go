// Package login is the side of the portal that signs people in: the login
// clients (krr_login_client: ID-porten, API-klient and Ansattporten, with
// their combination rules of portal-api.md §12) and their secrets
// (krr_client_secret).
//
// It may import internal/provider/clients (the client id, identity and
// lifetime helpers a login client shares with krr_client),
// internal/provider/scopes (a login client carries other organisations'
// scopes, judged by scopes.Rules), internal/provider/framework and
// internal/portal, never internal/provider.
package login
