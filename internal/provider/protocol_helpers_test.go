package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// protocolProvider drives the provider over the plugin protocol without
// Terraform, for what terraform-plugin-testing cannot observe: the
// warnings a read returns.
type protocolProvider struct {
	t      *testing.T
	server tfprotov6.ProviderServer
	schema *tfprotov6.GetProviderSchemaResponse
}

func newProtocolProvider(t *testing.T, config map[string]tftypes.Value) *protocolProvider {
	t.Helper()
	ctx := context.Background()
	server, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	schema, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	p := &protocolProvider{t: t, server: server, schema: schema}
	resp, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{
		TerraformVersion: "1.11.0",
		Config:           p.dynamicValue(schema.Provider, config),
	})
	if err != nil {
		t.Fatal(err)
	}
	requireNoErrors(t, "configure", resp.Diagnostics)
	return p
}

// readDataSource reads one data source and returns its diagnostics.
func (p *protocolProvider) readDataSource(typeName string, config map[string]tftypes.Value) []*tfprotov6.Diagnostic {
	p.t.Helper()
	schema, ok := p.schema.DataSourceSchemas[typeName]
	if !ok {
		p.t.Fatalf("no data source %s", typeName)
	}
	resp, err := p.server.ReadDataSource(context.Background(), &tfprotov6.ReadDataSourceRequest{
		TypeName: typeName,
		Config:   p.dynamicValue(schema, config),
	})
	if err != nil {
		p.t.Fatal(err)
	}
	return resp.Diagnostics
}

// dynamicValue builds an object of the schema's type: the given attributes,
// null for the rest.
func (p *protocolProvider) dynamicValue(schema *tfprotov6.Schema, attrs map[string]tftypes.Value) *tfprotov6.DynamicValue {
	p.t.Helper()
	typ := schema.ValueType().(tftypes.Object)
	values := make(map[string]tftypes.Value, len(typ.AttributeTypes))
	for name, attrType := range typ.AttributeTypes {
		if v, ok := attrs[name]; ok {
			values[name] = v
		} else {
			values[name] = tftypes.NewValue(attrType, nil)
		}
	}
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, values))
	if err != nil {
		p.t.Fatal(err)
	}
	return &dv
}

func str(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

func requireNoErrors(t *testing.T, what string, diags []*tfprotov6.Diagnostic) {
	t.Helper()
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			t.Fatalf("%s: unexpected error: %s: %s", what, d.Summary, d.Detail)
		}
	}
}

func warnings(diags []*tfprotov6.Diagnostic) []*tfprotov6.Diagnostic {
	var out []*tfprotov6.Diagnostic
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityWarning {
			out = append(out, d)
		}
	}
	return out
}

// readResource refreshes one resource from the given state and returns
// whether it is still in the state, and the diagnostics.
func (p *protocolProvider) readResource(typeName string, state map[string]tftypes.Value) (kept bool, diags []*tfprotov6.Diagnostic) {
	p.t.Helper()
	schema, ok := p.schema.ResourceSchemas[typeName]
	if !ok {
		p.t.Fatalf("no resource %s", typeName)
	}
	resp, err := p.server.ReadResource(context.Background(), &tfprotov6.ReadResourceRequest{
		TypeName:     typeName,
		CurrentState: p.dynamicValue(schema, state),
	})
	if err != nil {
		p.t.Fatal(err)
	}
	if resp.NewState == nil {
		return false, resp.Diagnostics
	}
	v, err := resp.NewState.Unmarshal(schema.ValueType())
	if err != nil {
		p.t.Fatal(err)
	}
	return !v.IsNull(), resp.Diagnostics
}
