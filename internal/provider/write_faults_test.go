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

// A portal that fails every POST of a create for longer than the retry
// budget: the create tries max_retries+1 times, each after a lookup, and
// the error says it gave up, how often and over how long. Nothing is
// orphaned: a create that certainly made nothing leaves nothing in state
// or the portal; one whose answers and lookups were all lost while the
// portal made the object keeps it in state, tainted, so that the next
// apply (the portal back) ends with it exactly once.
func TestCreateGivesUpWhenPortalIsDown(t *testing.T) {
	t.Parallel()
	const seeded = acctest.ProviderPrefix + ":down/v1/seeded.read"
	const scopeName = acctest.ProviderPrefix + ":down/v1/person.read"
	scope := `
resource "krr_scope" "s" {
  prefix      = "` + acctest.ProviderPrefix + `"
  subscope    = "down/v1/person.read"
  description = "v1"
}
`
	client := `
resource "krr_client" "c" {
  client_name = "Case handling"
  description = "v1"
  scopes      = ["` + seeded + `"]
}
`
	down := func(method, route string, afterWrite bool) fakeportal.Fault {
		status := 503
		if afterWrite {
			status = 502
		}
		return fakeportal.Fault{Method: method, Route: route, Status: status, AfterWrite: afterWrite, Times: 1000}
	}
	scopes := func(p *acctest.Portal) (n int) {
		p.Edit(func(st *fakeportal.State) {
			if s := st.Scopes[scopeName]; s != nil && s.Active {
				n++
			}
		})
		return n
	}
	clients := func(p *acctest.Portal) int { return len(p.ActiveClients(acctest.ProviderOrgno)) }
	cases := []struct {
		name, config, resource string
		faults                 []fakeportal.Fault
		made                   bool // the portal made the object although every answer said otherwise
		count                  func(p *acctest.Portal) int
	}{
		{"scope, never made", scope, "krr_scope.s", []fakeportal.Fault{down("POST", "/scopes", false)}, false, scopes},
		{"client, never made", client, "krr_client.c", []fakeportal.Fault{down("POST", "/clients", false)}, false, clients},
		{"scope, made, lookups down", scope, "krr_scope.s", []fakeportal.Fault{
			down("POST", "/scopes", true), down("GET", "/scopes/scope", false), down("GET", "/scopes", false),
		}, true, scopes},
		{"client, made, lookups down", client, "krr_client.c", []fakeportal.Fault{
			down("POST", "/clients", true), down("GET", "/clients/{id}", false), down("GET", "/clients", false),
		}, true, clients},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			p := acctest.NewPortal(t)
			p.SeedScope(seeded, true)
			provider := p.ProviderConfig("", acctest.ProviderOrgno, "max_retries = 2")
			d := acctest.NewTFDir(t, provider+c.config)
			p.ResetRequestCounts()
			for _, f := range c.faults {
				p.InjectFault(f)
			}
			out, err := d.Run("apply", "-auto-approve", "-input=false")
			if err == nil {
				t.Fatalf("the apply succeeded with every POST failing:\n%s", out)
			}
			flat := strings.Join(strings.Fields(out), " ")
			post := "POST " + c.faults[0].Route
			if got := p.RequestCount(post); !c.made && got != 3 || c.made && got != 1 {
				t.Errorf("%d %s sent, want %d (max_retries = 2, and none after the portal may have made it)", got, post, map[bool]int{false: 3, true: 1}[c.made])
			}
			want := "gave up after 3 attempts over"
			if c.made {
				want = "gave up after 1 attempt over"
			}
			if !strings.Contains(strings.ToLower(flat), want) || !strings.Contains(flat, "correlation_id") {
				t.Errorf("the error does not say %q with the portal's correlation_id:\n%s", want, out)
			}
			if c.made != strings.Contains(flat, "may or may not have made it") {
				t.Errorf("the error does not say whether the portal may have made it (made %v):\n%s", c.made, out)
			}
			inState := strings.Contains(d.MustRun("state", "list"), c.resource)
			if inState != c.made {
				t.Errorf("%s in state: %v, want %v", c.resource, inState, c.made)
			}
			if c.made && !strings.Contains(d.MustRun("show"), "tainted") {
				t.Errorf("%s is not tainted:\n%s", c.resource, d.MustRun("show"))
			}
			if got, want := c.count(p), map[bool]int{false: 0, true: 1}[c.made]; got != want {
				t.Errorf("the portal holds %d active, want %d", got, want)
			}

			// The portal back: one apply, and the object is there once.
			p.ClearFaults()
			d.MustRun("apply", "-auto-approve", "-input=false")
			if out, err := d.Run("plan", "-input=false", "-detailed-exitcode"); err != nil {
				t.Fatalf("the plan after the portal came back is not empty: %v\n%s", err, out)
			}
			if got := c.count(p); got != 1 {
				t.Errorf("after the portal came back it holds %d active, want 1", got)
			}
		})
	}
}

// A create that finds the key it asked for taken by someone else's live
// object (after a 409, or a lookup after a lost answer) says how to import
// it, and sends no second POST.
func TestCreateFindsAnotherClientUnderItsID(t *testing.T) {
	t.Parallel()
	const seeded = acctest.ProviderPrefix + ":taken/v1/seeded.read"
	p := acctest.NewPortal(t)
	p.SeedScope(seeded, true)
	p.AddTestClient("7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f", true)
	d := acctest.NewTFDir(t, p.ProviderConfig("", acctest.ProviderOrgno, "max_retries = 2")+`
resource "krr_client" "c" {
  client_id   = "7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f"
  client_name = "Case handling"
  description = "v1"
  scopes      = ["`+seeded+`"]
}
`)
	p.ResetRequestCounts()
	// The first answer is lost: the lookup finds the other client.
	p.InjectFault(fakeportal.Fault{Method: "POST", Route: "/clients", Status: 503})
	out, err := d.Run("apply", "-auto-approve", "-input=false")
	flat := strings.Join(strings.Fields(out), " ")
	if err == nil || !strings.Contains(flat, `client id 7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f belongs to another client, "jwks test 7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f" (maskinporten)`) ||
		!strings.Contains(flat, "terraform import krr_client.<name> 7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f") {
		t.Fatalf("want an error that names the other client and how to import it:\n%s", out)
	}
	if strings.Contains(flat, "KRR_BASE_URL") {
		t.Errorf("the error blames the connection:\n%s", out)
	}
	if got := p.RequestCount("POST /clients"); got != 1 {
		t.Errorf("%d POST /clients sent, want 1", got)
	}
}
