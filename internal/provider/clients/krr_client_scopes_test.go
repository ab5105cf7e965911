package clients

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// A krr client's scopes are refused at plan only when certain: a value not
// known yet that could still make the set KRR's two is left to apply.
func TestCheckKRRClientScopes(t *testing.T) {
	s := types.StringValue
	unknown := types.StringUnknown()
	cases := []struct {
		name     string
		typ      types.String
		elems    []attr.Value
		wantFail bool
	}{
		{"the two", s("krr"), []attr.Value{s("krr:global/digitalpost.read"), s("krr:global/kontaktinformasjon.read")}, false},
		{"one", s("krr"), []attr.Value{s("krr:global/digitalpost.read")}, true},
		{"one and one not known", s("krr"), []attr.Value{s("krr:global/digitalpost.read"), unknown}, false},
		{"another scope and one not known", s("krr"), []attr.Value{s("tl:x"), unknown}, true},
		{"a maskinporten client", s("maskinporten"), []attr.Value{s("tl:x")}, false},
		{"integration type not known", types.StringUnknown(), []attr.Value{s("tl:x")}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			set, d := types.SetValue(types.StringType, tc.elems)
			if d.HasError() {
				t.Fatal(d)
			}
			var diags diag.Diagnostics
			checkKRRClientScopes(tc.typ, set, &diags)
			if diags.HasError() != tc.wantFail {
				t.Errorf("refused %v, want %v: %v", diags.HasError(), tc.wantFail, diags)
			}
		})
	}
}
