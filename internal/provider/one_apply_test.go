package provider

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// The first thing a platform team writes: scopes, who may use them, and
// clients that use them, in one configuration, applied from nothing in ONE
// apply, planned clean after, destroyed, and applied again in one step.

const (
	syncClientID = "5d7c3a10-8f2e-4b6a-9c1d-2e3f4a5b6c7d"

	writeScope = acctest.ProviderPrefix + ":persons/v1/person.write"
)

// (a) One organisation: two scopes, grants to two other organisations, and
// its own client, with a key set, carrying both scopes by reference.
func TestAccOneApply_oneOrganisation(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	config := p.ProviderConfig("", acctest.ProviderOrgno) + `
resource "krr_scope" "read" {
  prefix      = "` + acctest.ProviderPrefix + `"
  subscope    = "persons/v1/person.read"
  description = "Read persons"
}

resource "krr_scope" "write" {
  prefix                    = "` + acctest.ProviderPrefix + `"
  subscope                  = "persons/v1/person.write"
  description               = "Change persons"
  allowed_integration_types = ["maskinporten"]
}

# count, not for_each: terraform-plugin-testing's state shim cannot read
# string instance keys.
resource "krr_scope_access" "read" {
  count          = 2
  scope          = krr_scope.read.name
  consumer_orgno = ["` + acctest.ConsumerOrgno + `", "` + acctest.OtherOrgno + `"][count.index]
}

resource "krr_scope_access" "write" {
  scope          = krr_scope.write.name
  consumer_orgno = "` + acctest.ConsumerOrgno + `"
}

resource "krr_client" "sync" {
  client_id   = "` + syncClientID + `"
  client_name = "Nightly sync"
  description = "Copies persons to the archive"
  scopes      = [krr_scope.read.name, krr_scope.write.name]
}

resource "krr_client_jwks" "sync" {
  client_id = krr_client.sync.client_id
  keys = {
    "sync-2026" = {
      public_key_pem = <<-EOT
` + acctest.PublicPEM(t, &acctest.TestKey("A").PublicKey) + `EOT
    }
  }
}
`
	applied := []statecheck.StateCheck{
		statecheck.ExpectKnownValue("krr_client.sync", tfjsonpath.New("client_id"), knownvalue.StringExact(syncClientID)),
		statecheck.ExpectKnownValue("krr_client.sync", tfjsonpath.New("scopes"), knownvalue.SetExact([]knownvalue.Check{
			knownvalue.StringExact(acctest.PersonScope), knownvalue.StringExact(writeScope)})),
		statecheck.ExpectKnownValue("krr_scope_access.write", tfjsonpath.New("state"), knownvalue.StringExact("APPROVED")),
		acctest.CheckPortal(func() error {
			return expectOrganisation(p, map[string]bool{acctest.PersonScope: true, writeScope: true},
				map[[2]string]string{{acctest.PersonScope, acctest.ConsumerOrgno}: "APPROVED", {acctest.PersonScope, acctest.OtherOrgno}: "APPROVED", {writeScope, acctest.ConsumerOrgno}: "APPROVED"},
				map[string]bool{syncClientID: true})
		}),
		acctest.CheckPortal(func() error {
			if kids := acctest.SortedMapKeys(p.PortalKeys(syncClientID)); !slices.Equal(kids, []string{"sync-2026"}) {
				return fmt.Errorf("client %s has keys %v, want [sync-2026]", syncClientID, kids)
			}
			return nil
		}),
	}
	destroyed := func() {
		err := expectOrganisation(p, map[string]bool{acctest.PersonScope: false, writeScope: false},
			map[[2]string]string{{acctest.PersonScope, acctest.ConsumerOrgno}: "DENIED", {acctest.PersonScope, acctest.OtherOrgno}: "DENIED", {writeScope, acctest.ConsumerOrgno}: "DENIED"},
			map[string]bool{syncClientID: false})
		if err != nil {
			t.Errorf("after destroy: %v", err)
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						// The scope names are known at plan, so the client's
						// scopes are checked there, not left to apply.
						plancheck.ExpectKnownValue("krr_client.sync", tfjsonpath.New("scopes"), knownvalue.SetExact([]knownvalue.Check{
							knownvalue.StringExact(acctest.PersonScope), knownvalue.StringExact(writeScope)})),
						plancheck.ExpectResourceAction("krr_client.sync", plancheck.ResourceActionCreate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: applied,
			},
			{Config: config, Destroy: true},
			{
				PreConfig: destroyed,
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: applied,
			},
		},
		CheckDestroy: func(*terraform.State) error { destroyed(); return nil },
	})
}

