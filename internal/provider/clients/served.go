package clients

import (
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// What this package serves; the provider lists it (internal/provider).

// Resources are the resources of this package.
func Resources() []func() resource.Resource {
	return []func() resource.Resource{newResource, newJWKSResource}
}

// DataSources are the data sources of this package.
func DataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{newDataSource, newClientsDataSource, newAvailableScopesDataSource}
}

// EphemeralResources are the ephemeral resources of this package.
func EphemeralResources() []func() ephemeral.EphemeralResource {
	return []func() ephemeral.EphemeralResource{newMaskinportenToken}
}

// Actions are the actions of this package (Terraform 1.14+).
func Actions() []func() action.Action {
	return []func() action.Action{newClientTokenCheck}
}

// ListResources are the list resources of this package (Terraform 1.14+,
// terraform query): each lists the objects of its resource, by identity.
func ListResources() []func() list.ListResource {
	return []func() list.ListResource{newClientList, newClientJWKSList}
}
