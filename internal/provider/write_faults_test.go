package provider

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// writeCase is one write of one resource: the configuration applied cleanly
// before (none for a create), the one applied with the fault on the write,
// and what the portal must hold once the second apply has run.
type writeCase struct {
	name          string
	method, route string // the write the fault hits
	seed          func(p *acctest.Portal)
	before, after string
	holds         func(p *acctest.Portal) error
}

// The four faults of a network and an API with unpublished rate limits.
var writeFaults = []struct {
	name  string
	fault fakeportal.Fault
}{
	{"429 Retry-After", fakeportal.Fault{Status: 429, RetryAfter: "1"}},
	{"503", fakeportal.Fault{Status: 503}},
	{"dropped connection", fakeportal.Fault{Drop: true}},
	{"write then 502", fakeportal.Fault{Status: 502, AfterWrite: true}},
}

// Every write of every resource, under each fault: the apply succeeds, or
// fails with a clear error that a second apply repairs. Then the plan is
// empty and the portal holds exactly what the configuration says: no
// second object, no lost grant, no scope left inactive.
func TestWriteFaultsConverge(t *testing.T) {
	t.Parallel()
	for _, wc := range writeCases() {
		for _, f := range writeFaults {
			t.Run(wc.name+"/"+f.name, func(t *testing.T) {
				t.Parallel()
				p := acctest.NewPortal(t)
				if wc.seed != nil {
					wc.seed(p)
				}
				provider := p.ProviderConfig("", acctest.ProviderOrgno)
				d := acctest.NewTFDir(t, provider+wc.before)
				if wc.before != "" {
					d.MustRun("apply", "-auto-approve", "-input=false")
				}
				fault := f.fault
				fault.Method, fault.Route = wc.method, wc.route
				p.ResetRequestCounts()
				p.InjectFault(fault)
				d.Write(provider + wc.after)
				if out, err := d.Run("apply", "-auto-approve", "-input=false"); err != nil {
					flat := strings.Join(strings.Fields(out), " ")
					if !strings.Contains(flat, "correlation_id") && !strings.Contains(flat, "could not reach the portal API") {
						t.Errorf("the failed apply gives no correlation_id and no reason:\n%s", out)
					}
					d.MustRun("apply", "-auto-approve", "-input=false")
				}
				if out, err := d.Run("plan", "-input=false", "-detailed-exitcode"); err != nil {
					t.Fatalf("the plan after the applies is not empty: %v\n%s", err, out)
				}
				if err := wc.holds(p); err != nil {
					t.Error(err)
				}
				// The first such request after the reset met the fault.
				if p.RequestCount(wc.method+" "+wc.route) == 0 {
					t.Errorf("no %s %s was sent: the fault hit nothing", wc.method, wc.route)
				}
			})
		}
	}
}

