package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// A plan's calls grow with scopes and clients, not with resources. Through
// the terraform binary, one no-change plan of 5 scopes with 10 grants each
// and 30 clients: one grant list per scope, one client list, no single
// reads. Then a write and a read in one apply: the read sees the write.
func TestSharedReadsInAPlan(t *testing.T) {
	p := acctest.NewPortal(t)
	consumers := fakeportal.SyntheticOrgnos(10)
	var b strings.Builder
	b.WriteString(p.ProviderConfig("", acctest.ProviderOrgno))
	for i := range 5 {
		fmt.Fprintf(&b, `
resource "krr_scope" "s%d" {
  prefix      = %q
  subscope    = "shared/v1/r%d.read"
  description = "Scope %d"
}

resource "krr_scope_access" "s%d" {
  count          = %d
  scope          = krr_scope.s%d.name
  consumer_orgno = [%s][count.index]
}
`, i, acctest.ProviderPrefix, i, i, i, len(consumers), i, `"`+strings.Join(consumers, `", "`)+`"`)
	}
	fmt.Fprintf(&b, `
resource "krr_client" "c" {
  count       = 30
  client_name = "Client ${count.index}"
  description = "Reads"
  scopes      = [krr_scope.s0.name]
}

data "krr_scope" "s0" {
  name       = krr_scope.s0.name
  depends_on = [krr_scope.s0]
}

output "s0_description" {
  value = data.krr_scope.s0.description
}
`)
	d := acctest.NewTFDir(t, b.String())
	d.MustRun("apply", "-auto-approve", "-input=false")

	p.ResetRequestCounts()
	d.MustRun("plan", "-input=false", "-detailed-exitcode")
	counts := p.RequestCounts()
	for route, want := range map[string]int{
		"GET /scopes/access":     5,
		"GET /clients":           1,
		"GET /scopes/scope":      0,
		"GET /clients/{id}":      0,
		"GET /scopes":            2, // the shared list, and the client check's list of the organisation's scopes
		"GET /scopes/access/all": 1,
	} {
		if counts[route] != want {
			t.Errorf("a no-change plan made %d %s calls, want %d (all: %v)", counts[route], route, want, counts)
		}
	}
	if n := counts["POST /token"]; n > 1 {
		t.Errorf("a plan fetched %d tokens, want 1", n)
	}

	// A write, then a read of the same scope in the same apply.
	d.Write(strings.Replace(b.String(), `description = "Scope 0"`, `description = "Scope 0, changed"`, 1))
	out := d.MustRun("apply", "-auto-approve", "-input=false")
	acctest.ExpectText(t, "apply", out, `s0_description = "Scope 0, changed"`)
}
