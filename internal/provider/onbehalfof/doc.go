// Package onbehalfof is the supplier's side of login and KRR clients:
// krr_client_onbehalfof, one on-behalf-of record of a client for each
// customer the supplier serves through it (portal-api.md §12), and its
// list resource.
//
// It may import internal/provider/framework and internal/portal, never
// internal/provider or another domain package.
package onbehalfof
