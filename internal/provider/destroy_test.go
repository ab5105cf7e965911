package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// A client that was never created must not stop terraform destroy. Before
// a destroy, Terraform plans the whole configuration once more, the client
// included, and an error from that plan ends the destroy. Here the apply
// made the scope, which allows only krr clients, and refused the
// Maskinporten client before its POST; destroy then deactivates the scope.
func TestAccDestroy_clientNeverCreated(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	scope := acctest.ProviderPrefix + ":krr/only"
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: p.ProviderConfig("", acctest.ProviderOrgno) + `
resource "krr_scope" "krr_only" {
  prefix                    = "` + acctest.ProviderPrefix + `"
  subscope                  = "krr/only"
  description               = "For KRR clients only"
  allowed_integration_types = ["krr"]
}

resource "krr_client" "app" {
  client_name = "Case handling"
  description = "A Maskinporten client, which the scope does not allow"
  scopes      = [krr_scope.krr_only.name]
}
`,
			ExpectError: regexp.MustCompile(`(?s)may\s+not\s+be\s+used\s+by\s+maskinporten\s+clients;\s+its\s+owner\s+allows\s+only:\s+krr.*Nothing\s+was\s+written`),
		}},
		// Reached only when the destroy that ends the test succeeds.
		CheckDestroy: func(*terraform.State) error {
			if s, ok := p.Scope(scope); !ok || s.Active {
				return fmt.Errorf("scope %s after destroy: %+v", scope, s)
			}
			if n := p.RequestCount("POST /clients"); n != 0 {
				return fmt.Errorf("the refused client was sent %d times", n)
			}
			return nil
		},
	})
}

// Destroying a scope revokes the grants made outside this configuration
// (in the web portal, here) and names the organisations that lost access.
func TestDestroyScopeNamesRevokedOrganisations(t *testing.T) {
	p := acctest.NewPortal(t)
	d := acctest.NewTFDir(t, acctest.MinimalScopeConfig(p))
	d.MustRun("apply", "-auto-approve", "-input=false")
	p.Edit(func(st *fakeportal.State) {
		for _, c := range []string{acctest.ConsumerOrgno, acctest.OtherOrgno} {
			st.Grants[fakeportal.GrantKey{Scope: acctest.PersonScope, Consumer: c}] = &fakeportal.Grant{
				Scope: acctest.PersonScope, OwnerOrgno: acctest.ProviderOrgno, ConsumerOrgno: c, State: fakeportal.GrantApproved}
		}
	})
	out := d.MustRun("destroy", "-auto-approve", "-input=false")
	acctest.ExpectText(t, "destroy", out,
		"Warning: Access to scope "+acctest.PersonScope+" revoked",
		"revoked the access of organisation "+acctest.ConsumerOrgno+" ("+acctest.ConsumerOrgName+"), organisation "+acctest.OtherOrgno+" ("+acctest.OtherOrgName+")")
	for _, c := range []string{acctest.ConsumerOrgno, acctest.OtherOrgno} {
		if g := p.GrantState(acctest.PersonScope, c); g != fakeportal.GrantDenied {
			t.Errorf("grant to %s after destroy: %q", c, g)
		}
	}
}
