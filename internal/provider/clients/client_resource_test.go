package clients_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// twoOrgsConfig is the seed's two sides in one configuration: the API
// provider (alias "owner") offers two scopes and gives the consumer access;
// the consumer (the default provider) manages its client. (The owner's
// provider is "krrowner", see acctest.TwoOrgProviderFactories.)
func twoOrgsConfig(p *acctest.Portal, client string) string {
	return p.ProviderConfig("krrowner", acctest.ProviderOrgno) + p.ProviderConfig("", acctest.ConsumerOrgno) + `
resource "krr_scope" "person" {
  provider    = krrowner
  prefix      = "` + acctest.ProviderPrefix + `"
  subscope    = "persons/v1/person.read"
  description = "Read persons"
}

resource "krr_scope" "address" {
  provider    = krrowner
  prefix      = "` + acctest.ProviderPrefix + `"
  subscope    = "persons/v1/address.read"
  description = "Read addresses"
}

resource "krr_scope_access" "consumer" {
  provider       = krrowner
  count          = 2
  scope          = [krr_scope.person.name, krr_scope.address.name][count.index]
  consumer_orgno = "` + acctest.ConsumerOrgno + `"
}
` + client
}

func TestAccClient_lifecycle(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	addr := "krr_client.app"
	minimal := `
resource "krr_client" "app" {
  client_name = "Case handling"
  description = "Looks up persons"
  scopes      = ["` + acctest.PersonScope + `"]
}
`
	changed := `
resource "krr_client" "app" {
  client_name            = "Case handling v2"
  description            = "Looks up persons and addresses"
  scopes                 = ["` + acctest.PersonScope + `", "` + acctest.AddressScope + `"]
  access_token_lifetime  = 60
  authorization_lifetime = 3600
  refresh_token_lifetime = 300
}
`
	var firstID string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.TwoOrgProviderFactories,
		Steps: []resource.TestStep{
			// The grant must exist before a plan can check the client's
			// scopes against it, so the owner's side is applied first.
			{Config: twoOrgsConfig(p, "")},
			{
				Config: twoOrgsConfig(p, minimal),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("client_orgno"), knownvalue.StringExact(acctest.ConsumerOrgno)),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("client_id"), knownvalue.StringRegexp(
						regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("client_orgno"), knownvalue.StringExact(acctest.ConsumerOrgno)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("integration_type"), knownvalue.StringExact("maskinporten")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("application_type"), knownvalue.StringExact("web")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("token_endpoint_auth_method"), knownvalue.StringExact("private_key_jwt")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("grant_types"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.StringExact("urn:ietf:params:oauth:grant-type:jwt-bearer")})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("access_token_lifetime"), knownvalue.Int64Exact(120)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("authorization_lifetime"), knownvalue.Int64Exact(7200)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("refresh_token_lifetime"), knownvalue.Int64Exact(600)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("active"), knownvalue.Bool(true)),
					acctest.CheckPortal(func() error {
						clients := p.ActiveClients(acctest.ConsumerOrgno)
						if len(clients) != 1 || clients[0].ClientName != "Case handling" {
							return fmt.Errorf("want one active client, portal has %+v", clients)
						}
						firstID = clients[0].ClientID
						return nil
					}),
				},
			},
			{
				Config: twoOrgsConfig(p, changed),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{acctest.CheckPortal(func() error {
					c := p.ActiveClients(acctest.ConsumerOrgno)
					if len(c) != 1 || c[0].ClientID != firstID || c[0].ClientName != "Case handling v2" ||
						c[0].Description != "Looks up persons and addresses" || len(c[0].Scopes) != 2 ||
						c[0].AccessTokenLifetime != 60 || c[0].AuthorizationLifetime != 3600 || c[0].RefreshTokenLifetime != 300 {
						return fmt.Errorf("portal did not get every change: %+v", c)
					}
					return nil
				})},
			},
			{
				ResourceName:      addr,
				ImportState:       true,
				ImportStateIdFunc: func(*terraform.State) (string, error) { return firstID, nil },
				ImportStateVerify: true,
			},
			{
				// Changed in the web portal: a scope removed, the description
				// edited. The plan puts exactly those back.
				PreConfig: func() {
					p.Edit(func(st *fakeportal.State) {
						c := st.Clients[firstID]
						c.Description = "edited by hand"
						c.Scopes = []string{acctest.PersonScope}
					})
				},
				Config: twoOrgsConfig(p, changed),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						acctest.ExpectChangedAttributes(addr, "description", "scopes"),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// Deactivated in the web portal: the client keeps its id. The
				// plan shows active going back to true, and apply brings the
				// same client back.
				PreConfig: func() {
					p.Edit(func(st *fakeportal.State) { st.Clients[firstID].Active = false })
				},
				Config: twoOrgsConfig(p, changed),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						acctest.ExpectChangedAttributes(addr, "active"),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("active"), knownvalue.Bool(true)),
					acctest.CheckPortal(func() error {
						if c := p.ActiveClients(acctest.ConsumerOrgno); len(c) != 1 || c[0].ClientID != firstID {
							return fmt.Errorf("want client %s active again, and no other; portal has %+v", firstID, c)
						}
						return nil
					}),
				},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			if c := p.ActiveClients(acctest.ConsumerOrgno); len(c) != 0 {
				return fmt.Errorf("clients still active after destroy: %+v", c)
			}
			return nil
		},
	})
}

