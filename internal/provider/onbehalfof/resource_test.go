package onbehalfof_test

import (
	"fmt"
	"regexp"
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

const addr = "krr_client_onbehalfof.test"

// record is the arguments of krr_client_onbehalfof "test", as HCL lines.
type record struct {
	onbehalfof, orgno, name, description, uri, logoURI string
}

func (r record) hcl(clientID string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "resource \"krr_client_onbehalfof\" \"test\" {\n  client_id  = %s\n  onbehalfof = %q\n  orgno      = %q\n  name       = %q\n",
		clientID, r.onbehalfof, r.orgno, r.name)
	for _, a := range []struct{ name, v string }{{"description", r.description}, {"uri", r.uri}, {"logo_uri", r.logoURI}} {
		if a.v != "" {
			fmt.Fprintf(&b, "  %s = %q\n", a.name, a.v)
		}
	}
	b.WriteString("}\n")
	return b.String()
}

// krrClientConfig is a KRR client of the consumer organisation, made by
// krr_client, and the record on it.
func krrClientConfig(p *acctest.Portal, r record) string {
	return p.ProviderConfig("", acctest.ConsumerOrgno) + `
resource "krr_client" "krr" {
  client_name      = "Supplier's KRR look-up"
  description      = "Looks up contact information for the supplier's customers"
  integration_type = "krr"
  scopes           = ["krr:global/kontaktinformasjon.read", "krr:global/digitalpost.read"]
}
` + r.hcl("krr_client.krr.client_id")
}

// consumerKRRClient is the id of the one active client of the consumer
// organisation: the one krr_client made.
func consumerKRRClient(p *acctest.Portal) (string, error) {
	clients := p.ActiveClients(acctest.ConsumerOrgno)
	if len(clients) != 1 {
		return "", fmt.Errorf("the consumer has %d active clients, want 1", len(clients))
	}
	return clients[0].ClientID, nil
}

// checkRecord passes when the portal holds the record as want says.
func checkRecord(p *acctest.Portal, want record) statecheck.StateCheck {
	return acctest.CheckPortal(func() error {
		id, err := consumerKRRClient(p)
		if err != nil {
			return err
		}
		got, ok := p.OnBehalfOfRecord(id, want.onbehalfof)
		switch {
		case !ok:
			return fmt.Errorf("the portal has no record %s on client %s", want.onbehalfof, id)
		case got.Orgno != want.orgno || got.Name != want.name || got.Description != want.description ||
			got.URI != want.uri || got.LogoURI != want.logoURI:
			return fmt.Errorf("the portal holds %+v, want %+v", got, want)
		}
		return nil
	})
}

// checkNoRecords is a CheckDestroy: no record is left on any client.
func checkNoRecords(p *acctest.Portal) resource.TestCheckFunc {
	return func(*terraform.State) error {
		var left []string
		p.Edit(func(st *fakeportal.State) {
			for k := range st.OnBehalfOf {
				left = append(left, k.ClientID+"::"+k.OnBehalfOf)
			}
		})
		if len(left) > 0 {
			return fmt.Errorf("records left after destroy: %v", left)
		}
		return nil
	}
}

// idIsClientAnd checks that id is <client_id>::<onbehalfof> of the record.
func idIsClientAnd(p *acctest.Portal, obo string) knownvalue.Check {
	return knownvalue.StringFunc(func(v string) error {
		id, err := consumerKRRClient(p)
		if err != nil {
			return err
		}
		if want := id + "::" + obo; v != want {
			return fmt.Errorf("id is %q, want %q", v, want)
		}
		return nil
	})
}

