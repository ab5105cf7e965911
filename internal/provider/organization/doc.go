// Package organization is what the portal says of the organisation the
// credentials act for: the data sources krr_organization, krr_prefixes and
// krr_delegation_sources.
//
// It may import internal/provider/framework and internal/portal, never
// internal/provider or another domain package.
package organization
