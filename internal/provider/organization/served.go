package organization

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
)

// What this package serves; the provider lists it (internal/provider).

// DataSources are the data sources of this package.
func DataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{newDataSource, newPrefixesDataSource, newDelegationSourcesDataSource}
}
