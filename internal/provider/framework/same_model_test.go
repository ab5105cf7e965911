package framework

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestSameModel(t *testing.T) {
	type model struct {
		Name  types.String `tfsdk:"name"`
		Types types.Set    `tfsdk:"types"`
	}
	set := func(v ...string) types.Set {
		s, _ := types.SetValueFrom(t.Context(), types.StringType, v)
		return s
	}
	base := model{Name: types.StringValue("a"), Types: set("x", "y")}
	for name, tc := range map[string]struct {
		other model
		same  bool
	}{
		"equal, the set in another order":   {model{Name: types.StringValue("a"), Types: set("y", "x")}, true},
		"another name":                      {model{Name: types.StringValue("b"), Types: set("x", "y")}, false},
		"null where the state has a value":  {model{Name: types.StringNull(), Types: set("x", "y")}, false},
		"empty where the state has a value": {model{Name: types.StringValue(""), Types: set("x", "y")}, false},
		"one element fewer":                 {model{Name: types.StringValue("a"), Types: set("x")}, false},
	} {
		if got := SameModel(&base, &tc.other); got != tc.same {
			t.Errorf("%s: SameModel = %v, want %v", name, got, tc.same)
		}
	}
	type outer struct {
		ID types.String `tfsdk:"id"`
		model
	}
	if !SameModel(&outer{types.StringValue("i"), base}, &outer{types.StringValue("i"), base}) {
		t.Error("equal models with an embedded model: SameModel = false, want true")
	}
	if SameModel(&outer{types.StringValue("i"), base}, &outer{types.StringValue("i"), model{Name: types.StringValue("b"), Types: set("x", "y")}}) {
		t.Error("a change inside the embedded model: SameModel = true, want false")
	}
	type plain struct{ N int }
	if SameModel(&plain{1}, &plain{1}) {
		t.Error("a field that is no attr.Value: SameModel = true, want false (write the state)")
	}
}
