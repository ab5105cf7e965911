package clients_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

func krrClientConfig(p *acctest.Portal, integrationType string, scopes ...string) string {
	return p.ProviderConfig("", acctest.ConsumerOrgno) + `
resource "krr_client" "krr" {
  client_name      = "KRR look-up"
  description      = "Looks up contact information"
  integration_type = "` + integrationType + `"
  scopes           = ["` + strings.Join(scopes, `", "`) + `"]
}
`
}

// KRR's own scopes are in the portal's catalogue, open to all (portal-api.md
// §11): a krr client with exactly the two krr:global scopes is made, and
// plans clean after.
func TestAccClient_krrClientWithKRRScopes(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: krrClientConfig(p, "krr", "krr:global/kontaktinformasjon.read", "krr:global/digitalpost.read"),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction("krr_client.krr", plancheck.ResourceActionCreate)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("krr_client.krr", tfjsonpath.New("scopes"), knownvalue.SetExact([]knownvalue.Check{
					knownvalue.StringExact("krr:global/digitalpost.read"), knownvalue.StringExact("krr:global/kontaktinformasjon.read"),
				})),
				statecheck.ExpectKnownValue("krr_client.krr", tfjsonpath.New("integration_type"), knownvalue.StringExact("krr")),
			},
		}},
	})
}

// Digdir's rules for KRR's scopes are fixed, so the plan stops on a breach,
// naming the scope and the rule, before anything is written.
func TestAccClient_krrScopeRulesRefusedAtPlan(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, integrationType string
		scopes                []string
		want                  string
	}{
		{"user scope on a maskinporten client", "maskinporten", []string{"krr:user/kontaktinformasjon.read"},
			`Scope krr:user/kontaktinformasjon.read is one of KRR's user scopes`},
		{"user scope on a krr client", "krr", []string{"krr:user/spraak.write", "krr:global/kontaktinformasjon.read", "krr:global/digitalpost.read"},
			`scopes has krr:user/spraak.write; a client with integration_type = "krr" carries exactly KRR's two`},
		{"one global scope on a krr client", "krr", []string{"krr:global/kontaktinformasjon.read"},
			`scopes has krr:global/kontaktinformasjon.read; a client with integration_type = "krr" carries exactly`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := acctest.NewPortal(t)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      krrClientConfig(p, tc.integrationType, tc.scopes...),
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(strings.ReplaceAll(regexp.QuoteMeta(tc.want), " ", `\s+`)),
				}},
			})
			if n := p.WriteCount(); n != 0 {
				t.Errorf("%d writes for a plan refused", n)
			}
		})
	}
}
