package clients_test

import (
	"testing"

	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// A key set made in the same apply as its client writes at once: the
// client this apply has just made is active and has no keys, so neither is
// read first. A key set for a client that was there already reads both
// (TestAccClientJWKS_* with acctest.AddTestClient).
func TestClientJWKSForANewClientReadsNothingFirst(t *testing.T) {
	p := acctest.NewPortal(t)
	p.SeedScope(acctest.PersonScope, true)
	d := acctest.NewTFDir(t, p.ProviderConfig("", acctest.ConsumerOrgno)+`
resource "krr_client" "app" {
  client_name = "Case handling"
  description = "Looks up persons"
  scopes      = ["`+acctest.PersonScope+`"]
}

resource "krr_client_jwks" "app" {
  client_id = krr_client.app.client_id
  keys = {
    "app-2026" = {
      public_key_pem = <<-EOT
`+acctest.PublicPEM(t, &acctest.TestKey("A").PublicKey)+`EOT
    }
  }
}
`)
	d.MustRun("apply", "-auto-approve", "-input=false")
	for _, route := range []string{"GET /clients/{id}", "GET /clients/{id}/jwks"} {
		if n := p.RequestCount(route); n != 0 {
			t.Errorf("the apply sent %s %d times, want 0", route, n)
		}
	}
	clients := p.ActiveClients(acctest.ConsumerOrgno)
	if len(clients) != 1 {
		t.Fatalf("the portal holds %d active clients of %s, want 1", len(clients), acctest.ConsumerOrgno)
	}
	if keys := p.PortalKeys(clients[0].ClientID); len(keys) != 1 {
		t.Errorf("the portal holds %d keys for the client, want 1", len(keys))
	}
	d.MustRun("destroy", "-auto-approve", "-input=false")
}
