package login_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// At plan any value can be unknown, at any depth (a known set holding an
// unknown element). For each argument of a valid configuration of both
// resources, made unknown in turn, and for each set holding one unknown
// element beside its known ones, the plan passes: what is not known is
// left to apply. (internal/provider's TestUnknownValuesNeverFailValidateOrPlan
// does this for every resource once it lists these two.)
func TestLoginUnknownValuesNeverFailPlan(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	p.SeedScope(acctest.PersonScope, true)
	pp := acctest.NewTokenProtocol(t, p, acctest.ConsumerOrgno)
	unknownString := tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
	setWithUnknown := func(known ...string) tftypes.Value {
		vals := []tftypes.Value{unknownString}
		for _, s := range known {
			vals = append(vals, acctest.Str(s))
		}
		return tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, vals)
	}
	valid := map[string]map[string]tftypes.Value{
		"krr_login_client": {
			"client_id":                  acctest.Str(idportenClientID),
			"integration_type":           acctest.Str("api_klient"),
			"client_name":                acctest.Str("x"),
			"description":                acctest.Str("x"),
			"application_type":           acctest.Str("web"),
			"token_endpoint_auth_method": acctest.Str("client_secret_basic"),
			"redirect_uris":              acctest.StrSet("https://app.example.no/cb"),
			"post_logout_redirect_uris":  acctest.StrSet("https://app.example.no/bye"),
			"frontchannel_logout_uri":    acctest.Str("https://app.example.no/fc"),
			"sso_disabled":               tftypes.NewValue(tftypes.Bool, false),
			"code_challenge_method":      acctest.Str("S256"),
			"refresh_token_usage":        acctest.Str("ONETIME"),
			"grant_types":                acctest.StrSet("authorization_code", "refresh_token"),
			"scopes":                     acctest.StrSet("openid", "profile", acctest.PersonScope),
			"access_token_lifetime":      tftypes.NewValue(tftypes.Number, 60),
			"authorization_lifetime":     tftypes.NewValue(tftypes.Number, 3600),
			"refresh_token_lifetime":     tftypes.NewValue(tftypes.Number, 600),
			"logo_uri":                   acctest.Str("https://app.example.no/logo.png"),
			"active":                     tftypes.NewValue(tftypes.Bool, true),
		},
		"krr_client_secret": {
			"client_id":         acctest.Str(idportenClientID),
			"rotation_triggers": tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, map[string]tftypes.Value{"r": acctest.Str("1")}),
			"rotate_after_days": tftypes.NewValue(tftypes.Number, 30),
		},
	}
	withNulls := func(typeName string, attrs map[string]tftypes.Value) map[string]tftypes.Value {
		out := map[string]tftypes.Value{}
		for _, a := range pp.ResourceSchema(typeName).Block.Attributes {
			if v, ok := attrs[a.Name]; ok {
				out[a.Name] = v
			} else {
				out[a.Name] = tftypes.NewValue(a.Type, nil)
			}
		}
		return out
	}
	for typeName, attrs := range valid {
		if _, diags := pp.PlanResource(typeName, nil, withNulls(typeName, attrs)); len(acctest.DiagText(diags, tfprotov6.DiagnosticSeverityError)) > 0 {
			t.Fatalf("%s: the valid configuration does not plan: %s", typeName, acctest.DiagText(diags, tfprotov6.DiagnosticSeverityError))
		}
		for name, v := range attrs {
			cases := map[string]tftypes.Value{name + " unknown": tftypes.NewValue(v.Type(), tftypes.UnknownValue)}
			if set, ok := v.Type().(tftypes.Set); ok && set.ElementType.Is(tftypes.String) {
				var elems []tftypes.Value
				_ = v.As(&elems)
				var known []string
				for _, e := range elems[1:] {
					var s string
					_ = e.As(&s)
					known = append(known, s)
				}
				cases[name+" with an unknown element"] = setWithUnknown(known...)
			}
			for what, unknown := range cases {
				config := withNulls(typeName, attrs)
				config[name] = unknown
				if _, diags := pp.PlanResource(typeName, nil, config); len(acctest.DiagText(diags, tfprotov6.DiagnosticSeverityError)) > 0 {
					t.Errorf("%s with %s: plan: %s", typeName, what, acctest.DiagText(diags, tfprotov6.DiagnosticSeverityError))
				}
			}
		}
	}
	if n := p.WriteCount(); n != 0 {
		t.Errorf("plans wrote to the portal: %v", p.RequestCounts())
	}
}
