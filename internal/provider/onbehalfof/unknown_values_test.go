package onbehalfof_test

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// Any argument may be unknown at plan (client_id = krr_client.new.client_id):
// with each argument unknown in turn, and all of them at once, validation
// and the plan pass, and nothing is written; what is not known is left to
// apply.
func TestOnBehalfOf_unknownValuesNeverFailValidateOrPlan(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	const clientID = "unknown-values-krr-client"
	seedKRRClient(p, clientID)
	pp := acctest.NewTokenProtocol(t, p, acctest.ProviderOrgno)
	schema := pp.ResourceSchema("krr_client_onbehalfof")
	valid := map[string]tftypes.Value{
		"client_id": acctest.Str(clientID), "onbehalfof": acctest.Str("kunde-1"), "orgno": acctest.Str(acctest.OtherOrgno),
		"name": acctest.Str("Kunde"), "description": acctest.Str("d"), "uri": acctest.Str("https://k.example.no"),
		"logo_uri": acctest.Str("https://k.example.no/l.png"),
	}
	config := func(unknown ...string) map[string]tftypes.Value {
		c := map[string]tftypes.Value{}
		for _, a := range schema.Block.Attributes {
			c[a.Name] = tftypes.NewValue(a.Type, nil)
			if v, ok := valid[a.Name]; ok {
				c[a.Name] = v
			}
		}
		for _, name := range unknown {
			c[name] = tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
		}
		return c
	}
	cases := map[string][]string{}
	var all []string
	for name := range valid {
		cases[name] = []string{name}
		all = append(all, name)
	}
	cases["every argument"] = all
	for name, unknown := range cases {
		c := config(unknown...)
		obj := map[string]tftypes.Value{}
		types := map[string]tftypes.Type{}
		for _, a := range schema.Block.Attributes {
			obj[a.Name], types[a.Name] = c[a.Name], a.Type
		}
		dv, err := tfprotov6.NewDynamicValue(tftypes.Object{AttributeTypes: types}, tftypes.NewValue(tftypes.Object{AttributeTypes: types}, obj))
		if err != nil {
			t.Fatal(err)
		}
		resp, err := pp.Server.ValidateResourceConfig(context.Background(), &tfprotov6.ValidateResourceConfigRequest{
			TypeName: "krr_client_onbehalfof", Config: &dv})
		if err != nil {
			t.Fatal(err)
		}
		if text := acctest.DiagText(resp.Diagnostics, tfprotov6.DiagnosticSeverityError); text != "" {
			t.Errorf("%s unknown: validate: %s", name, text)
		}
		if _, diags := pp.PlanResource("krr_client_onbehalfof", nil, c); acctest.DiagText(diags, tfprotov6.DiagnosticSeverityError) != "" {
			t.Errorf("%s unknown: plan: %s", name, acctest.DiagText(diags, tfprotov6.DiagnosticSeverityError))
		}
	}
	if n := p.WriteCount(); n != 0 {
		t.Errorf("%d writes while planning", n)
	}
}
