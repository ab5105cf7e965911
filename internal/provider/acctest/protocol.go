package acctest

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// ProtocolProvider drives the provider over the plugin protocol without
// Terraform, for what terraform-plugin-testing cannot observe: the
// warnings a read returns.
type ProtocolProvider struct {
	T      *testing.T
	Server tfprotov6.ProviderServer
	Schema *tfprotov6.GetProviderSchemaResponse
}

func NewProtocolProvider(t *testing.T, config map[string]tftypes.Value) *ProtocolProvider {
	t.Helper()
	ctx := context.Background()
	server, err := providerserver.NewProtocol6WithError(newProvider())()
	if err != nil {
		t.Fatal(err)
	}
	schema, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	p := &ProtocolProvider{T: t, Server: server, Schema: schema}
	resp, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{
		TerraformVersion: "1.11.0",
		Config:           p.dynamicValue(schema.Provider, config),
	})
	if err != nil {
		t.Fatal(err)
	}
	RequireNoErrors(t, "configure", resp.Diagnostics)
	return p
}

// NewTokenProtocol is the provider over the protocol, configured with a
// static token of orgno, for the warnings terraform-plugin-testing cannot
// see.
func NewTokenProtocol(t *testing.T, p *Portal, orgno string) *ProtocolProvider {
	t.Helper()
	return NewProtocolProvider(t, map[string]tftypes.Value{
		"base_url":     Str(p.BaseURL),
		"access_token": Str(p.IssueToken(orgno)),
	})
}

// ReadDataSource reads one data source and returns its diagnostics.
func (p *ProtocolProvider) ReadDataSource(typeName string, config map[string]tftypes.Value) []*tfprotov6.Diagnostic {
	p.T.Helper()
	schema, ok := p.Schema.DataSourceSchemas[typeName]
	if !ok {
		p.T.Fatalf("no data source %s", typeName)
	}
	resp, err := p.Server.ReadDataSource(context.Background(), &tfprotov6.ReadDataSourceRequest{
		TypeName: typeName,
		Config:   p.dynamicValue(schema, config),
	})
	if err != nil {
		p.T.Fatal(err)
	}
	return resp.Diagnostics
}

// dynamicValue builds an object of the schema's type: the given attributes,
// null for the rest.
func (p *ProtocolProvider) dynamicValue(schema *tfprotov6.Schema, attrs map[string]tftypes.Value) *tfprotov6.DynamicValue {
	p.T.Helper()
	typ, ok := schema.ValueType().(tftypes.Object)
	if !ok {
		p.T.Fatalf("a schema whose value is %s, not an object", schema.ValueType())
	}
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
		p.T.Fatal(err)
	}
	return &dv
}

func Str(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

func RequireNoErrors(t *testing.T, what string, diags []*tfprotov6.Diagnostic) {
	t.Helper()
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			t.Fatalf("%s: unexpected error: %s: %s", what, d.Summary, d.Detail)
		}
	}
}

func Warnings(diags []*tfprotov6.Diagnostic) []*tfprotov6.Diagnostic {
	var out []*tfprotov6.Diagnostic
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityWarning {
			out = append(out, d)
		}
	}
	return out
}

// ReadResource refreshes one resource from the given state and returns
// whether it is still in the state, and the diagnostics.
func (p *ProtocolProvider) ReadResource(typeName string, state map[string]tftypes.Value) (kept bool, diags []*tfprotov6.Diagnostic) {
	p.T.Helper()
	schema, ok := p.Schema.ResourceSchemas[typeName]
	if !ok {
		p.T.Fatalf("no resource %s", typeName)
	}
	resp, err := p.Server.ReadResource(context.Background(), &tfprotov6.ReadResourceRequest{
		TypeName:     typeName,
		CurrentState: p.dynamicValue(schema, state),
	})
	if err != nil {
		p.T.Fatal(err)
	}
	if resp.NewState == nil {
		return false, resp.Diagnostics
	}
	v, err := resp.NewState.Unmarshal(schema.ValueType())
	if err != nil {
		p.T.Fatal(err)
	}
	return !v.IsNull(), resp.Diagnostics
}

