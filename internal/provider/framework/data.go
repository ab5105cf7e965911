package framework

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
)

// ProviderData is what Configure hands to every resource and data source.
type ProviderData struct {
	Client      *portal.Client
	Environment string
	// Where tokens for other clients are asked for (krr_maskinporten_token).
	TokenEndpoint  string
	Audience       string
	UserAgent      string
	RequestTimeout time.Duration

	// What a domain keeps for this provider instance (see InstanceState).
	stateMu sync.Mutex
	state   map[any]any
}

// InstanceState returns what this provider instance keeps under key, made
// by init on first use. A domain keeps there what it learns during one
// plan or apply (the scopes it has read, the scopes it plans), so that this
// package holds the state without knowing any domain's types.
func InstanceState[T any](d *ProviderData, key any, init func() *T) *T {
	d.stateMu.Lock()
	defer d.stateMu.Unlock()
	if v, ok := d.state[key].(*T); ok {
		return v
	}
	if d.state == nil {
		d.state = map[any]any{}
	}
	v := init()
	d.state[key] = v
	return v
}

// ProviderDataFrom unpacks ProviderData for resources and data sources. It
// is nil during validation, before the provider is configured.
func ProviderDataFrom(raw any, diags *diag.Diagnostics) *ProviderData {
	if raw == nil {
		return nil
	}
	data, ok := raw.(*ProviderData)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *framework.ProviderData, got %T. This is a bug in the provider; please report it.", raw))
		return nil
	}
	return data
}

// ConfiguredDataSource and ConfiguredResource are embedded in every data
// source and resource: they hold the provider data and implement Configure.
type ConfiguredDataSource struct {
	Data *ProviderData
}

func (d *ConfiguredDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.Data = ProviderDataFrom(req.ProviderData, &resp.Diagnostics)
}

type ConfiguredResource struct {
	Data *ProviderData
}

func (r *ConfiguredResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.Data = ProviderDataFrom(req.ProviderData, &resp.Diagnostics)
}
