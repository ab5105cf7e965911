package contacts

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// What this package serves; the provider lists it (internal/provider).

// Resources are the resources of this package.
func Resources() []func() resource.Resource {
	return []func() resource.Resource{newResource}
}

// DataSources are the data sources of this package.
func DataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{newDataSource}
}

// ListResources are the list resources of this package (Terraform 1.14+,
// terraform query): each lists the objects of its resource, by identity.
func ListResources() []func() list.ListResource {
	return []func() list.ListResource{newOrgContactsList}
}
