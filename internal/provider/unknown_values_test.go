package provider

import (
	"context"
	"math/big"
	"sort"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// At plan, any value can be unknown at any depth: a known set can hold an
// unknown element (scopes = [krr_scope.new.name]), an object a field not
// known yet (an address from another resource). For every resource, each
// value of a valid configuration is made unknown in turn, the whole
// configuration too, and validation and the plan must pass without an
// error: what is not known yet is left to apply. For every data source,
// validation must pass with all its arguments unknown.
func TestUnknownValuesNeverFailValidateOrPlan(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	p.SeedScope(acctest.PersonScope, true)
	p.SeedScope(acctest.AddressScope, false)
	clientID := "unknown-values-client"
	p.AddTestClient(clientID, true)
	pp := acctest.NewTokenProtocol(t, p, acctest.ProviderOrgno)

	valid := map[string]map[string]any{
		"krr_scope": {"prefix": acctest.ProviderPrefix, "subscope": "persons/v1/unknown.read", "description": "Read persons",
			"allowed_integration_types": []any{"maskinporten"}},
		"krr_scope_access": {"scope": acctest.PersonScope, "consumer_orgno": acctest.ConsumerOrgno},
		// Another scope: one provider process plans them all here, and two
		// kinds of resource on one scope's grants are refused.
		"krr_scope_consumers": {"scope": acctest.AddressScope, "consumer_orgnos": []any{acctest.ConsumerOrgno, acctest.OtherOrgno}},
		"krr_client": {"client_name": "Case handling", "description": "Looks up persons", "scopes": []any{acctest.PersonScope},
			"client_id": acctest.ConsumerClientID, "active": true},
		"krr_client_jwks": {"client_id": clientID, "keys": map[string]any{
			"k1": map[string]any{"public_key_pem": acctest.PublicPEM(t, &acctest.TestKey("A").PublicKey), "alg": "RS256"},
		}},
		// A client the fake does not know: the plan's check of its kind
		// reads it and leaves the rest to apply.
		"krr_client_onbehalfof": {"client_id": "onbehalfof-unknown-values-client", "onbehalfof": "kunde-1",
			"orgno": acctest.OtherOrgno, "name": "Kunde", "description": "d", "uri": "https://k.example.no",
			"logo_uri": "https://k.example.no/l.png"},
		"krr_login_client": {"client_id": "0b6f1a2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c", "integration_type": "api_klient",
			"client_name": "Min side", "description": "Signs citizens in", "token_endpoint_auth_method": "client_secret_basic",
			"redirect_uris": []any{"https://app.example.no/cb"}, "frontchannel_logout_uri": "https://app.example.no/fc",
			"scopes": []any{"openid", acctest.PersonScope}},
		// A client the fake does not know, as above.
		"krr_client_secret": {"client_id": "secret-unknown-values-client", "rotation_triggers": map[string]any{"r": "1"},
			"rotate_after_days": 30},
		"krr_org_contacts": {
			"invoice": map[string]any{"email": "faktura@example.no", "reference": "PO-1234", "contact_name": "Kari",
				"address": map[string]any{"street": "Postboks 1", "postal_code": "0114", "city": "Oslo"}},
			"notification_contacts": []any{map[string]any{"name": "Drift", "email": "drift@example.no", "phone": "+4722450000"}},
		},
	}
	if len(valid) != len(pp.Schema.ResourceSchemas) {
		t.Fatalf("this test covers %d resources, the provider has %d", len(valid), len(pp.Schema.ResourceSchemas))
	}
	for typeName, attrs := range valid {
		schema := pp.ResourceSchema(typeName)
		base := toValue(t, schema.ValueType(), attrs)
		cases := map[string]tftypes.Value{"the whole configuration": unknownConfigurable(t, schema)}
		for _, at := range pathsIn(t, base) {
			cases[at.String()] = replaceAt(t, base, at)
		}
		for name, config := range cases {
			if diags := validateResource(pp, typeName, config); hasError(diags) {
				t.Errorf("%s with %s unknown: validate: %s", typeName, name, acctest.DiagText(diags, tfprotov6.DiagnosticSeverityError))
			}
			if _, diags := planCreate(pp, typeName, config); hasError(diags) {
				t.Errorf("%s with %s unknown: plan: %s", typeName, name, acctest.DiagText(diags, tfprotov6.DiagnosticSeverityError))
			}
		}
	}
	for typeName, schema := range pp.Schema.DataSourceSchemas {
		resp, err := pp.Server.ValidateDataResourceConfig(context.Background(), &tfprotov6.ValidateDataResourceConfigRequest{
			TypeName: typeName, Config: dynamic(t, unknownConfigurable(t, schema)),
		})
		if err != nil {
			t.Fatal(err)
		}
		if hasError(resp.Diagnostics) {
			t.Errorf("data source %s with its arguments unknown: %s", typeName, acctest.DiagText(resp.Diagnostics, tfprotov6.DiagnosticSeverityError))
		}
	}
}

func validateResource(p *acctest.ProtocolProvider, typeName string, config tftypes.Value) []*tfprotov6.Diagnostic {
	p.T.Helper()
	resp, err := p.Server.ValidateResourceConfig(context.Background(), &tfprotov6.ValidateResourceConfigRequest{
		TypeName: typeName, Config: dynamic(p.T, config),
	})
	if err != nil {
		p.T.Fatal(err)
	}
	return resp.Diagnostics
}

// planCreate plans a create from config as Terraform would propose it:
// computed attributes the configuration leaves null are unknown.
func planCreate(p *acctest.ProtocolProvider, typeName string, config tftypes.Value) (*tfprotov6.DynamicValue, []*tfprotov6.Diagnostic) {
	p.T.Helper()
	schema := p.ResourceSchema(typeName)
	proposed, err := tftypes.Transform(config, func(at *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if len(at.Steps()) == 1 && v.IsNull() {
			if a := schemaAttribute(schema, at); a != nil && a.Computed {
				return tftypes.NewValue(v.Type(), tftypes.UnknownValue), nil
			}
		}
		return v, nil
	})
	if err != nil {
		p.T.Fatal(err)
	}
	resp, err := p.Server.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
		TypeName:         typeName,
		PriorState:       p.NullObject(schema),
		ProposedNewState: dynamic(p.T, proposed),
		Config:           dynamic(p.T, config),
	})
	if err != nil {
		p.T.Fatal(err)
	}
	return resp.PlannedState, resp.Diagnostics
}