// The whole life of a record on a KRR client made in the same
// configuration: create (the client id is unknown at plan), an empty plan
// after apply, drift made in the portal repaired, an update in place,
// import, a record deleted in the portal made again, a new orgno replacing
// the record, and destroy.
func TestAccOnBehalfOf_lifecycle(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	first := record{onbehalfof: "kunde-1", orgno: acctest.OtherOrgno, name: "Tredje Testvirksomhet",
		description: "Customer since 2026", uri: "https://tredje.example.no"}
	changed := record{onbehalfof: "kunde-1", orgno: acctest.OtherOrgno, name: "Tredje Testvirksomhet AS",
		logoURI: "https://tredje.example.no/logo.png"}
	newOrg := changed
	newOrg.orgno = acctest.ProviderOrgno
	editRecord := func(fn func(r *fakeportal.OnBehalfOf)) func() {
		return func() {
			id, err := consumerKRRClient(p)
			if err != nil {
				t.Fatal(err)
			}
			if !p.EditOnBehalfOf(id, "kunde-1", fn) {
				t.Fatal("no record to change behind the provider's back")
			}
		}
	}
	var createdAt string
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		CheckDestroy:             checkNoRecords(p),
		Steps: []resource.TestStep{
			{
				Config: krrClientConfig(p, first),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), idIsClientAnd(p, "kunde-1")),
					statecheck.CompareValuePairs(addr, tfjsonpath.New("client_id"), "krr_client.krr", tfjsonpath.New("client_id"), acctest.CompareEqual),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("onbehalfof"), knownvalue.StringExact("kunde-1")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("orgno"), knownvalue.StringExact(acctest.OtherOrgno)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact(first.name)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("description"), knownvalue.StringExact(first.description)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("uri"), knownvalue.StringExact(first.uri)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("logo_uri"), knownvalue.Null()),
					// The portal knows the organisation's name from its number.
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("organization_name"), knownvalue.StringExact(acctest.OtherOrgName)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("created"), knownvalue.StringFunc(func(v string) error {
						if v == "" {
							return fmt.Errorf("created is empty")
						}
						createdAt = v
						return nil
					})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("last_updated"), knownvalue.NotNull()),
					checkRecord(p, first),
				},
			},
			{
				// Drift: the name and description changed in the web portal.
				// The plan puts back exactly those.
				PreConfig: editRecord(func(r *fakeportal.OnBehalfOf) { r.Name, r.Description = "Renamed by hand", "" }),
				Config:    krrClientConfig(p, first),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						acctest.ExpectChangedAttributes(addr, "name", "description"),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact(first.name)),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{checkRecord(p, first)},
			},
			{
				// Drift in a field the configuration leaves out: logo_uri
				// set in the portal is planned away.
				PreConfig: editRecord(func(r *fakeportal.OnBehalfOf) { r.LogoURI = "https://elsewhere.example.no/l.png" }),
				Config:    krrClientConfig(p, first),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						acctest.ExpectChangedAttributes(addr, "logo_uri"),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{checkRecord(p, first)},
			},
			{
				// An update in place: name, description gone, logo_uri added.
				Config: krrClientConfig(p, changed),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						acctest.ExpectChangedAttributes(addr, "name", "description", "uri", "logo_uri"),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("name"), knownvalue.StringExact(changed.name)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("description"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("uri"), knownvalue.Null()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("logo_uri"), knownvalue.StringExact(changed.logoURI)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("created"), knownvalue.StringFunc(func(v string) error {
						if v != createdAt {
							return fmt.Errorf("created is %q after an update, was %q", v, createdAt)
						}
						return nil
					})),
					checkRecord(p, changed),
				},
			},
			{
				ResourceName:      addr,
				ImportState:       true,
				ImportStateVerify: true,
				ImportStateIdFunc: func(s *terraform.State) (string, error) {
					rs := s.RootModule().Resources[addr]
					return rs.Primary.Attributes["client_id"] + "::" + rs.Primary.Attributes["onbehalfof"], nil
				},
			},
			{
				// Deleted in the portal: the refresh drops it (with a
				// warning) and the plan makes it again.
				PreConfig: func() {
					id, err := consumerKRRClient(p)
					if err != nil {
						t.Fatal(err)
					}
					p.DeleteOnBehalfOf(id, "kunde-1")
				},
				Config: krrClientConfig(p, changed),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{checkRecord(p, changed)},
			},
			{
				// orgno never changes in the portal: a new one replaces the record.
				Config: krrClientConfig(p, newOrg),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionReplace)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					checkRecord(p, newOrg),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("organization_name"), knownvalue.StringExact(acctest.ProviderOrgName)),
				},
			},
		},
	})
}

// A record on a Maskinporten client that the provider can read is refused
// at plan, naming client_id, before anything is written.
func TestAccOnBehalfOf_maskinportenClientRefusedAtPlan(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	const clientID = "mp-client-for-onbehalfof"
	p.AddTestClient(clientID, true)
	config := p.ProviderConfig("", acctest.ProviderOrgno) +
		record{onbehalfof: "kunde-1", orgno: acctest.OtherOrgno, name: "Kunde"}.hcl(fmt.Sprintf("%q", clientID))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:   config,
			PlanOnly: true,
			ExpectError: acctest.PhraseRegexp("On-behalf-of records are not allowed on Maskinporten clients",
				"client_id is "+clientID+", a maskinporten client", "idporten, api_klient, krr"),
		}},
	})
	if n := p.WriteCount(); n != 0 {
		t.Errorf("%d writes for a plan refused", n)
	}
}

