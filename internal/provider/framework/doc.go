// Package framework is what every domain package of the provider is built
// on: the per-instance provider data that Configure hands out
// (ProviderData, InstanceState) and the embeds that receive it
// (ConfiguredResource, ConfiguredDataSource), the diagnostics that turn the
// portal's errors and the user guide's FAQ into what to do, helpers that
// read values known at plan, and the validators more than one domain uses.
//
// It may import internal/portal and the terraform-plugin libraries, never
// internal/provider or a domain package.
package framework
