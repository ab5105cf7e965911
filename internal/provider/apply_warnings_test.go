package provider

import (
	"strings"
	"testing"

	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// A plan-time warning that the same apply resolves (the client's scope is
// shared with it by a grant through the owner's provider block) comes from
// the plan only: the apply's re-plan of the client, made after the grant,
// judges the scope usable and says nothing. terraform apply of a saved plan
// shows no warning; apply -auto-approve shows the plan's warning once, after
// the apply, because Terraform prints an unconfirmed plan's diagnostics with
// the apply's (backend_apply.go). The provider cannot tell its plan from the
// apply's re-plan, so it cannot drop that one (the api-consumer guide says
// so). Warnings are read through terraform itself.
func TestApplyRepeatsNoResolvedPlanWarning(t *testing.T) {
	t.Parallel()
	const warning = "Warning: Scope not shared with the organisation (checked again at apply)"
	config := func(p *acctest.Portal) string {
		return twoOrgAliases(p, `
resource "krr_scope_access" "consumer" {
  provider       = krr.owner
  scope          = "`+acctest.PersonScope+`"
  consumer_orgno = "`+acctest.ConsumerOrgno+`"
}

resource "krr_client" "app" {
  client_name = "Case handling"
  description = "Looks up persons"
  scopes      = ["`+acctest.PersonScope+`"]
  depends_on  = [krr_scope_access.consumer]
}
`)
	}
	newDir := func() *acctest.TFDir {
		p := acctest.NewPortal(t)
		p.SeedScope(acctest.PersonScope, false) // shared with no one yet
		return acctest.NewTFDir(t, config(p))
	}

	saved := newDir()
	if out := saved.MustRun("plan", "-out=tfplan", "-input=false"); strings.Count(out, warning) != 1 {
		t.Fatalf("the plan does not warn once that the scope is not shared yet:\n%s", out)
	}
	if out := saved.MustRun("apply", "-input=false", "tfplan"); strings.Contains(out, "Warning") {
		t.Errorf("the apply of the saved plan warns: the apply's re-plan repeated a warning the apply resolved:\n%s", out)
	}

	auto := newDir()
	out := auto.MustRun("apply", "-auto-approve", "-input=false")
	if n := strings.Count(out, warning); n != 1 {
		t.Errorf("apply -auto-approve shows the warning %d times, want once (the plan's):\n%s", n, out)
	}
}