// When the plan cannot tell (a kind §12 does not name, so left to the
// portal), the portal's 400 comes through at apply with the field it names
// and its correlation id.
func TestAccOnBehalfOf_portalRefusalAtApply(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	const clientID = "ansattporten-client-for-onbehalfof"
	p.AddTestClient(clientID, true)
	p.Edit(func(st *fakeportal.State) { st.Clients[clientID].IntegrationType = "ansattporten" })
	config := p.ProviderConfig("", acctest.ProviderOrgno) +
		record{onbehalfof: "kunde-1", orgno: acctest.OtherOrgno, name: "Kunde"}.hcl(fmt.Sprintf("%q", clientID))
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: config,
			ExpectError: regexp.MustCompile(`(?s)Unable to create on-behalf-of record ` + clientID + `::kunde-1` +
				`.*400 Bad Request.*integration_type\s+ansattporten.*correlation_id\s+[0-9a-f]{32}`),
		}},
	})
}

// Arguments the portal would refuse are refused at validate, before any
// request.
func TestAccOnBehalfOf_invalidArguments(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	good := record{onbehalfof: "kunde-1", orgno: acctest.OtherOrgno, name: "Kunde"}
	for name, tc := range map[string]struct {
		r    record
		want *regexp.Regexp
	}{
		"onbehalfof with a colon": {record{onbehalfof: "a:b", orgno: good.orgno, name: "K"}, acctest.PhraseRegexp("onbehalfof", "must be 1 to 64 letters")},
		"onbehalfof with a space": {record{onbehalfof: "a b", orgno: good.orgno, name: "K"}, acctest.PhraseRegexp("onbehalfof", "must be 1 to 64 letters")},
		"orgno check digit":       {record{onbehalfof: "k", orgno: acctest.BadCheckOrgno, name: "K"}, acctest.PhraseRegexp("Invalid organisation number")},
		"blank name":              {record{onbehalfof: "k", orgno: good.orgno, name: "  "}, acctest.PhraseRegexp("Blank value")},
		"long description": {record{onbehalfof: "k", orgno: good.orgno, name: "K", description: strings.Repeat("x", 256)},
			acctest.PhraseRegexp("description", "length must be between 1 and 255")},
		"relative uri": {record{onbehalfof: "k", orgno: good.orgno, name: "K", uri: "kunde.example.no"}, acctest.PhraseRegexp("Invalid URI", "uri")},
		"ftp logo":     {record{onbehalfof: "k", orgno: good.orgno, name: "K", logoURI: "ftp://x.no/l.png"}, acctest.PhraseRegexp("Invalid URI", "logo_uri")},
	} {
		t.Run(name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      p.ProviderConfig("", acctest.ProviderOrgno) + tc.r.hcl(`"some-client"`),
					PlanOnly:    true,
					ExpectError: tc.want,
				}},
			})
		})
	}
	if n := len(p.RequestCounts()); n != 0 {
		t.Errorf("requests for refused arguments: %v", p.RequestCounts())
	}
}

// A create whose answer is lost after the portal made the record is looked
// up and adopted, not made twice; and a record under the same onbehalfof
// for another organisation is an error that says how to import it.
func TestAccOnBehalfOf_createRetriedAndTaken(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	const clientID = "idporten-client-for-onbehalfof"
	p.AddTestClient(clientID, true)
	p.Edit(func(st *fakeportal.State) { st.Clients[clientID].IntegrationType = "idporten" })
	r := record{onbehalfof: "kunde-1", orgno: acctest.OtherOrgno, name: "Kunde"}
	config := p.ProviderConfig("", acctest.ProviderOrgno) + r.hcl(fmt.Sprintf("%q", clientID))
	p.InjectFault(fakeportal.Fault{Method: "POST", Route: "/clients/{id}/onbehalfof", Status: 502, AfterWrite: true})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(clientID+"::kunde-1")),
					acctest.CheckPortal(func() error {
						if n := p.RequestCount("POST /clients/{id}/onbehalfof"); n != 1 {
							return fmt.Errorf("%d POSTs, want 1 (the second try looks the record up)", n)
						}
						return nil
					}),
				},
			},
			{
				// Someone else's record under another onbehalfof already.
				PreConfig: func() {
					p.Edit(func(st *fakeportal.State) {
						st.OnBehalfOf[fakeportal.OnBehalfOfKey{ClientID: clientID, OnBehalfOf: "kunde-2"}] = &fakeportal.OnBehalfOf{
							OnBehalfOf: "kunde-2", Name: "Another customer", Orgno: acctest.ConsumerOrgno}
					})
				},
				Config: config + strings.ReplaceAll(record{onbehalfof: "kunde-2", orgno: acctest.OtherOrgno, name: "Kunde"}.hcl(fmt.Sprintf("%q", clientID)),
					`"test"`, `"second"`),
				ExpectError: acctest.PhraseRegexp("has an on-behalf-of record kunde-2 already, for organisation "+acctest.ConsumerOrgno,
					"terraform import krr_client_onbehalfof.<name> "+clientID+"::kunde-2"),
			},
		},
	})
}
