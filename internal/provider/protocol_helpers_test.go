package provider

import (
	"context"
	"strings"
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

// newTokenProtocol is the provider over the protocol, configured with a
// static token of orgno, for the warnings terraform-plugin-testing cannot
// see.
func newTokenProtocol(t *testing.T, p *testPortal, orgno string) *protocolProvider {
	t.Helper()
	return newProtocolProvider(t, map[string]tftypes.Value{
		"base_url":     str(p.BaseURL),
		"access_token": str(p.IssueToken(orgno)),
	})
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

// planResource plans one resource as Terraform would: the proposed new
// state is the configuration, with computed attributes it leaves out taken
// from the prior state (unknown on create). Flat schemas only. prior nil
// plans a create.
func (p *protocolProvider) planResource(typeName string, prior, config map[string]tftypes.Value) (*tfprotov6.DynamicValue, []*tfprotov6.Diagnostic) {
	p.t.Helper()
	schema := p.resourceSchema(typeName)
	proposed := map[string]tftypes.Value{}
	for _, a := range schema.Block.Attributes {
		switch v, ok := config[a.Name]; {
		case ok && !v.IsNull():
			proposed[a.Name] = v
		case a.Computed && prior != nil:
			proposed[a.Name] = prior[a.Name]
		case a.Computed:
			proposed[a.Name] = tftypes.NewValue(a.Type, tftypes.UnknownValue)
		}
	}
	resp, err := p.server.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
		TypeName:         typeName,
		PriorState:       p.stateOrNull(schema, prior),
		ProposedNewState: p.dynamicValue(schema, proposed),
		Config:           p.dynamicValue(schema, config),
	})
	if err != nil {
		p.t.Fatal(err)
	}
	return resp.PlannedState, resp.Diagnostics
}

// applyResource applies a plan made by planResource and returns the new
// state's attributes (nil when the resource is gone) and the diagnostics.
func (p *protocolProvider) applyResource(typeName string, prior, config map[string]tftypes.Value, planned *tfprotov6.DynamicValue) (map[string]tftypes.Value, []*tfprotov6.Diagnostic) {
	p.t.Helper()
	schema := p.resourceSchema(typeName)
	resp, err := p.server.ApplyResourceChange(context.Background(), &tfprotov6.ApplyResourceChangeRequest{
		TypeName:     typeName,
		PriorState:   p.stateOrNull(schema, prior),
		PlannedState: planned,
		Config:       p.dynamicValue(schema, config),
	})
	if err != nil {
		p.t.Fatal(err)
	}
	return p.attributes(schema, resp.NewState), resp.Diagnostics
}

func (p *protocolProvider) resourceSchema(typeName string) *tfprotov6.Schema {
	p.t.Helper()
	schema, ok := p.schema.ResourceSchemas[typeName]
	if !ok {
		p.t.Fatalf("no resource %s", typeName)
	}
	return schema
}

// stateOrNull is a state of the schema's type: attrs, or null when nil.
func (p *protocolProvider) stateOrNull(schema *tfprotov6.Schema, attrs map[string]tftypes.Value) *tfprotov6.DynamicValue {
	if attrs == nil {
		return p.nullObject(schema)
	}
	return p.dynamicValue(schema, attrs)
}

func (p *protocolProvider) nullObject(schema *tfprotov6.Schema) *tfprotov6.DynamicValue {
	p.t.Helper()
	dv, err := tfprotov6.NewDynamicValue(schema.ValueType(), tftypes.NewValue(schema.ValueType(), nil))
	if err != nil {
		p.t.Fatal(err)
	}
	return &dv
}

// attributes unpacks an object value; nil for a null one.
func (p *protocolProvider) attributes(schema *tfprotov6.Schema, dv *tfprotov6.DynamicValue) map[string]tftypes.Value {
	p.t.Helper()
	if dv == nil {
		return nil
	}
	v, err := dv.Unmarshal(schema.ValueType())
	if err != nil {
		p.t.Fatal(err)
	}
	if v.IsNull() {
		return nil
	}
	out := map[string]tftypes.Value{}
	if err := v.As(&out); err != nil {
		p.t.Fatal(err)
	}
	return out
}

func strSet(ss ...string) tftypes.Value {
	vals := make([]tftypes.Value, len(ss))
	for i, s := range ss {
		vals[i] = str(s)
	}
	return tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, vals)
}

// diagText joins the summaries and details of the diagnostics of one
// severity, for assertions on what a user reads.
func diagText(diags []*tfprotov6.Diagnostic, severity tfprotov6.DiagnosticSeverity) string {
	var b strings.Builder
	for _, d := range diags {
		if d.Severity == severity {
			b.WriteString(d.Summary + ": " + d.Detail + "\n")
		}
	}
	return b.String()
}
