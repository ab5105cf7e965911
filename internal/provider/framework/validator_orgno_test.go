package framework

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// A number that fails the check digit test is called not valid and sent
// to Enhetsregisteret, with no digit suggested and no rule that invites
// changing the last one: the fixed-up number may be another
// organisation's. A number of the wrong shape gets the rule.
func TestOrgnoValidatorMessage(t *testing.T) {
	check := func(orgno string) string {
		var resp validator.StringResponse
		OrgnoValidator{}.ValidateString(context.Background(), validator.StringRequest{
			Path: path.Root("consumer_orgno"), ConfigValue: types.StringValue(orgno)}, &resp)
		if !resp.Diagnostics.HasError() {
			t.Fatalf("%s was not refused", orgno)
		}
		return resp.Diagnostics.Errors()[0].Detail()
	}

	got := check("310000010")
	for _, want := range []string{`consumer_orgno is "310000010"`, "is not valid", "Enhetsregisteret (Brønnøysundregistrene"} {
		if !strings.Contains(got, want) {
			t.Errorf("the error does not say %q:\n%s", want, got)
		}
	}
	for _, invites := range []string{"expected", "the last a", "should be"} {
		if strings.Contains(got, invites) {
			t.Errorf("the error says %q, which invites changing a digit:\n%s", invites, got)
		}
	}

	if got := check("31000001"); !strings.Contains(got, "must be 9 digits") || !strings.Contains(got, "mod-11 check digit") {
		t.Errorf("a number of 8 digits does not get the rule:\n%s", got)
	}
}
