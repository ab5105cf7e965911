package scopes_test

import (
	"strings"
	"testing"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// Renaming or versioning a scope (a new subscope) replaces it
// destroy-first, and destroying it revokes its grants and deactivates it:
// while the organisation's clients still carry it, the plan says so,
// naming the clients and what to do; a plan that changes neither name says
// nothing. (Warnings are read through terraform itself.)
func TestScopeCarriedByClientsWarnsAtPlan(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	const v1, v2 = "persons/v1/person.read", "persons/v2/person.read"
	oldName, newName := acctest.ProviderPrefix+":"+v1, acctest.ProviderPrefix+":"+v2
	config := func(subscope string, lifecycle ...string) string {
		return p.ProviderConfig("", acctest.ProviderOrgno) + `
resource "krr_scope" "persons" {
  prefix      = "` + acctest.ProviderPrefix + `"
  subscope    = "` + subscope + `"
  description = "Read persons"
  ` + strings.Join(lifecycle, "") + `
}

resource "krr_scope_access" "partner" {
  scope          = krr_scope.persons.name
  consumer_orgno = "` + acctest.ConsumerOrgno + `"
  ` + strings.Join(lifecycle, "") + `
}

resource "krr_client" "app" {
  client_id   = "` + acctest.ConsumerClientID + `"
  client_name = "Own lookups"
  description = "Looks up persons"
  scopes      = [krr_scope.persons.name]
}
`
	}
	d := acctest.NewTFDir(t, config(v1))
	d.MustRun("apply", "-auto-approve", "-input=false")
	if out := d.MustRun("plan", "-input=false"); strings.Contains(out, "Warning") {
		t.Fatalf("a plan that changes nothing warns:\n%s", out)
	}

	d.Write(config(v2))
	out := d.MustRun("plan", "-input=false")
	acctest.ExpectText(t, "plan of the new subscope", out,
		"Warning: Scope "+oldName+" is still on clients",
		"This plan replaces it with "+newName+", and destroys it first unless the krr_scope has create_before_destroy",
		"clients of the organisation still carry it: "+acctest.ConsumerClientID+" (Own lookups)",
		"create_before_destroy = true", "krr_scope_access", `The guide "Offering an API"`)

	// The whole configuration's destroy destroys the client too, first:
	// only a client made outside it (here in the web portal) is named.
	d.Write(config(v1))
	const outside = "8f1e2d3c-4b5a-4697-8877-665544332211"
	p.AddTestClient(outside, true)
	p.Edit(func(st *fakeportal.State) { st.Clients[outside].Scopes = []string{oldName} })
	out = d.MustRun("plan", "-destroy", "-input=false")
	acctest.ExpectText(t, "destroy plan", out,
		"Warning: Scope "+oldName+" is still on clients", "This plan destroys it", outside)
	if strings.Contains(out, acctest.ConsumerClientID+" (Own lookups)") {
		t.Errorf("the destroy plan names the client it destroys as still carrying the scope:\n%s", out)
	}
	p.Edit(func(st *fakeportal.State) { delete(st.Clients, outside) })

	// What the warning and the api-provider guide advise: with
	// create_before_destroy on the scope and its grant, the new grant
	// exists before the old one is revoked, and the client carries the new
	// scope before the old scope is deactivated. (The client's update and
	// the old grant's revocation do not wait for each other.)
	d.Write(config(v2, "lifecycle {\n    create_before_destroy = true\n  }"))
	out = d.MustRun("apply", "-auto-approve", "-input=false")
	for _, before := range [][2]string{
		{"krr_scope.persons: Creation complete", "krr_scope_access.partner: Creating"},
		{"krr_scope_access.partner: Creation complete", "krr_scope_access.partner (deposed object"},
		{"krr_client.app: Modifications complete", "krr_scope.persons (deposed object"},
		{"krr_scope_access.partner: Destruction complete", "krr_scope.persons (deposed object"},
	} {
		first, then := strings.Index(out, before[0]), strings.Index(out, before[1])
		if first < 0 || then < 0 || first > then {
			t.Errorf("with create_before_destroy, want %q before %q:\n%s", before[0], before[1], out)
		}
	}
	if s, ok := p.Scope(oldName); !ok || s.Active {
		t.Errorf("old scope %s: %+v, want it deactivated", oldName, s)
	}
	if s, ok := p.Scope(newName); !ok || !s.Active {
		t.Errorf("new scope %s: %+v, want it active", newName, s)
	}
	if got := p.GrantState(newName, acctest.ConsumerOrgno); got != "APPROVED" {
		t.Errorf("grant of %s is %q, want APPROVED", newName, got)
	}
	if c := p.ActiveClients(acctest.ProviderOrgno); len(c) != 1 || strings.Join(c[0].Scopes, ",") != newName {
		t.Errorf("want the client carrying %s only: %+v", newName, c)
	}
}
