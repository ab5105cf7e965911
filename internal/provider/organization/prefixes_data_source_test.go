package organization_test

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccPrefixesDataSource_ownPrefix(t *testing.T) {
	t.Parallel()
	portal := acctest.NewPortal(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: portal.ProviderConfig("", acctest.ProviderOrgno) + `
data "krr_prefixes" "mine" {}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.krr_prefixes.mine", tfjsonpath.New("orgno"), knownvalue.StringExact(acctest.ProviderOrgno)),
				statecheck.ExpectKnownValue("data.krr_prefixes.mine", tfjsonpath.New("names"),
					knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(acctest.ProviderPrefix)})),
				statecheck.ExpectKnownValue("data.krr_prefixes.mine", tfjsonpath.New("prefixes").AtSliceIndex(0).AtMapKey("owner_orgno"),
					knownvalue.StringExact(acctest.ProviderOrgno)),
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
	portal := acctest.NewPortal(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: portal.ProviderConfig("", acctest.ConsumerOrgno) + `
data "krr_prefixes" "mine" {}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.krr_prefixes.mine", tfjsonpath.New("orgno"), knownvalue.StringExact(acctest.ConsumerOrgno)),
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
	portal := acctest.NewPortal(t)
	p := acctest.NewProtocolProvider(t, map[string]tftypes.Value{
		"base_url":       acctest.Str(portal.BaseURL),
		"token_endpoint": acctest.Str(portal.TokenEndpoint),
		"audience":       acctest.Str(portal.Audience),
		"access_token":   acctest.Str(portal.IssueToken(acctest.ConsumerOrgno)),
	})

	diags := p.ReadDataSource("krr_prefixes", nil)
	acctest.RequireNoErrors(t, "read krr_prefixes", diags)
	warns := acctest.Warnings(diags)
	if len(warns) != 1 {
		t.Fatalf("want one warning, got %d: %v", len(warns), diags)
	}
	for _, want := range []string{acctest.ConsumerOrgno, "servicedesk@digdir.no", "test environment"} {
		if !strings.Contains(warns[0].Detail, want) {
			t.Errorf("warning %q does not mention %q", warns[0].Detail, want)
		}
	}

	// An organisation with a prefix gets no warning.
	owner := acctest.NewProtocolProvider(t, map[string]tftypes.Value{
		"base_url":     acctest.Str(portal.BaseURL),
		"access_token": acctest.Str(portal.IssueToken(acctest.ProviderOrgno)),
	})
	if warns := acctest.Warnings(owner.ReadDataSource("krr_prefixes", nil)); len(warns) != 0 {
		t.Errorf("an organisation with a prefix got warnings: %v", warns)
	}
}
