// Package adoption brings a setup made by hand in the portal under
// Terraform: the data source krr_import_blocks writes an import block for
// everything the organisation has. It names every domain's resources and
// their import ids, so it is the one domain package that may import the
// others (scopes, clients, contacts), besides internal/provider/framework
// and internal/portal; nothing imports it but internal/provider.
package adoption