// twoOrgAliases is a configuration of two organisations through aliased
// provider blocks: the API provider ("owner") and the consumer (default).
func twoOrgAliases(p *acctest.Portal, resources string) string {
	return p.ProviderConfig("owner", acctest.ProviderOrgno) + p.ProviderConfig("", acctest.ConsumerOrgno) + resources
}

// (b) Two organisations, through an aliased provider: the provider
// organisation's new scope and grant, and the consumer organisation's
// client using that scope, after the grant.
func TestAccOneApply_twoOrganisationsNewScope(t *testing.T) {
	acctest.UseBuiltProvider(t) // aliases are separate processes only when built
	p := acctest.NewPortal(t)
	config := twoOrgAliases(p, `
resource "krr_scope" "read" {
  provider    = krr.owner
  prefix      = "`+acctest.ProviderPrefix+`"
  subscope    = "persons/v1/person.read"
  description = "Read persons"
}

resource "krr_scope_access" "consumer" {
  provider       = krr.owner
  scope          = krr_scope.read.name
  consumer_orgno = "`+acctest.ConsumerOrgno+`"
}

resource "krr_client" "app" {
  client_id   = "`+acctest.ConsumerClientID+`"
  client_name = "Case handling"
  description = "Looks up persons"
  scopes      = [krr_scope.read.name]
  depends_on  = [krr_scope_access.consumer]
}
`)
	testTwoOrganisations(t, p, config, acctest.PersonScope, true, acctest.ConsumerClientID)
}

// (c) As (b), where the scope existed before and only the grant is new.
func TestAccOneApply_twoOrganisationsExistingScope(t *testing.T) {
	acctest.UseBuiltProvider(t)
	p := acctest.NewPortal(t)
	p.SeedScope(acctest.PersonScope, false) // made in the web portal, shared with no one
	config := twoOrgAliases(p, `
resource "krr_scope_access" "consumer" {
  provider       = krr.owner
  scope          = "`+acctest.PersonScope+`"
  consumer_orgno = "`+acctest.ConsumerOrgno+`"
}

resource "krr_client" "app" {
  client_name = "Case handling"
  description = "Looks up persons"
  scopes      = ["`+acctest.PersonScope+`"]
  depends_on  = [krr_scope_access.consumer]
}
`)
	testTwoOrganisations(t, p, config, acctest.PersonScope, false, "")
}

// testTwoOrganisations applies config from nothing in one step, checks the
// plan is empty, destroys, and applies again in one step. scopeManaged says
// whether the configuration owns the scope (then destroy deactivates it);
// clientID, when set, is the id the client must keep across the destroy.
func testTwoOrganisations(t *testing.T, p *acctest.Portal, config, scope string, scopeManaged bool, clientID string) {
	t.Helper()
	var firstID string
	applied := []statecheck.StateCheck{
		statecheck.ExpectKnownValue("krr_scope_access.consumer", tfjsonpath.New("state"), knownvalue.StringExact("APPROVED")),
		statecheck.ExpectKnownValue("krr_client.app", tfjsonpath.New("client_orgno"), knownvalue.StringExact(acctest.ConsumerOrgno)),
		statecheck.ExpectKnownValue("krr_client.app", tfjsonpath.New("scopes"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(scope)})),
		acctest.CheckPortal(func() error {
			clients := p.ActiveClients(acctest.ConsumerOrgno)
			if len(clients) != 1 || !slices.Equal(clients[0].Scopes, []string{scope}) {
				return fmt.Errorf("want one active client of %s carrying %s, portal has %+v", acctest.ConsumerOrgno, scope, clients)
			}
			if clientID != "" && clients[0].ClientID != clientID {
				return fmt.Errorf("client id %s, want %s", clients[0].ClientID, clientID)
			}
			if firstID == "" {
				firstID = clients[0].ClientID
			}
			if s, ok := p.Scope(scope); !ok || !s.Active || s.OwnerOrgno != acctest.ProviderOrgno {
				return fmt.Errorf("scope %s: %+v", scope, s)
			}
			return nil
		}),
	}
	destroyed := func() error {
		if c := p.ActiveClients(acctest.ConsumerOrgno); len(c) != 0 {
			return fmt.Errorf("active clients after destroy: %+v", c)
		}
		if g := p.GrantState(scope, acctest.ConsumerOrgno); g != fakeportal.GrantDenied {
			return fmt.Errorf("grant after destroy is %q, want DENIED", g)
		}
		if s, _ := p.Scope(scope); s.Active == scopeManaged {
			return fmt.Errorf("scope %s active = %v after destroy", scope, s.Active)
		}
		return nil
	}
	resource.Test(t, resource.TestCase{
		ExternalProviders: acctest.BuiltProvider,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: applied,
			},
			{Config: config, Destroy: true},
			{
				PreConfig: func() {
					if err := destroyed(); err != nil {
						t.Error(err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: append(applied, acctest.CheckPortal(func() error {
					if clientID != "" && firstID != clientID {
						return fmt.Errorf("the client came back as %s, want %s", firstID, clientID)
					}
					return nil
				})),
			},
		},
		CheckDestroy: func(*terraform.State) error { return destroyed() },
	})
}

