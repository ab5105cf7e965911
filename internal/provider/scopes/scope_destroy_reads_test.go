package scopes_test

import (
	"testing"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// destroyReadsConfig is two scopes: one with two grants managed here, one
// with none.
func destroyReadsConfig(p *acctest.Portal) string {
	return p.ProviderConfig("", acctest.ProviderOrgno) + `
resource "krr_scope" "granted" {
  prefix      = "` + acctest.ProviderPrefix + `"
  subscope    = "destroy/granted.read"
  description = "Granted to two organisations"
}

resource "krr_scope" "open" {
  prefix              = "` + acctest.ProviderPrefix + `"
  subscope            = "destroy/open.read"
  description         = "Open to all"
  accessible_for_all  = true
}

resource "krr_scope_access" "consumer" {
  scope          = krr_scope.granted.name
  consumer_orgno = "` + acctest.ConsumerOrgno + `"
}

resource "krr_scope_access" "other" {
  scope          = krr_scope.granted.name
  consumer_orgno = "` + acctest.OtherOrgno + `"
}
`
}

// destroyGranted is the scope of both configurations that has grants.
const destroyGranted = acctest.ProviderPrefix + ":destroy/granted.read"

// appliedThenGrantedOutside applies config from nothing, then approves a
// grant of destroyGranted in the fake, as the web portal would, outside the
// configuration, to the organisation it returns.
func appliedThenGrantedOutside(t *testing.T, config func(*acctest.Portal) string) (*acctest.Portal, *acctest.TFDir, string) {
	t.Helper()
	p := acctest.NewPortal(t)
	d := acctest.NewTFDir(t, config(p))
	d.MustRun("apply", "-auto-approve", "-input=false")
	outsider := fakeportal.SyntheticOrgnos(1)[0]
	p.Edit(func(st *fakeportal.State) {
		st.Grants[fakeportal.GrantKey{Scope: destroyGranted, Consumer: outsider}] = &fakeportal.Grant{
			Scope: destroyGranted, OwnerOrgno: acctest.ProviderOrgno, ConsumerOrgno: outsider, State: fakeportal.GrantApproved}
	})
	return p, d, outsider
}

// expectRevoked checks that the destroy revoked destroyGranted's grant to
// each of orgnos.
func expectRevoked(t *testing.T, p *acctest.Portal, orgnos ...string) {
	t.Helper()
	for _, c := range orgnos {
		if g := p.GrantState(destroyGranted, c); g != fakeportal.GrantDenied {
			t.Errorf("grant to %s after destroy: %q, want %s", c, g, fakeportal.GrantDenied)
		}
	}
}

// A destroy reads the grant list of a scope whose grants are managed here
// once, in its refresh, and the scope's Delete still revokes the grant made
// outside the configuration after the apply: it takes the refresh's list,
// less the grants its own process revoked.
func TestDestroyReadsEachGrantListOnce(t *testing.T) {
	p, d, outsider := appliedThenGrantedOutside(t, destroyReadsConfig)

	p.ResetRequestCounts()
	out := d.MustRun("destroy", "-auto-approve", "-input=false")
	// The refresh reads both lists (the open scope's ahead of a grant read
	// that never comes); the granted scope's Delete reads none, the open
	// scope's, which no grant resource refreshed, one.
	if n := p.RequestCount("GET /scopes/access"); n != 3 {
		t.Errorf("the destroy read grant lists %d times, want 3 (two in the refresh, one for the scope no grant resource refreshed)", n)
	}
	if n := p.RequestCount("DELETE /scopes/access/{orgno}"); n != 3 {
		t.Errorf("the destroy revoked %d grants, want 3 (two managed, one made outside)", n)
	}
	acctest.ExpectText(t, "destroy", out, "Warning: Access to scope "+destroyGranted+" revoked", "organisation "+outsider)
	expectRevoked(t, p, acctest.ConsumerOrgno, acctest.OtherOrgno, outsider)
}

// A destroy without a refresh, right after the apply that made the scopes,
// has no list to go by: each scope's Delete reads its grants, and revokes
// the one made outside.
func TestDestroyWithoutRefreshReadsTheGrants(t *testing.T) {
	p, d, outsider := appliedThenGrantedOutside(t, destroyReadsConfig)

	p.ResetRequestCounts()
	d.MustRun("destroy", "-auto-approve", "-input=false", "-refresh=false")
	if n := p.RequestCount("GET /scopes/access"); n != 2 {
		t.Errorf("the destroy read the grant lists of its 2 scopes %d times, want 2 (once each, in the Delete)", n)
	}
	expectRevoked(t, p, outsider)
}

// consumersConfig is a scope whose consumers krr_scope_consumers holds.
func consumersConfig(p *acctest.Portal) string {
	return p.ProviderConfig("", acctest.ProviderOrgno) + `
resource "krr_scope" "granted" {
  prefix      = "` + acctest.ProviderPrefix + `"
  subscope    = "destroy/granted.read"
  description = "Granted to two organisations"
}

resource "krr_scope_consumers" "granted" {
  scope           = krr_scope.granted.name
  consumer_orgnos = ["` + acctest.ConsumerOrgno + `", "` + acctest.OtherOrgno + `"]
}
`
}

// After krr_scope_consumers writes its list, it keeps no list of its own
// writing to go by: a destroy without a refresh, right after the apply and
// after a grant made outside, reads the scope's grants, and revokes that
// grant too.
func TestDestroyWithoutRefreshAfterConsumersWriteReadsTheGrants(t *testing.T) {
	p, d, outsider := appliedThenGrantedOutside(t, consumersConfig)

	d.MustRun("destroy", "-auto-approve", "-input=false", "-refresh=false")
	expectRevoked(t, p, acctest.ConsumerOrgno, acctest.OtherOrgno, outsider)
}

// The same with krr_scope_consumers: its refresh keeps the list, and the
// scope's Delete reads none.
func TestDestroyWithConsumersReadsTheGrantListOnce(t *testing.T) {
	p, d, outsider := appliedThenGrantedOutside(t, consumersConfig)

	p.ResetRequestCounts()
	d.MustRun("destroy", "-auto-approve", "-input=false")
	if n := p.RequestCount("GET /scopes/access"); n != 1 {
		t.Errorf("the destroy read the scope's grant list %d times, want 1 (in the refresh)", n)
	}
	expectRevoked(t, p, acctest.ConsumerOrgno, acctest.OtherOrgno, outsider)
}
