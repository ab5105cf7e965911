package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
)

// A create that succeeded in the portal and failed at a later step is kept
// in state, so that Terraform finishes it or replaces it; it is never left
// in the portal unknown to Terraform. Here the client is made and then its
// deactivation fails (active = false), and another client is made and then
// its keys fail. A second apply repairs both, and the portal holds one
// client of each, as configured.
func TestPartialFailureKeepsWhatWasMade(t *testing.T) {
	t.Parallel()
	p := newTestPortal(t)
	p.seedScope(personScope, true)
	config := p.providerConfig("", providerOrgno) + `
resource "krr_client" "kept" {
  client_id   = "` + consumerClientID + `"
  client_name = "Kept, deactivated"
  description = "Made, then deactivated"
  scopes      = ["` + personScope + `"]
  active      = false
}

resource "krr_client" "keyed" {
  client_name = "Keyed"
  description = "Made, then given keys"
  scopes      = ["` + personScope + `"]
}

resource "krr_client_jwks" "keyed" {
  client_id = krr_client.keyed.client_id
  keys      = { "k1" = { jwk = ` + fmt.Sprintf("%q", jwkJSON(&testKey("A").PublicKey)) + ` } }
}
`
	d := newTFDir(t, config)
	p.InjectFault(fakeportal.Fault{Method: "DELETE", Route: "/clients/{id}", Status: 500, Times: 20})
	p.InjectFault(fakeportal.Fault{Method: "POST", Route: "/clients/{id}/jwks", Status: 503, Times: 20})
	if out, err := d.run("apply", "-auto-approve", "-input=false"); err == nil {
		t.Fatalf("the apply succeeded through the faults:\n%s", out)
	}
	state := d.mustRun("state", "list")
	for _, addr := range []string{"krr_client.kept", "krr_client.keyed"} {
		if !strings.Contains(state, addr) {
			t.Errorf("%s was made in the portal but is not in state:\n%s", addr, state)
		}
	}
	if len(p.activeClients(providerOrgno)) != 2 {
		t.Fatalf("want both clients made: %+v", p.activeClients(providerOrgno))
	}

	p.ClearFaults()
	d.mustRun("apply", "-auto-approve", "-input=false")
	if out, err := d.run("plan", "-input=false", "-detailed-exitcode"); err != nil {
		t.Fatalf("the plan after the repair is not empty:\n%s", out)
	}
	var kept, keyed []fakeportal.Client
	p.Edit(func(st *fakeportal.State) {
		for _, c := range st.Clients {
			switch c.ClientName {
			case "Kept, deactivated":
				kept = append(kept, *c)
			case "Keyed":
				if c.Active {
					keyed = append(keyed, *c)
				}
			}
		}
	})
	if len(kept) != 1 || kept[0].ClientID != consumerClientID || kept[0].Active {
		t.Errorf("want the one client %s, deactivated: %+v", consumerClientID, kept)
	}
	if len(keyed) != 1 || len(p.portalKeys(keyed[0].ClientID)) != 1 {
		t.Errorf("want one active keyed client with its key: %+v", keyed)
	}
}
