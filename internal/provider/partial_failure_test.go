package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// A create that succeeded in the portal and failed at a later step is kept
// in state, so that Terraform finishes it or replaces it; it is never left
// in the portal unknown to Terraform. Here the client is made and then its
// deactivation fails (active = false), and another client is made and then
// its keys fail. A second apply repairs both, and the portal holds one
// client of each, as configured.
func TestPartialFailureKeepsWhatWasMade(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	p.SeedScope(acctest.PersonScope, true)
	config := p.ProviderConfig("", acctest.ProviderOrgno) + `
resource "krr_client" "kept" {
  client_id   = "` + acctest.ConsumerClientID + `"
  client_name = "Kept, deactivated"
  description = "Made, then deactivated"
  scopes      = ["` + acctest.PersonScope + `"]
  active      = false
}

resource "krr_client" "keyed" {
  client_name = "Keyed"
  description = "Made, then given keys"
  scopes      = ["` + acctest.PersonScope + `"]
}

resource "krr_client_jwks" "keyed" {
  client_id = krr_client.keyed.client_id
  keys      = { "k1" = { jwk = ` + fmt.Sprintf("%q", acctest.JWKJSON(&acctest.TestKey("A").PublicKey)) + ` } }
}
`
	d := acctest.NewTFDir(t, config)
	p.InjectFault(fakeportal.Fault{Method: "DELETE", Route: "/clients/{id}", Status: 500, Times: 20})
	p.InjectFault(fakeportal.Fault{Method: "POST", Route: "/clients/{id}/jwks", Status: 503, Times: 20})
	if out, err := d.Run("apply", "-auto-approve", "-input=false"); err == nil {
		t.Fatalf("the apply succeeded through the faults:\n%s", out)
	}
	state := d.MustRun("state", "list")
	for _, addr := range []string{"krr_client.kept", "krr_client.keyed"} {
		if !strings.Contains(state, addr) {
			t.Errorf("%s was made in the portal but is not in state:\n%s", addr, state)
		}
	}
	if len(p.ActiveClients(acctest.ProviderOrgno)) != 2 {
		t.Fatalf("want both clients made: %+v", p.ActiveClients(acctest.ProviderOrgno))
	}

	p.ClearFaults()
	d.MustRun("apply", "-auto-approve", "-input=false")
	if out, err := d.Run("plan", "-input=false", "-detailed-exitcode"); err != nil {
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
	if len(kept) != 1 || kept[0].ClientID != acctest.ConsumerClientID || kept[0].Active {
		t.Errorf("want the one client %s, deactivated: %+v", acctest.ConsumerClientID, kept)
	}
	if len(keyed) != 1 || len(p.PortalKeys(keyed[0].ClientID)) != 1 {
		t.Errorf("want one active keyed client with its key: %+v", keyed)
	}
}
