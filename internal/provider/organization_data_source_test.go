package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// The JWT grant end to end: the provider signs an assertion with the admin
// key, the fake verifies it and issues a token, and the organisation comes
// from that token.
func TestAccOrganizationDataSource_tokenFlow(t *testing.T) {
	t.Parallel()
	portal := newTestPortal(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: portal.providerConfig("", providerOrgno) + `
data "krr_organization" "me" {}

data "krr_organization" "other" {
  orgno = "` + otherOrgno + `"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.krr_organization.me", tfjsonpath.New("orgno"), knownvalue.StringExact(providerOrgno)),
				statecheck.ExpectKnownValue("data.krr_organization.me", tfjsonpath.New("name"), knownvalue.StringExact(providerOrgName)),
				statecheck.ExpectKnownValue("data.krr_organization.me", tfjsonpath.New("is_caller"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue("data.krr_organization.other", tfjsonpath.New("name"), knownvalue.StringExact(otherOrgName)),
				statecheck.ExpectKnownValue("data.krr_organization.other", tfjsonpath.New("is_caller"), knownvalue.Bool(false)),
			},
		}},
	})
	if n := portal.RequestCount("POST /token"); n == 0 {
		t.Errorf("the provider never used the token endpoint; want the JWT grant, got %d token requests", n)
	}
}

// A static bearer token acts for the organisation it was issued to.
func TestAccOrganizationDataSource_staticToken(t *testing.T) {
	t.Parallel()
	portal := newTestPortal(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: portal.tokenProviderConfig(portal.IssueToken(consumerOrgno)) + `
data "krr_organization" "me" {}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.krr_organization.me", tfjsonpath.New("orgno"), knownvalue.StringExact(consumerOrgno)),
				statecheck.ExpectKnownValue("data.krr_organization.me", tfjsonpath.New("name"), knownvalue.StringExact(consumerOrgName)),
			},
		}},
	})
	if n := portal.RequestCount("POST /token"); n != 0 {
		t.Errorf("a static token must not go to the token endpoint; got %d token requests", n)
	}
}

// A bad check digit is refused before any request.
func TestAccOrganizationDataSource_badOrgno(t *testing.T) {
	t.Parallel()
	portal := newTestPortal(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: portal.providerConfig("", providerOrgno) + `
data "krr_organization" "x" {
  orgno = "` + badCheckOrgno + `"
}
`,
			ExpectError: regexp.MustCompile(`(?s)orgno.*check digit`),
		}},
	})
	if counts := portal.RequestCounts(); len(counts) != 0 {
		t.Errorf("want no request for an invalid organisation number, got %v", counts)
	}
}