func writeCases() []writeCase {
	const seeded = acctest.ProviderPrefix + ":faults/v1/seeded.read"
	seedScope := func(p *acctest.Portal) { p.SeedScope(seeded, true) }
	scope := func(description string) string {
		return `
resource "krr_scope" "s" {
  prefix      = "` + acctest.ProviderPrefix + `"
  subscope    = "faults/v1/person.read"
  description = "` + description + `"
}
`
	}
	scopeHolds := func(description string, active bool) func(p *acctest.Portal) error {
		return func(p *acctest.Portal) error {
			s, ok := p.Scope(acctest.ProviderPrefix + ":faults/v1/person.read")
			if !ok || s.Active != active || (active && s.Description != description) {
				return fmt.Errorf("scope: want active %v, %q; portal has %+v", active, description, s)
			}
			return nil
		}
	}
	grant := `
resource "krr_scope_access" "g" {
  scope          = "` + seeded + `"
  consumer_orgno = "` + acctest.ConsumerOrgno + `"
}
`
	grantHolds := func(state string) func(p *acctest.Portal) error {
		return func(p *acctest.Portal) error {
			if got := p.GrantState(seeded, acctest.ConsumerOrgno); got != state {
				return fmt.Errorf("grant: want %s, portal has %q", state, got)
			}
			return nil
		}
	}
	consumers := func(orgnos ...string) string {
		return `
resource "krr_scope_consumers" "c" {
  scope           = "` + seeded + `"
  consumer_orgnos = [` + acctest.QuoteAll(orgnos) + `]
}
`
	}
	consumersHold := func(orgnos ...string) func(p *acctest.Portal) error {
		return func(p *acctest.Portal) error {
			slices.Sort(orgnos)
			if got := p.ApprovedConsumers(seeded); !slices.Equal(got, orgnos) {
				return fmt.Errorf("consumers: want %v, portal approves %v", orgnos, got)
			}
			return nil
		}
	}
	client := func(description string) string {
		return `
resource "krr_client" "c" {
  client_name = "Case handling"
  description = "` + description + `"
  scopes      = ["` + seeded + `"]
}
`
	}
	clientHolds := func(description string, count int) func(p *acctest.Portal) error {
		return func(p *acctest.Portal) error {
			clients := p.ActiveClients(acctest.ProviderOrgno)
			if len(clients) != count || count == 1 && clients[0].Description != description {
				return fmt.Errorf("clients: want %d active with %q, portal has %+v", count, description, clients)
			}
			return nil
		}
	}
	const keysClient = "faults-keys-client"
	seedKeysClient := func(p *acctest.Portal) { p.AddTestClient(keysClient, true) }
	keys := func(kids ...string) string {
		var b strings.Builder
		b.WriteString("\nresource \"krr_client_jwks\" \"k\" {\n  client_id = \"" + keysClient + "\"\n  keys = {\n")
		for _, kid := range kids {
			fmt.Fprintf(&b, "    %q = { jwk = %q }\n", kid, acctest.JWKJSON(&acctest.TestKey("A").PublicKey))
		}
		b.WriteString("  }\n}\n")
		return b.String()
	}
	keysHold := func(kids ...string) func(p *acctest.Portal) error {
		return func(p *acctest.Portal) error {
			if got := acctest.SortedMapKeys(p.PortalKeys(keysClient)); !slices.Equal(got, kids) {
				return fmt.Errorf("keys: want %v, portal has %v", kids, got)
			}
			return nil
		}
	}
	contacts := func(email string) string {
		return `
resource "krr_org_contacts" "o" {
  invoice               = { email = "` + email + `" }
  notification_contacts = [{ name = "Drift", email = "drift@example.no" }]
}
`
	}
	contactsHold := func(email string) func(p *acctest.Portal) error {
		return func(p *acctest.Portal) error {
			var got string
			p.Edit(func(st *fakeportal.State) {
				if c := st.Contacts[acctest.ProviderOrgno]; c != nil && c.Invoice != nil {
					got = c.Invoice.Email
				}
			})
			if got != email {
				return fmt.Errorf("contacts: want invoice e-mail %q, portal has %q", email, got)
			}
			return nil
		}
	}

	return []writeCase{
		{name: "scope create", method: "POST", route: "/scopes", after: scope("v1"), holds: scopeHolds("v1", true)},
		{name: "scope update", method: "PUT", route: "/scopes", before: scope("v1"), after: scope("v2"), holds: scopeHolds("v2", true)},
		{name: "scope delete", method: "DELETE", route: "/scopes", before: scope("v1"), after: "", holds: scopeHolds("", false)},
		{name: "grant create", method: "PUT", route: "/scopes/access/{orgno}", seed: seedScope, after: grant, holds: grantHolds(fakeportal.GrantApproved)},
		{name: "grant delete", method: "DELETE", route: "/scopes/access/{orgno}", seed: seedScope, before: grant, after: "",
			holds: grantHolds(fakeportal.GrantDenied)},
		{name: "consumers create", method: "PUT", route: "/scopes/access/{orgno}", seed: seedScope, after: consumers(acctest.ConsumerOrgno),
			holds: consumersHold(acctest.ConsumerOrgno)},
		{name: "consumers update", method: "PUT", route: "/scopes/access/{orgno}", seed: seedScope, before: consumers(acctest.ConsumerOrgno),
			after: consumers(acctest.ConsumerOrgno, acctest.OtherOrgno), holds: consumersHold(acctest.ConsumerOrgno, acctest.OtherOrgno)},
		{name: "consumers delete", method: "DELETE", route: "/scopes/access/{orgno}", seed: seedScope, before: consumers(acctest.ConsumerOrgno),
			after: "", holds: consumersHold()},
		{name: "client create", method: "POST", route: "/clients", seed: seedScope, after: client("v1"), holds: clientHolds("v1", 1)},
		{name: "client update", method: "PUT", route: "/clients/{id}", seed: seedScope, before: client("v1"), after: client("v2"),
			holds: clientHolds("v2", 1)},
		{name: "client delete", method: "DELETE", route: "/clients/{id}", seed: seedScope, before: client("v1"), after: "",
			holds: clientHolds("", 0)},
		{name: "keys create", method: "POST", route: "/clients/{id}/jwks", seed: seedKeysClient, after: keys("k1"), holds: keysHold("k1")},
		{name: "keys update", method: "POST", route: "/clients/{id}/jwks", seed: seedKeysClient, before: keys("k1"), after: keys("k1", "k2"),
			holds: keysHold("k1", "k2")},
		{name: "keys delete", method: "DELETE", route: "/clients/{id}/jwks", seed: seedKeysClient, before: keys("k1"), after: "",
			holds: keysHold()},
		{name: "contacts create", method: "PUT", route: "/organization/contacts", after: contacts("faktura@example.no"),
			holds: contactsHold("faktura@example.no")},
		{name: "contacts update", method: "PUT", route: "/organization/contacts", before: contacts("faktura@example.no"),
			after: contacts("regning@example.no"), holds: contactsHold("regning@example.no")},
	}
}
