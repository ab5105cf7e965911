package clients_test

import (
	"strings"
	"testing"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// When the owner of a scope on one of the organisation's clients revokes
// the grant, or deactivates the scope, the consumer's terraform plan says
// so (which scope, on which client, whom to ask) instead of planning clean
// and answering the next, unrelated change with the portal's 400. That
// change is refused before the PUT, in the same words.
func TestClientScopeRevokedSeenByConsumer(t *testing.T) {
	p := acctest.NewPortal(t)
	p.SeedScope(acctest.PersonScope, false, acctest.ConsumerOrgno)
	client := func(description string) string { return consumerClientConfig(p, description) }
	d := acctest.NewTFDir(t, client("Looks up persons"))
	d.MustRun("apply", "-auto-approve", "-input=false")
	if out := d.MustRun("plan", "-input=false"); strings.Contains(out, "Warning") || !strings.Contains(out, "No changes") {
		t.Fatalf("the plan after apply is not clean:\n%s", out)
	}

	// The owner revokes the grant in the web portal.
	p.Edit(func(st *fakeportal.State) {
		st.Grants[fakeportal.GrantKey{Scope: acctest.PersonScope, Consumer: acctest.ConsumerOrgno}].State = fakeportal.GrantDenied
	})
	out := d.MustRun("plan", "-input=false")
	acctest.ExpectText(t, "plan after the grant was revoked", out,
		"Warning: Scope on the client no longer usable",
		"Client "+acctest.ConsumerClientID+" (Case handling) carries scope "+acctest.PersonScope,
		"its owner, organisation "+acctest.ProviderOrgno+" ("+acctest.ProviderOrgName+"), has revoked the organisation's access",
		"Ask the API provider")

	// An unrelated change is refused before the PUT, with the same answer.
	d.Write(client("Looks up persons and addresses"))
	puts := p.RequestCount("PUT /clients/{id}")
	out, err := d.Run("apply", "-auto-approve", "-input=false")
	if err == nil {
		t.Fatalf("apply with a revoked scope succeeded:\n%s", out)
	}
	acctest.ExpectText(t, "apply after the grant was revoked", out, "Error: Access to the scope revoked", "Nothing was written")
	if n := p.RequestCount("PUT /clients/{id}") - puts; n != 0 {
		t.Errorf("the refused change sent %d PUTs", n)
	}

	// Access is restored, and the owner deactivates the scope instead.
	p.Edit(func(st *fakeportal.State) {
		st.Grants[fakeportal.GrantKey{Scope: acctest.PersonScope, Consumer: acctest.ConsumerOrgno}].State = fakeportal.GrantApproved
		st.Scopes[acctest.PersonScope].Active = false
	})
	d.Write(client("Looks up persons"))
	out = d.MustRun("plan", "-input=false")
	acctest.ExpectText(t, "plan after the scope was deactivated", out,
		"Warning: Scope on the client no longer usable",
		"has been deactivated by its owner, organisation "+acctest.ProviderOrgno+" ("+acctest.ProviderOrgName+")")
}
