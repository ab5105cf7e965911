package login

import (
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// What this package serves; the provider lists it (internal/provider).

// Resources are the resources of this package.
func Resources() []func() resource.Resource {
	return []func() resource.Resource{newLoginClientResource, newClientSecretResource}
}

// ListResources are the list resources of this package (Terraform 1.14+,
// terraform query).
func ListResources() []func() list.ListResource {
	return []func() list.ListResource{newLoginClientList}
}
