package contacts

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

func TestOrgContacts_merchantDataNotSet(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{&portal.APIError{StatusCode: 404, Message: "organization 310000019 has no merchant data yet"}, true},
		{&portal.APIError{StatusCode: 404, Message: "Organization 310000019 does not have any contacts"}, true},
		{fmt.Errorf("wrapped: %w", &portal.APIError{StatusCode: 404, Message: "organization 310000019 has no merchant data yet"}), true},
		// What an injected fault, Spring or a gateway answer: the endpoint is absent.
		{&portal.APIError{StatusCode: 404, Message: "injected fault: 404 Not Found", Hint: merchantDataMessage}, false},
		{&portal.APIError{StatusCode: 404, Message: "Not Found", Hint: merchantDataMessage}, false},
		{&portal.APIError{StatusCode: 404}, false},
		{&portal.APIError{StatusCode: 403, Message: "organization 310000019 has no merchant data yet"}, false},
		{errors.New("no merchant data"), false},
		{nil, false},
	} {
		if got := MerchantDataNotSet(tc.err); got != tc.want {
			t.Errorf("merchantDataNotSet(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}

func TestOrgContacts_emailValidator(t *testing.T) {
	t.Parallel()
	p := path.Root("notification_contacts").AtSetValue(types.StringValue("x")).AtName("email")
	for s, wantOK := range map[string]bool{
		"drift@example.no":         true,
		"kari.nordmann+krr@dig.no": true,
		"a@b.c.d":                  true,
		"drift@example":            false,
		"drift@.no":                false,
		"drift@example.":           false,
		"Drift <drift@example.no>": false,
		" drift@example.no":        false,
		"drift":                    false,
		"":                         false,
	} {
		resp := &validator.StringResponse{}
		emailValidator{}.ValidateString(context.Background(),
			validator.StringRequest{Path: p, ConfigValue: types.StringValue(s)}, resp)
		if ok := !resp.Diagnostics.HasError(); ok != wantOK {
			t.Errorf("%q: valid = %v, want %v (%v)", s, ok, wantOK, resp.Diagnostics)
		}
		if !wantOK && !strings.Contains(resp.Diagnostics.Errors()[0].Detail(), "notification_contacts.email is") {
			t.Errorf("%q: the message does not name the attribute: %v", s, resp.Diagnostics)
		}
	}
}

func TestOrgContacts_phoneValidator(t *testing.T) {
	t.Parallel()
	p := path.Root("notification_contacts").AtSetValue(types.StringValue("x")).AtName("phone")
	for s, wantOK := range map[string]bool{
		"+4722450000":      true,
		"22450000":         true,
		"+47 22 45 00 00":  true,
		"123456789012345":  true,
		"1234567":          false,
		"1234567890123456": false,
		"+47-22450000":     false,
		"++4722450000":     false,
		"tel:22450000":     false,
		"":                 false,
	} {
		resp := &validator.StringResponse{}
		phoneValidator{}.ValidateString(context.Background(),
			validator.StringRequest{Path: p, ConfigValue: types.StringValue(s)}, resp)
		if ok := !resp.Diagnostics.HasError(); ok != wantOK {
			t.Errorf("%q: valid = %v, want %v (%v)", s, ok, wantOK, resp.Diagnostics)
		}
		if !wantOK && !strings.Contains(resp.Diagnostics.Errors()[0].Detail(), "notification_contacts.phone is") {
			t.Errorf("%q: the message does not name the attribute: %v", s, resp.Diagnostics)
		}
	}
}

// The model fits both schemas, and a full document survives the trip
// portal → state → portal.
func TestOrgContactsModelMatchesSchemas(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	in := portal.OrgContacts{
		Orgno: acctest.ProviderOrgno,
		Invoice: &portal.Invoice{Email: "invoice@example.no", Reference: "PO-1", ContactName: "Kari",
			Address: &portal.Address{Street: "Gate 1", PostalCode: "0114", City: "Oslo"}},
		NotificationContacts: []portal.NotificationContact{
			{Name: "B", Email: "b@example.no", Phone: "+4722450000"},
			{Name: "A", Email: "a@example.no"},
		},
		LastUpdated: "2025-07-02T08:30:00.000+02:00",
	}
	m := orgContactsFromPortal(&in, acctest.ProviderOrgno)

	rs := orgContactsResourceSchema()
	if diags := rs.ValidateImplementation(ctx); diags.HasError() {
		t.Fatalf("resource schema: %v", diags)
	}
	state := tfsdk.State{Schema: rs, Raw: tftypes.NewValue(rs.Type().TerraformType(ctx), nil)}
	if diags := state.Set(ctx, &m); diags.HasError() {
		t.Fatalf("resource state: %v", diags)
	}
	var back orgContactsModel
	if diags := state.Get(ctx, &back); diags.HasError() {
		t.Fatalf("resource state: %v", diags)
	}
	out := back.toPortal()
	out.Orgno, out.LastUpdated = in.Orgno, in.LastUpdated
	want := in
	want.NotificationContacts = []portal.NotificationContact{in.NotificationContacts[1], in.NotificationContacts[0]}
	if a, b := mustJSON(t, out), mustJSON(t, want); a != b {
		t.Errorf("round trip gave %s, want %s", a, b)
	}

	ds := orgContactsDataSourceSchema()
	dstate := tfsdk.State{Schema: ds, Raw: tftypes.NewValue(ds.Type().TerraformType(ctx), nil)}
	if diags := dstate.Set(ctx, &m); diags.HasError() {
		t.Fatalf("data source state: %v", diags)
	}
	// The data source shows what the resource holds, attribute for attribute.
	if a, b := ds.Type().TerraformType(ctx), rs.Type().TerraformType(ctx); !a.Equal(b) {
		t.Errorf("data source type %s differs from resource type %s", a, b)
	}

	// Nothing set but the required parts: null, not "", for the rest.
	sparse := orgContactsFromPortal(&portal.OrgContacts{
		Invoice:              &portal.Invoice{Email: "x@example.no", Address: &portal.Address{}},
		NotificationContacts: []portal.NotificationContact{{Name: "A", Email: "a@example.no"}},
	}, acctest.ProviderOrgno)
	if !sparse.Invoice.Reference.IsNull() || !sparse.Invoice.ContactName.IsNull() || sparse.Invoice.Address != nil ||
		!sparse.NotificationContacts[0].Phone.IsNull() {
		t.Errorf("unset values are not null: %+v", sparse)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
