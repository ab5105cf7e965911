package framework

import (
	"context"
	"reflect"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
)

// SetIfChanged is how a Read writes what it read: into state only when read
// is not SameModel as prior, the model the state held. Left alone, the
// response keeps the state as it came.
func SetIfChanged(ctx context.Context, state *tfsdk.State, read, prior any, diags *diag.Diagnostics) {
	if !SameModel(read, prior) {
		diags.Append(state.Set(ctx, read)...)
	}
}

// SameModel reports whether two models of the same struct type hold equal
// values in every field (attr.Value's Equal: null, unknown and known
// differ), embedded models included. A Read that finds the portal's object
// as the state has it leaves the state alone: a plan refreshes every
// resource, and the framework's Set (a reflection walk of the model, and a
// semantic-equality pass) costs more than the read. A field that is no
// attr.Value, or models of different types, count as different, so the
// state is written.
func SameModel(a, b any) bool {
	va, vb := reflect.Indirect(reflect.ValueOf(a)), reflect.Indirect(reflect.ValueOf(b))
	return va.Kind() == reflect.Struct && va.Type() == vb.Type() && sameFields(va, vb)
}

func sameFields(va, vb reflect.Value) bool {
	for i := range va.NumField() {
		if f := va.Type().Field(i); f.Anonymous && f.Type.Kind() == reflect.Struct {
			if !sameFields(va.Field(i), vb.Field(i)) {
				return false
			}
			continue
		}
		if !va.Field(i).CanInterface() {
			return false
		}
		fa, ok := va.Field(i).Interface().(attr.Value)
		if !ok {
			return false
		}
		fb, _ := vb.Field(i).Interface().(attr.Value)
		if !fa.Equal(fb) {
			return false
		}
	}
	return true
}