// A scope that has not been shared with the organisation, and that nothing
// in the apply makes usable, is refused before the client's POST, with the
// seed FAQ's answer, its owner, and the scopes close in name. The plan only
// warns, since a grant in the same apply could still make it usable; a
// prefix that is no organisation's is refused at plan.
func TestAccClient_scopeNotShared(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	p.SeedScope(acctest.PersonScope, false, acctest.ConsumerOrgno)
	p.SeedScope(acctest.AddressScope, false) // exists, but not shared
	client := func(scope string) string {
		return p.ProviderConfig("", acctest.ConsumerOrgno) + `
resource "krr_client" "app" {
  client_name = "x"
  description = "x"
  scopes      = ["` + scope + `"]
}
`
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: client(acctest.AddressScope),
				ExpectError: regexp.MustCompile(`(?s)Scope ` + regexp.QuoteMeta(acctest.AddressScope) + ` has not been shared with\s+organisation\s+` +
					acctest.ConsumerOrgno + `\s+in\s+the\s+test\s+environment.*FAQ.*another\s+environment.*Ask\s+the\s+API\s+provider,\s+organisation\s+` +
					acctest.ProviderOrgno + `\s+\(` + strings.ReplaceAll(acctest.ProviderOrgName, " ", `\s+`) + `\),\s+to\s+give.*Nothing\s+was\s+written`),
			},
			{
				// A typo: the message offers the scope it probably meant.
				Config:      client(acctest.ProviderPrefix + ":persons/v1/persons.read"),
				ExpectError: regexp.MustCompile(`(?s)close\s+in\s+name\s+that\s+it\s+may\s+use:\s+` + regexp.QuoteMeta(acctest.PersonScope)),
			},
			{
				// No organisation has the prefix: no apply can make such a
				// scope, so the plan refuses it.
				Config:   client("tll:persons/v1/person.read"),
				PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)Scope cannot exist.*"tll" is not any\s+organisation's\s+prefix.*close\s+in\s+name.*` +
					regexp.QuoteMeta(acctest.PersonScope)),
			},
		},
	})
	if n := p.WriteCount(); n != 0 {
		t.Errorf("refused clients sent %d writes: %v", n, p.RequestCounts())
	}
}

// "Do the write, then answer 502": the create is not repeated blindly; the
// client the portal made is found by the id the provider chose, and adopted.
func TestAccClient_lostAnswerMakesOneClient(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	p.SeedScope(acctest.PersonScope, true) // open to all: no grant needed
	p.InjectFault(fakeportal.Fault{Method: "POST", Route: "/clients", Status: 502, AfterWrite: true})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: p.ProviderConfig("", acctest.ConsumerOrgno) + `
resource "krr_client" "app" {
  client_name = "Case handling"
  description = "Looks up persons"
  scopes      = ["` + acctest.PersonScope + `"]
}
`,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{acctest.CheckPortal(func() error {
				clients := p.ActiveClients(acctest.ConsumerOrgno)
				if len(clients) != 1 {
					return fmt.Errorf("want exactly one client after a lost answer, portal has %d", len(clients))
				}
				if n := p.RequestCount("POST /clients"); n != 1 {
					return fmt.Errorf("want 1 POST /clients, got %d", n)
				}
				return nil
			})},
		}},
	})
}

func TestAccClient_invalidArguments(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	client := func(attrs ...string) string {
		return p.ProviderConfig("", acctest.ConsumerOrgno) + "resource \"krr_client\" \"x\" {\n" + strings.Join(attrs, "\n") + "\n}\n"
	}
	base := []string{`client_name = "x"`, `description = "x"`}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: client(append(slices.Clone(base), `scopes = []`)...), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)scopes.*at least 1`)},
			{Config: client(append(slices.Clone(base), `scopes = ["no prefix"]`)...), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)Invalid scope name`)},
			{Config: client(append(slices.Clone(base), `scopes = ["a:b"]`, `integration_type = "idporten"`)...), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)integration_type.*maskinporten`)},
			{Config: client(append(slices.Clone(base), `scopes = ["a:b"]`, `client_orgno = "`+acctest.BadCheckOrgno+`"`)...), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)client_orgno.*check digit`)},
			{Config: client(`client_name = "x"`, `description = "  "`, `scopes = ["a:b"]`), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)Blank value.*description: must hold more than whitespace`)},
			{Config: client(`client_name = " "`, `description = "x"`, `scopes = ["a:b"]`), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)Blank value.*client_name: must hold more than whitespace`)},
			{Config: client(append(slices.Clone(base), `scopes = ["a:b"]`, `client_id = "7F1C2D3E-4B5A-4C6D-8E9F-0A1B2C3D4E5F"`)...), PlanOnly: true,
				ExpectError: regexp.MustCompile(`(?s)client_id.*must be a lowercase UUID`)},
		},
	})
	if n := len(p.RequestCounts()); n != 0 {
		t.Errorf("invalid arguments sent requests: %v", p.RequestCounts())
	}
}