// PlanResource plans one resource as Terraform would: the proposed new
// state is the configuration, with computed attributes it leaves out taken
// from the prior state (unknown on create). Flat schemas only. prior nil
// plans a create.
func (p *ProtocolProvider) PlanResource(typeName string, prior, config map[string]tftypes.Value) (*tfprotov6.DynamicValue, []*tfprotov6.Diagnostic) {
	p.T.Helper()
	schema := p.ResourceSchema(typeName)
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
	resp, err := p.Server.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
		TypeName:         typeName,
		PriorState:       p.stateOrNull(schema, prior),
		ProposedNewState: p.dynamicValue(schema, proposed),
		Config:           p.dynamicValue(schema, config),
	})
	if err != nil {
		p.T.Fatal(err)
	}
	return resp.PlannedState, resp.Diagnostics
}

// ApplyResource applies a plan made by PlanResource and returns the new
// state's attributes (nil when the resource is gone) and the diagnostics.
func (p *ProtocolProvider) ApplyResource(typeName string, prior, config map[string]tftypes.Value, planned *tfprotov6.DynamicValue) (map[string]tftypes.Value, []*tfprotov6.Diagnostic) {
	p.T.Helper()
	schema := p.ResourceSchema(typeName)
	resp, err := p.Server.ApplyResourceChange(context.Background(), &tfprotov6.ApplyResourceChangeRequest{
		TypeName:     typeName,
		PriorState:   p.stateOrNull(schema, prior),
		PlannedState: planned,
		Config:       p.dynamicValue(schema, config),
	})
	if err != nil {
		p.T.Fatal(err)
	}
	return p.attributes(schema, resp.NewState), resp.Diagnostics
}

func (p *ProtocolProvider) ResourceSchema(typeName string) *tfprotov6.Schema {
	p.T.Helper()
	schema, ok := p.Schema.ResourceSchemas[typeName]
	if !ok {
		p.T.Fatalf("no resource %s", typeName)
	}
	return schema
}

// stateOrNull is a state of the schema's type: attrs, or null when nil.
func (p *ProtocolProvider) stateOrNull(schema *tfprotov6.Schema, attrs map[string]tftypes.Value) *tfprotov6.DynamicValue {
	if attrs == nil {
		return p.NullObject(schema)
	}
	return p.dynamicValue(schema, attrs)
}

func (p *ProtocolProvider) NullObject(schema *tfprotov6.Schema) *tfprotov6.DynamicValue {
	p.T.Helper()
	dv, err := tfprotov6.NewDynamicValue(schema.ValueType(), tftypes.NewValue(schema.ValueType(), nil))
	if err != nil {
		p.T.Fatal(err)
	}
	return &dv
}

// attributes unpacks an object value; nil for a null one.
func (p *ProtocolProvider) attributes(schema *tfprotov6.Schema, dv *tfprotov6.DynamicValue) map[string]tftypes.Value {
	p.T.Helper()
	if dv == nil {
		return nil
	}
	v, err := dv.Unmarshal(schema.ValueType())
	if err != nil {
		p.T.Fatal(err)
	}
	if v.IsNull() {
		return nil
	}
	out := map[string]tftypes.Value{}
	if err := v.As(&out); err != nil {
		p.T.Fatal(err)
	}
	return out
}

func StrSet(ss ...string) tftypes.Value {
	vals := make([]tftypes.Value, len(ss))
	for i, s := range ss {
		vals[i] = Str(s)
	}
	return tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, vals)
}

// DiagText joins the summaries and details of the diagnostics of one
// severity, for assertions on what a user reads.
func DiagText(diags []*tfprotov6.Diagnostic, severity tfprotov6.DiagnosticSeverity) string {
	var b strings.Builder
	for _, d := range diags {
		if d.Severity == severity {
			b.WriteString(d.Summary + ": " + d.Detail + "\n")
		}
	}
	return b.String()
}
