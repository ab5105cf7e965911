package organization_test

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// The JWT grant end to end: the provider signs an assertion with the admin
// key, the fake verifies it and issues a token, and the organisation comes
// from that token.
func TestAccOrganizationDataSource_tokenFlow(t *testing.T) {
	t.Parallel()
	portal := acctest.NewPortal(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: portal.ProviderConfig("", acctest.ProviderOrgno) + `
data "krr_organization" "me" {}

data "krr_organization" "other" {
  orgno = "` + acctest.OtherOrgno + `"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.krr_organization.me", tfjsonpath.New("orgno"), knownvalue.StringExact(acctest.ProviderOrgno)),
				statecheck.ExpectKnownValue("data.krr_organization.me", tfjsonpath.New("name"), knownvalue.StringExact(acctest.ProviderOrgName)),
				statecheck.ExpectKnownValue("data.krr_organization.me", tfjsonpath.New("is_caller"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue("data.krr_organization.other", tfjsonpath.New("name"), knownvalue.StringExact(acctest.OtherOrgName)),
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
	portal := acctest.NewPortal(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: portal.TokenProviderConfig(portal.IssueToken(acctest.ConsumerOrgno)) + `
data "krr_organization" "me" {}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.krr_organization.me", tfjsonpath.New("orgno"), knownvalue.StringExact(acctest.ConsumerOrgno)),
				statecheck.ExpectKnownValue("data.krr_organization.me", tfjsonpath.New("name"), knownvalue.StringExact(acctest.ConsumerOrgName)),
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
	portal := acctest.NewPortal(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: portal.ProviderConfig("", acctest.ProviderOrgno) + `
data "krr_organization" "x" {
  orgno = "` + acctest.BadCheckOrgno + `"
}
`,
			ExpectError: regexp.MustCompile(`(?s)orgno.*check digit`),
		}},
	})
	if counts := portal.RequestCounts(); len(counts) != 0 {
		t.Errorf("want no request for an invalid organisation number, got %v", counts)
	}
}
