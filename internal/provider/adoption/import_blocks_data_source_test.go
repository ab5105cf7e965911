package adoption_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// Bringing a setup made by hand under Terraform, as the adoption guide
// walks it: krr_import_blocks writes the import blocks, terraform plan
// -generate-config-out writes the configuration, apply imports, and the
// next plan is empty. Nothing in the portal is written on the way.
func TestAdoptionOfAnExistingSetup(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	const scope = acctest.ProviderPrefix + ":adopt/v1/person.read"
	const clientID = "0c9b8a7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d"
	seedOrganisation(p, scope, clientID)
	provider := p.ProviderConfig("", acctest.ProviderOrgno)

	lookup := acctest.NewTFDir(t, provider+`
data "krr_import_blocks" "all" {}

output "imports" {
  value = data.krr_import_blocks.all.hcl
}
`)
	lookup.MustRun("apply", "-auto-approve", "-input=false")
	imports := lookup.MustRun("output", "-raw", "imports")
	for _, want := range []string{"to = krr_scope.tl_adopt_v1_person_read", "to = krr_scope_access.tl_adopt_v1_person_read_" + acctest.ConsumerOrgno,
		"to = krr_client.case_handling", "to = krr_client_jwks.case_handling", "to = krr_org_contacts.this"} {
		if !strings.Contains(imports, want) {
			t.Errorf("the import blocks lack %q:\n%s", want, imports)
		}
	}
	if strings.Count(imports, "import {") != 6 {
		t.Errorf("want 6 import blocks (scope, 2 approved grants, client, keys, contacts):\n%s", imports)
	}

	p.ResetRequestCounts()
	adopt := acctest.NewTFDir(t, provider)
	if err := os.WriteFile(filepath.Join(adopt.Dir, "imports.tf"), []byte(imports), 0o600); err != nil {
		t.Fatal(err)
	}
	adopt.MustRun("plan", "-input=false", "-generate-config-out=generated.tf")
	adopt.MustRun("apply", "-auto-approve", "-input=false")
	if out, err := adopt.Run("plan", "-input=false", "-detailed-exitcode"); err != nil {
		generated, _ := os.ReadFile(filepath.Join(adopt.Dir, "generated.tf"))
		t.Fatalf("the plan after the import is not empty: %v\n%s\ngenerated:\n%s", err, out, generated)
	}
	if n := p.WriteCount(); n != 0 {
		t.Errorf("adoption wrote to the portal: %v", p.RequestCounts())
	}
}

// Each resource imported with an import block, as the adoption guide does
// it, against a configuration as a user writes it: the import plans no
// change.
func TestAccImportBlockPlansClean(t *testing.T) {
	t.Parallel()
	const scope = acctest.ProviderPrefix + ":adopt/v1/blocks.read"
	const clientID = "1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b5a"
	cases := []struct {
		addr, id, config string
	}{
		{"krr_scope.s", scope, `
resource "krr_scope" "s" {
  prefix      = "` + acctest.ProviderPrefix + `"
  subscope    = "adopt/v1/blocks.read"
  description = "seeded"
}
`},
		{"krr_scope_access.g", scope + "," + acctest.ConsumerOrgno, `
resource "krr_scope_access" "g" {
  scope          = "` + scope + `"
  consumer_orgno = "` + acctest.ConsumerOrgno + `"
}
`},
		{"krr_scope_consumers.c", scope, `
resource "krr_scope_consumers" "c" {
  scope           = "` + scope + `"
  consumer_orgnos = ["` + acctest.ConsumerOrgno + `"]
}
`},
		{"krr_client.c", clientID, `
resource "krr_client" "c" {
  client_id   = "` + clientID + `"
  client_name = "Case handling"
  description = "a client for krr_client_jwks tests"
  scopes      = ["` + scope + `"]
}
`},
		{"krr_client_jwks.k", clientID, `
resource "krr_client_jwks" "k" {
  client_id = "` + clientID + `"
  keys      = { "made-by-hand" = { jwk = jsonencode({ kty = "RSA", n = "` + acctest.JWKN(&acctest.TestKey("A").PublicKey) + `", e = "AQAB" }) } }
}
`},
		{"krr_org_contacts.o", acctest.ProviderOrgno, `
resource "krr_org_contacts" "o" {
  invoice               = { email = "faktura@example.no" }
  notification_contacts = [{ name = "Drift", email = "drift@example.no" }]
}
`},
	}
	for _, tc := range cases {
		t.Run(tc.addr, func(t *testing.T) {
			t.Parallel()
			p := acctest.NewPortal(t)
			p.SeedScope(scope, false, acctest.ConsumerOrgno)
			seedHandMade(p, scope, clientID)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				Steps: []resource.TestStep{{
					Config:          p.ProviderConfig("", acctest.ProviderOrgno) + tc.config,
					ResourceName:    tc.addr,
					ImportState:     true,
					ImportStateKind: resource.ImportBlockWithID,
					ImportStateId:   tc.id,
					ImportPlanChecks: resource.ImportPlanChecks{
						PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(tc.addr, plancheck.ResourceActionNoop)},
					},
				}},
			})
			if n := p.WriteCount(); n != 0 {
				t.Errorf("the import wrote to the portal: %v", p.RequestCounts())
			}
		})
	}
}

// seedOrganisation puts in the portal a whole organisation made by hand:
// the scope with two approved grants and a denied one (which adoption
// leaves out), and what seedHandMade adds.
func seedOrganisation(p *acctest.Portal, scope, clientID string) {
	p.SeedScope(scope, false, acctest.ConsumerOrgno, acctest.OtherOrgno)
	p.Edit(func(st *fakeportal.State) {
		denied := fakeportal.SyntheticOrgnos(1)[0]
		st.Grants[fakeportal.GrantKey{Scope: scope, Consumer: denied}] = &fakeportal.Grant{
			Scope: scope, OwnerOrgno: acctest.ProviderOrgno, ConsumerOrgno: denied, State: fakeportal.GrantDenied}
	})
	seedHandMade(p, scope, clientID)
}

// seedHandMade puts in the portal what a team made by hand in the web
// portal besides a scope: a client carrying the scope, with a key, and the
// merchant data.
func seedHandMade(p *acctest.Portal, scope, clientID string) {
	p.AddTestClient(clientID, true)
	p.Edit(func(st *fakeportal.State) {
		st.Clients[clientID].Scopes = []string{scope}
		st.Clients[clientID].ClientName = "Case handling"
		st.JWKS[clientID] = &fakeportal.KeySet{Keys: []fakeportal.JWK{{Kty: "RSA", Kid: "made-by-hand", Use: "sig", Alg: "RS256",
			N: acctest.JWKN(&acctest.TestKey("A").PublicKey), E: acctest.JWKE(&acctest.TestKey("A").PublicKey), Exp: 4102444800}}}
		st.Contacts[acctest.ProviderOrgno] = &fakeportal.OrgContacts{Orgno: acctest.ProviderOrgno,
			Invoice:              &fakeportal.Invoice{Email: "faktura@example.no"},
			NotificationContacts: []fakeportal.NotificationContact{{Name: "Drift", Email: "drift@example.no"}}}
	})
}
