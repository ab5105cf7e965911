package adoption_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// wholeOrganisationQuery lists everything the organisation has, with the
// state of each, for terraform query -generate-config-out.
const wholeOrganisationQuery = `
list "krr_scope" "all" {
  provider         = krr
  include_resource = true
}

list "krr_scope_access" "all" {
  provider         = krr
  include_resource = true
}

list "krr_client" "all" {
  provider         = krr
  include_resource = true
}

list "krr_client_jwks" "all" {
  provider         = krr
  include_resource = true
}

list "krr_org_contacts" "this" {
  provider         = krr
  include_resource = true
}
`

// Bringing a setup made by hand under Terraform in one command, as the
// adoption guide leads with it on Terraform 1.14 and later: terraform query
// -generate-config-out writes the import blocks and the configuration, one
// apply imports everything, and the next plan is empty. Nothing in the
// portal is written on the way.
func TestAdoptionThroughTerraformQuery(t *testing.T) {
	acctest.SkipUnless(t, acctest.ListResources)
	t.Parallel()
	p := acctest.NewPortal(t)
	const scope = acctest.ProviderPrefix + ":adopt/v1/person.read"
	const clientID = "2e3f4a5b-6c7d-4e8f-9a0b-1c2d3e4f5a6b"
	seedOrganisation(p, scope, clientID)

	p.ResetRequestCounts()
	dir := acctest.NewTFDir(t, p.ProviderConfig("", acctest.ProviderOrgno))
	if err := os.WriteFile(filepath.Join(dir.Dir, "organisation.tfquery.hcl"), []byte(wholeOrganisationQuery), 0o600); err != nil {
		t.Fatal(err)
	}
	listed := dir.MustRun("query", "-generate-config-out=generated.tf")
	for _, want := range []string{scope + " (seeded)", scope + " for " + acctest.ConsumerOrgName,
		"Case handling (maskinporten, " + clientID + ")", "keys of Case handling", "merchant data of organisation"} {
		if !strings.Contains(listed, want) {
			t.Errorf("terraform query does not list %q:\n%s", want, listed)
		}
	}
	generated, err := os.ReadFile(filepath.Join(dir.Dir, "generated.tf"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(generated), "import {"); n != 6 {
		t.Errorf("want 6 import blocks (scope, 2 approved grants, client, keys, merchant data), got %d:\n%s", n, generated)
	}
	plan := dir.MustRun("plan", "-input=false")
	if !strings.Contains(plan, "6 to import, 0 to add, 0 to change, 0 to destroy") {
		t.Errorf("the first plan after the query does more than import:\n%s\ngenerated:\n%s", plan, generated)
	}
	dir.MustRun("apply", "-auto-approve", "-input=false")
	if out, err := dir.Run("plan", "-input=false", "-detailed-exitcode"); err != nil {
		t.Fatalf("the plan after the import is not empty: %v\n%s\ngenerated:\n%s", err, out, generated)
	}
	if n := p.WriteCount(); n != 0 {
		t.Errorf("adoption wrote to the portal: %v", p.RequestCounts())
	}
}
