// Package contacts is the organisation's merchant data: krr_org_contacts
// and its data source.
//
// It may import internal/provider/framework and internal/portal, never
// internal/provider or another domain package.
package contacts
