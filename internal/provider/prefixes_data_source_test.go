package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccPrefixesDataSource_ownPrefix(t *testing.T) {
	t.Parallel()
	portal := newTestPortal(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: portal.providerConfig("", providerOrgno) + `
data "krr_prefixes" "mine" {}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.krr_prefixes.mine", tfjsonpath.New("orgno"), knownvalue.StringExact(providerOrgno)),
				statecheck.ExpectKnownValue("data.krr_prefixes.mine", tfjsonpath.New("names"),
					knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(providerPrefix)})),
				statecheck.ExpectKnownValue("data.krr_prefixes.mine", tfjsonpath.New("prefixes").AtSliceIndex(0).AtMapKey("owner_orgno"),
					knownvalue.StringExact(providerOrgno)),
				statecheck.ExpectKnownValue("data.krr_prefixes.mine", tfjsonpath.New("prefixes").AtSliceIndex(0).AtMapKey("active"),
					knownvalue.Bool(true)),
			},
		}},
	})
}

// An organisation without a prefix gets an empty list, not an error: the
// portal's "does not have any" answer is read as empty.
func TestAccPrefixesDataSource_noPrefix(t *testing.T) {
	t.Parallel()
	portal := newTestPortal(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: portal.providerConfig("", consumerOrgno) + `
data "krr_prefixes" "mine" {}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.krr_prefixes.mine", tfjsonpath.New("orgno"), knownvalue.StringExact(consumerOrgno)),
				statecheck.ExpectKnownValue("data.krr_prefixes.mine", tfjsonpath.New("names"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue("data.krr_prefixes.mine", tfjsonpath.New("prefixes"), knownvalue.ListSizeExact(0)),
			},
		}},
	})
}

// The warning for an organisation without a prefix gives the seed FAQ's
// answer: ask Digdir's service desk.
func TestPrefixesDataSource_noPrefixWarning(t *testing.T) {
	t.Parallel()
	portal := newTestPortal(t)
	p := newProtocolProvider(t, map[string]tftypes.Value{
		"base_url":       str(portal.BaseURL),
		"token_endpoint": str(portal.TokenEndpoint),
		"audience":       str(portal.Audience),
		"access_token":   str(portal.IssueToken(consumerOrgno)),
	})

	diags := p.readDataSource("krr_prefixes", nil)
	requireNoErrors(t, "read krr_prefixes", diags)
	warns := warnings(diags)
	if len(warns) != 1 {
		t.Fatalf("want one warning, got %d: %v", len(warns), diags)
	}
	for _, want := range []string{consumerOrgno, "servicedesk@digdir.no", "test environment"} {
		if !strings.Contains(warns[0].Detail, want) {
			t.Errorf("warning %q does not mention %q", warns[0].Detail, want)
		}
	}

	// An organisation with a prefix gets no warning.
	owner := newProtocolProvider(t, map[string]tftypes.Value{
		"base_url":     str(portal.BaseURL),
		"access_token": str(portal.IssueToken(providerOrgno)),
	})
	if warns := warnings(owner.readDataSource("krr_prefixes", nil)); len(warns) != 0 {
		t.Errorf("an organisation with a prefix got warnings: %v", warns)
	}
}
