package scopes_test

import (
	"testing"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// A consumer list made in the same apply as its scope writes its grants
// without reading the scope's grant list first: the scope the portal has
// just made has none. A list on a scope that was there already reads it
// (TestAccScopeConsumers_createRevokesGrantsNotNamed).
func TestScopeConsumersOnANewScopeReadNoGrantList(t *testing.T) {
	p := acctest.NewPortal(t)
	consumers := fakeportal.SyntheticOrgnos(3)
	d := acctest.NewTFDir(t, acctest.MinimalScopeConfig(p)+`
resource "krr_scope_consumers" "persons" {
  scope           = krr_scope.persons.name
  consumer_orgnos = [`+acctest.QuoteAll(consumers)+`]
}
`)
	d.MustRun("apply", "-auto-approve", "-input=false")
	if n := p.RequestCount("GET /scopes/access"); n != 0 {
		t.Errorf("the apply read the new scope's grant list %d times, want 0", n)
	}
	if got := p.ApprovedConsumers(acctest.TestScopeName); len(got) != len(consumers) {
		t.Errorf("the portal approves %v, want %v", got, consumers)
	}
	d.MustRun("destroy", "-auto-approve", "-input=false")
}
