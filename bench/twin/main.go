// Command twin is the provider's twin for make bench-plan: the same provider
// and resource schemas, built by the provider's own schema functions, with
// none of its work (or, with KRR_TWIN_BARE=1, the bare schemas: bare.go). Create and Update store the plan, with values not known
// yet made zero; Read returns the state; nothing makes a request. Its time
// is the floor of what Terraform and the framework cost for these schemas:
// everything the provider takes above it is the provider's own work.
package main

import (
	"context"
	"log"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/platform-iac/terraform-provider-krr/internal/cpuprofile"
	"github.com/platform-iac/terraform-provider-krr/internal/pluginlog"
	krr "github.com/platform-iac/terraform-provider-krr/internal/provider"
)

// bare: serve the bare schemas (bare.go), KRR_TWIN_BARE=1.
var bare = os.Getenv("KRR_TWIN_BARE") == "1"

func main() {
	// As the provider does (main.go): like for like.
	pluginlog.QuietUnlessAsked("krr")
	stopProfile := cpuprofile.Start()
	defer stopProfile()
	err := providerserver.Serve(context.Background(), func() provider.Provider { return &twin{real: krr.New("twin")()} },
		providerserver.ServeOpts{Address: "registry.terraform.io/platform-iac/krr"})
	if err != nil {
		stopProfile()
		log.Fatal(err)
	}
}

// twin answers for the real provider's name and schemas.
type twin struct{ real provider.Provider }

func (t *twin) Metadata(ctx context.Context, req provider.MetadataRequest, resp *provider.MetadataResponse) {
	t.real.Metadata(ctx, req, resp)
	resp.Version = "twin"
}

func (t *twin) Schema(ctx context.Context, req provider.SchemaRequest, resp *provider.SchemaResponse) {
	t.real.Schema(ctx, req, resp)
}

func (t *twin) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {}

func (t *twin) DataSources(context.Context) []func() datasource.DataSource { return nil }

// Resources wraps each of the real provider's resources: its type name and
// schema, and the twin's no-op behaviour.
func (t *twin) Resources(ctx context.Context) []func() resource.Resource {
	var meta provider.MetadataResponse
	t.real.Metadata(ctx, provider.MetadataRequest{}, &meta)
	var out []func() resource.Resource
	for _, newReal := range t.real.Resources(ctx) {
		real := newReal()
		var m resource.MetadataResponse
		real.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: meta.TypeName}, &m)
		var s resource.SchemaResponse
		real.Schema(ctx, resource.SchemaRequest{}, &s)
		if bare {
			s.Schema = bareSchema(s.Schema)
		}
		r := &twinResource{typeName: m.TypeName, schema: s}
		out = append(out, func() resource.Resource { return r })
	}
	return out
}

type twinResource struct {
	typeName string
	schema   resource.SchemaResponse
}

func (r *twinResource) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = r.typeName
}

func (r *twinResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	*resp = r.schema
}

func (r *twinResource) Create(_ context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	resp.State.Raw = zeroUnknowns(req.Plan.Raw)
}

func (r *twinResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (r *twinResource) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = zeroUnknowns(req.Plan.Raw)
}

func (r *twinResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// zeroUnknowns replaces every value not known yet with its type's zero:
// "", 0, false, an empty collection, an object of zeros.
func zeroUnknowns(v tftypes.Value) tftypes.Value {
	out, err := tftypes.Transform(v, func(_ *tftypes.AttributePath, x tftypes.Value) (tftypes.Value, error) {
		if x.IsKnown() {
			return x, nil
		}
		return zero(x.Type()), nil
	})
	if err != nil {
		log.Fatal(err)
	}
	return out
}

func zero(t tftypes.Type) tftypes.Value {
	switch {
	case t.Is(tftypes.String):
		return tftypes.NewValue(t, "")
	case t.Is(tftypes.Number):
		return tftypes.NewValue(t, 0)
	case t.Is(tftypes.Bool):
		return tftypes.NewValue(t, false)
	case t.Is(tftypes.Object{}):
		o, _ := t.(tftypes.Object)
		attrs := map[string]tftypes.Value{}
		for name, at := range o.AttributeTypes {
			attrs[name] = zero(at)
		}
		return tftypes.NewValue(t, attrs)
	case t.Is(tftypes.Map{}):
		return tftypes.NewValue(t, map[string]tftypes.Value{})
	default: // list, set, tuple
		return tftypes.NewValue(t, []tftypes.Value{})
	}
}
