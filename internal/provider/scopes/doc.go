// Package scopes is the API provider's side: krr_scope, krr_scope_access,
// krr_scope_consumers and their data sources (krr_scope, krr_scopes,
// krr_scope_access, krr_public_scopes), and the rules that judge whether a
// scope is usable by a client or a grant: the facts read from the portal,
// the verdicts, the scopes planned in this provider instance, and the
// prefix check (Rules, RulesOf).
//
// It may import internal/provider/framework and internal/portal, never
// internal/provider or another domain package: clients uses it, not the
// reverse.
package scopes