// PUT replaces the whole client: an update sends back what the provider
// does not manage (set here in the web portal), so it survives.
func TestAccClient_updateKeepsUnmanagedFields(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	p.SeedScope(acctest.PersonScope, true)
	client := func(description string) string { return consumerClientConfig(p, description) }
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: client("Looks up persons")},
			{
				PreConfig: func() {
					p.Edit(func(st *fakeportal.State) {
						c := st.Clients[acctest.ConsumerClientID]
						c.ClientURI = "https://case.example.test/"
						c.LogoURI = "https://case.example.test/logo.png"
						c.RefreshTokenUsage = "REUSE"
						c.FrontchannelLogoutSessionRequired = true
					})
				},
				Config: client("Looks up persons and addresses"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{acctest.ExpectChangedAttributes("krr_client.app", "description")},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{acctest.CheckPortal(func() error {
					var c fakeportal.Client
					p.Edit(func(st *fakeportal.State) { c = *st.Clients[acctest.ConsumerClientID] })
					if c.Description != "Looks up persons and addresses" || c.ClientURI != "https://case.example.test/" ||
						c.LogoURI != "https://case.example.test/logo.png" || c.RefreshTokenUsage != "REUSE" ||
						!c.FrontchannelLogoutSessionRequired {
						return fmt.Errorf("the update lost fields set in the portal: %+v", c)
					}
					return nil
				})},
			},
		},
	})
}

// A client deactivated in the web portal can be imported, and stays
// deactivated while the configuration says active = false; setting it to
// true brings it back under the same id.
func TestAccClient_importDeactivated(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	p.SeedScope(acctest.PersonScope, true)
	p.Edit(func(st *fakeportal.State) {
		st.Clients[acctest.ConsumerClientID] = &fakeportal.Client{ClientID: acctest.ConsumerClientID, ClientName: "Case handling",
			Description: "Looks up persons", ClientOrgno: acctest.ConsumerOrgno, IntegrationType: "maskinporten",
			ApplicationType: "web", TokenEndpointAuthMethod: "private_key_jwt",
			GrantTypes: []string{"urn:ietf:params:oauth:grant-type:jwt-bearer"}, Scopes: []string{acctest.PersonScope},
			AccessTokenLifetime: 120, AuthorizationLifetime: 7200, RefreshTokenLifetime: 600, Active: false}
	})
	client := func(active bool) string {
		return p.ProviderConfig("", acctest.ConsumerOrgno) + fmt.Sprintf(`
import {
  to = krr_client.app
  id = %q
}

resource "krr_client" "app" {
  client_id   = %q
  client_name = "Case handling"
  description = "Looks up persons"
  scopes      = [%q]
  active      = %v
}
`, acctest.ConsumerClientID, acctest.ConsumerClientID, acctest.PersonScope, active)
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: client(false),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction("krr_client.app", plancheck.ResourceActionNoop)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("krr_client.app", tfjsonpath.New("active"), knownvalue.Bool(false)),
				},
			},
			{
				Config: client(true),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{acctest.ExpectChangedAttributes("krr_client.app", "active")},
				},
				ConfigStateChecks: []statecheck.StateCheck{acctest.CheckPortal(func() error {
					if c := p.ActiveClients(acctest.ConsumerOrgno); len(c) != 1 || c[0].ClientID != acctest.ConsumerClientID {
						return fmt.Errorf("want client %s back, and no other: %+v", acctest.ConsumerClientID, c)
					}
					return nil
				})},
			},
		},
	})
}

// consumerClientConfig is the consumer organisation's client with a fixed
// id and acctest.PersonScope, described as given.
func consumerClientConfig(p *acctest.Portal, description string) string {
	return p.ProviderConfig("", acctest.ConsumerOrgno) + `
resource "krr_client" "app" {
  client_id   = "` + acctest.ConsumerClientID + `"
  client_name = "Case handling"
  description = "` + description + `"
  scopes      = ["` + acctest.PersonScope + `"]
}
`
}