func schemaAttribute(schema *tfprotov6.Schema, at *tftypes.AttributePath) *tfprotov6.SchemaAttribute {
	name, ok := at.Steps()[0].(tftypes.AttributeName)
	if !ok {
		return nil
	}
	for _, a := range schema.Block.Attributes {
		if a.Name == string(name) {
			return a
		}
	}
	return nil
}

// unknownConfigurable is a configuration of the schema with every argument
// a user may set unknown, and the computed-only ones null.
func unknownConfigurable(t *testing.T, schema *tfprotov6.Schema) tftypes.Value {
	t.Helper()
	typ := schema.ValueType().(tftypes.Object)
	vals := map[string]tftypes.Value{}
	for _, a := range schema.Block.Attributes {
		if a.Required || a.Optional {
			vals[a.Name] = tftypes.NewValue(typ.AttributeTypes[a.Name], tftypes.UnknownValue)
		} else {
			vals[a.Name] = tftypes.NewValue(typ.AttributeTypes[a.Name], nil)
		}
	}
	return tftypes.NewValue(typ, vals)
}

// toValue builds a value of typ from Go values: strings, bools, ints,
// []any for sets and lists, map[string]any for objects and maps. What an
// object's map leaves out is null.
func toValue(t *testing.T, typ tftypes.Type, v any) tftypes.Value {
	t.Helper()
	switch typ := typ.(type) {
	case tftypes.Object:
		m, _ := v.(map[string]any)
		vals := map[string]tftypes.Value{}
		for name, at := range typ.AttributeTypes {
			if x, ok := m[name]; ok {
				vals[name] = toValue(t, at, x)
			} else {
				vals[name] = tftypes.NewValue(at, nil)
			}
		}
		return tftypes.NewValue(typ, vals)
	case tftypes.Map:
		vals := map[string]tftypes.Value{}
		for k, x := range v.(map[string]any) {
			vals[k] = toValue(t, typ.ElementType, x)
		}
		return tftypes.NewValue(typ, vals)
	case tftypes.Set:
		return tftypes.NewValue(typ, elements(t, typ.ElementType, v))
	case tftypes.List:
		return tftypes.NewValue(typ, elements(t, typ.ElementType, v))
	}
	switch x := v.(type) {
	case int:
		return tftypes.NewValue(typ, big.NewFloat(float64(x)))
	default:
		return tftypes.NewValue(typ, x)
	}
}

func elements(t *testing.T, typ tftypes.Type, v any) []tftypes.Value {
	var out []tftypes.Value
	for _, x := range v.([]any) {
		out = append(out, toValue(t, typ, x))
	}
	return out
}

// pathsIn lists the path of every non-null value inside v (not v itself),
// in a stable order.
func pathsIn(t *testing.T, v tftypes.Value) []*tftypes.AttributePath {
	t.Helper()
	var out []*tftypes.AttributePath
	err := tftypes.Walk(v, func(at *tftypes.AttributePath, x tftypes.Value) (bool, error) {
		if len(at.Steps()) > 0 && !x.IsNull() {
			out = append(out, at)
		}
		return true, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

// replaceAt makes the value at one path unknown.
func replaceAt(t *testing.T, v tftypes.Value, target *tftypes.AttributePath) tftypes.Value {
	t.Helper()
	out, err := tftypes.Transform(v, func(at *tftypes.AttributePath, x tftypes.Value) (tftypes.Value, error) {
		if at.Equal(target) {
			return tftypes.NewValue(x.Type(), tftypes.UnknownValue), nil
		}
		return x, nil
	})
	if err != nil {
		t.Fatalf("making %s unknown: %v", target, err)
	}
	return out
}

func dynamic(t testing.TB, v tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	dv, err := tfprotov6.NewDynamicValue(v.Type(), v)
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

func hasError(diags []*tfprotov6.Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}
