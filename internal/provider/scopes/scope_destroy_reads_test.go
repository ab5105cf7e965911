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

// grantOutside approves a grant of scope in the fake, as the web portal
// would, outside the configuration.
func grantOutside(p *acctest.Portal, scope, orgno string) {
	p.Edit(func(st *fakeportal.State) {
		st.Grants[fakeportal.GrantKey{Scope: scope, Consumer: orgno}] = &fakeportal.Grant{
			Scope: scope, OwnerOrgno: acctest.ProviderOrgno, ConsumerOrgno: orgno, State: fakeportal.GrantApproved}
	})
}

// A destroy reads the grant list of a scope whose grants are managed here
// once, in its refresh, and the scope's Delete still revokes the grant made
// outside the configuration after the apply: it takes the refresh's list,
// less the grants its own process revoked.
func TestDestroyReadsEachGrantListOnce(t *testing.T) {
	p := acctest.NewPortal(t)
	granted := acctest.ProviderPrefix + ":destroy/granted.read"
	outsider := fakeportal.SyntheticOrgnos(1)[0]
	d := acctest.NewTFDir(t, destroyReadsConfig(p))
	d.MustRun("apply", "-auto-approve", "-input=false")
	grantOutside(p, granted, outsider)

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
	acctest.ExpectText(t, "destroy", out, "Warning: Access to scope "+granted+" revoked", "organisation "+outsider)
	for _, c := range []string{acctest.ConsumerOrgno, acctest.OtherOrgno, outsider} {
		if g := p.GrantState(granted, c); g != fakeportal.GrantDenied {
			t.Errorf("grant to %s after destroy: %q, want %s", c, g, fakeportal.GrantDenied)
		}
	}
}

// A destroy without a refresh, right after the apply that made the scopes,
// has no list to go by: each scope's Delete reads its grants, and revokes
// the one made outside.
func TestDestroyWithoutRefreshReadsTheGrants(t *testing.T) {
	p := acctest.NewPortal(t)
	granted := acctest.ProviderPrefix + ":destroy/granted.read"
	outsider := fakeportal.SyntheticOrgnos(1)[0]
	d := acctest.NewTFDir(t, destroyReadsConfig(p))
	d.MustRun("apply", "-auto-approve", "-input=false")
	grantOutside(p, granted, outsider)

	p.ResetRequestCounts()
	d.MustRun("destroy", "-auto-approve", "-input=false", "-refresh=false")
	if n := p.RequestCount("GET /scopes/access"); n != 2 {
		t.Errorf("the destroy read the grant lists of its 2 scopes %d times, want 2 (once each, in the Delete)", n)
	}
	if g := p.GrantState(granted, outsider); g != fakeportal.GrantDenied {
		t.Errorf("grant to %s after destroy: %q, want %s", outsider, g, fakeportal.GrantDenied)
	}
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
	p := acctest.NewPortal(t)
	granted := acctest.ProviderPrefix + ":destroy/granted.read"
	outsider := fakeportal.SyntheticOrgnos(1)[0]
	d := acctest.NewTFDir(t, consumersConfig(p))
	d.MustRun("apply", "-auto-approve", "-input=false")
	grantOutside(p, granted, outsider)

	d.MustRun("destroy", "-auto-approve", "-input=false", "-refresh=false")
	for _, c := range []string{acctest.ConsumerOrgno, acctest.OtherOrgno, outsider} {
		if g := p.GrantState(granted, c); g != fakeportal.GrantDenied {
			t.Errorf("grant to %s after destroy: %q, want %s", c, g, fakeportal.GrantDenied)
		}
	}
}

// The same with krr_scope_consumers: its refresh keeps the list, and the
// scope's Delete reads none.
func TestDestroyWithConsumersReadsTheGrantListOnce(t *testing.T) {
	p := acctest.NewPortal(t)
	granted := acctest.ProviderPrefix + ":destroy/granted.read"
	outsider := fakeportal.SyntheticOrgnos(1)[0]
	d := acctest.NewTFDir(t, consumersConfig(p))
	d.MustRun("apply", "-auto-approve", "-input=false")
	grantOutside(p, granted, outsider)

	p.ResetRequestCounts()
	d.MustRun("destroy", "-auto-approve", "-input=false")
	if n := p.RequestCount("GET /scopes/access"); n != 1 {
		t.Errorf("the destroy read the scope's grant list %d times, want 1 (in the refresh)", n)
	}
	for _, c := range []string{acctest.ConsumerOrgno, acctest.OtherOrgno, outsider} {
		if g := p.GrantState(granted, c); g != fakeportal.GrantDenied {
			t.Errorf("grant to %s after destroy: %q, want %s", c, g, fakeportal.GrantDenied)
		}
	}
}