// expectOrganisation compares the fake portal with what a configuration
// says: scopes (name → active), grants (scope and consumer → state) and
// clients (id → active).
func expectOrganisation(p *acctest.Portal, scopes map[string]bool, grants map[[2]string]string, clients map[string]bool) error {
	var err error
	p.Edit(func(st *fakeportal.State) {
		for name, active := range scopes {
			if s := st.Scopes[name]; s == nil || s.Active != active || s.OwnerOrgno != acctest.ProviderOrgno {
				err = fmt.Errorf("scope %s: want active = %v, portal has %+v", name, active, s)
				return
			}
		}
		for key, state := range grants {
			if g := st.Grants[fakeportal.GrantKey{Scope: key[0], Consumer: key[1]}]; g == nil || g.State != state {
				err = fmt.Errorf("grant of %s to %s: want %s, portal has %+v", key[0], key[1], state, g)
				return
			}
		}
		for id, active := range clients {
			if c := st.Clients[id]; c == nil || c.Active != active {
				err = fmt.Errorf("client %s: want active = %v, portal has %+v", id, active, c)
				return
			}
		}
	})
	return err
}

// What a provider process read before a grant was made in the same apply
// (by the owner's provider block, another process) is read again before a
// client that needs the grant is written. Here the consumer's first client
// (with a scope open to all) reads the portal while the owner's grant is
// still on its way (the fake holds it for a second); the second client,
// which waits for the grant, must still be written.
func TestAccOneApply_readAgainAfterAGrant(t *testing.T) {
	acctest.UseBuiltProvider(t)
	p := acctest.NewPortal(t)
	openScope := acctest.ProviderPrefix + ":open/v1/status.read"
	p.SeedScope(openScope, true)
	p.SeedScope(acctest.PersonScope, false)
	p.InjectFault(fakeportal.Fault{Method: "PUT", Route: "/scopes/access/{orgno}", Latency: time.Second})
	config := twoOrgAliases(p, `
resource "krr_scope_access" "consumer" {
  provider       = krr.owner
  scope          = "`+acctest.PersonScope+`"
  consumer_orgno = "`+acctest.ConsumerOrgno+`"
}

resource "krr_client" "status" {
  client_name = "Status"
  description = "Reads the status"
  scopes      = ["`+openScope+`"]
}

resource "krr_client" "app" {
  client_name = "Case handling"
  description = "Looks up persons"
  scopes      = ["`+acctest.PersonScope+`"]
  depends_on  = [krr_scope_access.consumer]
}
`)
	resource.Test(t, resource.TestCase{
		ExternalProviders: acctest.BuiltProvider,
		Steps: []resource.TestStep{{
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{acctest.CheckPortal(func() error {
				if c := p.ActiveClients(acctest.ConsumerOrgno); len(c) != 2 {
					return fmt.Errorf("want both clients, portal has %+v", c)
				}
				return nil
			})},
		}},
	})
}
