package login_test

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// active = false makes the client deactivated; true brings the same client
// back, keeping its id; destroying a deactivated client is done.
func TestAccLoginClient_deactivateAndBringBack(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	config := func(active bool) string {
		return loginConfig(p, loginClientBlock(`client_id = "`+browserClientID+`"`, `integration_type = "idporten"`,
			`client_name = "SPA"`, `description = "x"`, `application_type = "browser"`, `token_endpoint_auth_method = "none"`,
			`redirect_uris = ["https://spa.example.no/"]`, fmt.Sprintf("active = %v", active)))
	}
	activeInPortal := func(want bool) statecheck.StateCheck {
		return acctest.CheckPortal(func() error {
			if c, ok := portalClient(p, browserClientID); !ok || c.Active != want {
				return fmt.Errorf("want client %s with active = %v in the portal, have %+v", browserClientID, want, c)
			}
			return nil
		})
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config(false),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{stateIs("active", knownvalue.Bool(false)), activeInPortal(false)},
			},
			{
				Config: config(true),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{acctest.ExpectChangedAttributes(loginAddr, "active")},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{stateIs("active", knownvalue.Bool(true)), activeInPortal(true),
					stateIs("client_id", knownvalue.StringExact(browserClientID))},
			},
			{Config: config(false), ConfigStateChecks: []statecheck.StateCheck{activeInPortal(false)}},
		},
		CheckDestroy: func(*terraform.State) error {
			if c, ok := portalClient(p, browserClientID); !ok || c.Active {
				return fmt.Errorf("after destroy: %+v", c)
			}
			return nil
		},
	})
}

// A client id that belongs to another kind of client (here a Maskinporten
// client) is not taken over: the create stops with how to manage it.
func TestAccLoginClient_idOfAnotherClient(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	p.AddTestClient(acctest.ConsumerClientID, true) // maskinporten, of the provider organisation
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: p.ProviderConfig("", acctest.ProviderOrgno) + loginClientBlock(`client_id = "`+acctest.ConsumerClientID+`"`,
				`integration_type = "idporten"`, `client_name = "x"`, `description = "x"`,
				`token_endpoint_auth_method = "client_secret_basic"`, `redirect_uris = ["https://app.example.no/cb"]`),
			ExpectError: acctest.PhraseRegexp(`client id `+acctest.ConsumerClientID+` belongs to another client`, `(maskinporten)`,
				`terraform import krr_login_client.<name> `+acctest.ConsumerClientID),
		}},
	})
	if c, _ := portalClient(p, acctest.ConsumerClientID); c.IntegrationType != "maskinporten" || c.ClientName != "jwks test "+acctest.ConsumerClientID {
		t.Errorf("the other client was changed: %+v", c)
	}
}
