package clients_test

import (
	"crypto/rsa"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// A client deactivated in the web portal keeps its keys there, so its
// krr_client_jwks stays in state: the plan shows only krr_client's active
// going back to true, not a key set to create, and the apply that
// reactivates the client writes no keys.
func TestAccClientJWKS_clientDeactivatedKeepsKeys(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	p.SeedScope(acctest.PersonScope, true)
	pub := &acctest.TestKey("A").PublicKey
	config := p.ProviderConfig("", acctest.ConsumerOrgno) + `
resource "krr_client" "app" {
  client_id   = "` + acctest.ConsumerClientID + `"
  client_name = "Case handling"
  description = "Looks up persons"
  scopes      = ["` + acctest.PersonScope + `"]
}

resource "krr_client_jwks" "test" {
  client_id = krr_client.app.client_id
  keys = {
    "k1" = {
      public_key_pem = <<-EOT
` + acctest.PublicPEM(t, pub) + `EOT
    }
  }
}
`
	keys := map[string]*rsa.PublicKey{"k1": pub}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					p.Edit(func(st *fakeportal.State) { st.Clients[acctest.ConsumerClientID].Active = false })
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						acctest.ExpectChangedAttributes("krr_client.app", "active"),
						plancheck.ExpectResourceAction(jwksAddr, plancheck.ResourceActionNoop),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{checkPortalKeys(p, acctest.ConsumerClientID, keys)},
			},
		},
	})
	if n := p.RequestCount("POST /clients/{id}/jwks"); n != 1 {
		t.Errorf("key sets were written %d times, want once (the first apply; the keys outlived the deactivation)", n)
	}
}
