package contacts_test

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/contacts"
)

const orgContactsAddr = "krr_org_contacts.this"

// orgContactsConfig is a provider block for the provider organisation and a
// krr_org_contacts with the given body.
func orgContactsConfig(p *acctest.Portal, body string) string {
	return p.ProviderConfig("", acctest.ProviderOrgno) + "resource \"krr_org_contacts\" \"this\" {\n" + body + "\n}\n"
}

// Only the required arguments.
const orgContactsMinimalBody = `
  invoice = {
    email = "faktura@example.no"
  }
  notification_contacts = [
    { name = "Drift", email = "drift@example.no" },
  ]
`

// Every argument.
const orgContactsFullBody = `
  invoice = {
    email        = "invoice@example.no"
    reference    = "PO-1234"
    contact_name = "Kari Nordmann"
    address = {
      street      = "Postboks 1382 Vika"
      postal_code = "0114"
      city        = "Oslo"
    }
  }
  notification_contacts = [
    { name = "Drift", email = "drift@example.no", phone = "+4722450000" },
    { name = "Vakt", email = "vakt@example.no", phone = "22 45 00 01" },
  ]
`

// Every argument of orgContactsFullBody changed.
const orgContactsChangedBody = `
  invoice = {
    email        = "ap@example.com"
    reference    = "PO-5678"
    contact_name = "Ola Nordmann"
    address = {
      street      = "Grev Wedels plass 9"
      postal_code = "0151"
      city        = "Bergen"
    }
  }
  notification_contacts = [
    { name = "Driftssenter", email = "drift@example.no", phone = "+47 55 55 55 55" },
    { name = "Vakt", email = "beredskap@example.no", phone = "22 45 00 01" },
  ]
`

var (
	orgContactsMinimalPortal = fakeportal.OrgContacts{
		Orgno:                acctest.ProviderOrgno,
		Invoice:              &fakeportal.Invoice{Email: "faktura@example.no"},
		NotificationContacts: []fakeportal.NotificationContact{{Name: "Drift", Email: "drift@example.no"}},
	}
	orgContactsFullPortal = fakeportal.OrgContacts{
		Orgno: acctest.ProviderOrgno,
		Invoice: &fakeportal.Invoice{Email: "invoice@example.no", Reference: "PO-1234", ContactName: "Kari Nordmann",
			Address: &fakeportal.Address{Street: "Postboks 1382 Vika", PostalCode: "0114", City: "Oslo"}},
		NotificationContacts: []fakeportal.NotificationContact{
			{Name: "Drift", Email: "drift@example.no", Phone: "+4722450000"},
			{Name: "Vakt", Email: "vakt@example.no", Phone: "22 45 00 01"},
		},
	}
	orgContactsChangedPortal = fakeportal.OrgContacts{
		Orgno: acctest.ProviderOrgno,
		Invoice: &fakeportal.Invoice{Email: "ap@example.com", Reference: "PO-5678", ContactName: "Ola Nordmann",
			Address: &fakeportal.Address{Street: "Grev Wedels plass 9", PostalCode: "0151", City: "Bergen"}},
		NotificationContacts: []fakeportal.NotificationContact{
			{Name: "Driftssenter", Email: "drift@example.no", Phone: "+47 55 55 55 55"},
			{Name: "Vakt", Email: "beredskap@example.no", Phone: "22 45 00 01"},
		},
	}
)

// portalContactsJSON is what the fake portal holds for orgno, as JSON with
// the contacts sorted and last_updated left out, "" when it holds nothing.
func portalContactsJSON(p *acctest.Portal, orgno string) string {
	var out string
	p.Edit(func(st *fakeportal.State) {
		if oc := st.Contacts[orgno]; oc != nil {
			out = normalizedContactsJSON(*oc)
		}
	})
	return out
}

func normalizedContactsJSON(oc fakeportal.OrgContacts) string {
	oc.LastUpdated = ""
	oc.NotificationContacts = append([]fakeportal.NotificationContact{}, oc.NotificationContacts...)
	sort.Slice(oc.NotificationContacts, func(i, j int) bool {
		return oc.NotificationContacts[i].Email < oc.NotificationContacts[j].Email
	})
	b, err := json.Marshal(oc)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// expectPortalContacts checks that the fake portal holds want for the
// provider organisation.
func expectPortalContacts(p *acctest.Portal, want fakeportal.OrgContacts) statecheck.StateCheck {
	return acctest.CheckPortal(func() error {
		got, w := portalContactsJSON(p, want.Orgno), normalizedContactsJSON(want)
		if got != w {
			return fmt.Errorf("portal holds %s\nwant %s", got, w)
		}
		return nil
	})
}

// seedContacts sets the merchant data in the fake portal, as the web
// portal would.
func seedContacts(p *acctest.Portal, oc fakeportal.OrgContacts) {
	p.Edit(func(st *fakeportal.State) {
		c := oc
		c.LastUpdated = "2025-07-02T08:30:00.000+02:00"
		c.NotificationContacts = append([]fakeportal.NotificationContact{}, oc.NotificationContacts...)
		if oc.Invoice != nil {
			inv := *oc.Invoice
			if inv.Address != nil {
				a := *inv.Address
				inv.Address = &a
			}
			c.Invoice = &inv
		}
		st.Contacts[oc.Orgno] = &c
	})
}

var merchantDataAbsentError = acctest.PhraseRegexp("Merchant data is not offered", contacts.MerchantDataMessage)

func TestAccOrgContacts_lifecycle(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	addr := orgContactsAddr
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				// Only the required arguments; the plan after apply is empty.
				Config: orgContactsConfig(p, orgContactsMinimalBody),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("orgno"), knownvalue.StringExact(acctest.ProviderOrgno)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("last_updated"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("invoice"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"email":        knownvalue.StringExact("faktura@example.no"),
						"reference":    knownvalue.Null(),
						"contact_name": knownvalue.Null(),
						"address":      knownvalue.Null(),
					})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("notification_contacts"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"name":  knownvalue.StringExact("Drift"),
							"email": knownvalue.StringExact("drift@example.no"),
							"phone": knownvalue.Null(),
						}),
					})),
					expectPortalContacts(p, orgContactsMinimalPortal),
				},
			},
			{
				// Every optional argument added, in place.
				Config: orgContactsConfig(p, orgContactsFullBody),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(addr, tfjsonpath.New("last_updated")),
						plancheck.ExpectKnownValue(addr, tfjsonpath.New("orgno"), knownvalue.StringExact(acctest.ProviderOrgno)),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("invoice"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"email":        knownvalue.StringExact("invoice@example.no"),
						"reference":    knownvalue.StringExact("PO-1234"),
						"contact_name": knownvalue.StringExact("Kari Nordmann"),
						"address": knownvalue.ObjectExact(map[string]knownvalue.Check{
							"street":      knownvalue.StringExact("Postboks 1382 Vika"),
							"postal_code": knownvalue.StringExact("0114"),
							"city":        knownvalue.StringExact("Oslo"),
						}),
					})),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("notification_contacts"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"name": knownvalue.StringExact("Vakt"), "email": knownvalue.StringExact("vakt@example.no"),
							"phone": knownvalue.StringExact("22 45 00 01"),
						}),
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"name": knownvalue.StringExact("Drift"), "email": knownvalue.StringExact("drift@example.no"),
							"phone": knownvalue.StringExact("+4722450000"),
						}),
					})),
					expectPortalContacts(p, orgContactsFullPortal),
				},
			},
			{
				ResourceName:                         addr,
				ImportState:                          true,
				ImportStateId:                        acctest.ProviderOrgno,
				ImportStateVerify:                    true,
				ImportStateVerifyIdentifierAttribute: "orgno",
			},
			{
				// Every argument changed: invoice e-mail, reference, contact
				// name, each part of the address, a contact's name and phone,
				// another contact's e-mail.
				Config: orgContactsConfig(p, orgContactsChangedBody),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						acctest.ExpectChangedAttributes(addr, "invoice", "notification_contacts"),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("invoice").AtMapKey("address").AtMapKey("city"),
						knownvalue.StringExact("Bergen")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("notification_contacts"), knownvalue.SetSizeExact(2)),
					expectPortalContacts(p, orgContactsChangedPortal),
				},
			},
			{
				// Leaving the optional arguments out clears them in the portal
				// (PUT replaces the whole document); a contact goes.
				Config: orgContactsConfig(p, orgContactsMinimalBody),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("invoice").AtMapKey("address"), knownvalue.Null()),
					expectPortalContacts(p, orgContactsMinimalPortal),
				},
			},
		},
		// Destroy leaves the merchant data in the portal.
		CheckDestroy: func(_ *terraform.State) error {
			if got, want := portalContactsJSON(p, acctest.ProviderOrgno), normalizedContactsJSON(orgContactsMinimalPortal); got != want {
				return fmt.Errorf("after destroy the portal holds %q, want it untouched: %s", got, want)
			}
			return nil
		},
	})
}

// Create replaces what the web portal holds, without asking.
func TestAccOrgContacts_createReplacesExisting(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	seedContacts(p, orgContactsChangedPortal)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: orgContactsConfig(p, orgContactsFullBody),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(orgContactsAddr, plancheck.ResourceActionCreate)},
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{expectPortalContacts(p, orgContactsFullPortal)},
		}},
	})
}

// Edits in the web portal show in the next plan as exactly their repair,
// and applying converges. Merchant data that is gone from the portal is
// created again.
func TestAccOrgContacts_drift(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	addr := orgContactsAddr
	config := orgContactsConfig(p, orgContactsFullBody)
	converges := resource.ConfigPlanChecks{
		PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				// The invoice reference and a contact's phone edited.
				PreConfig: func() {
					p.Edit(func(st *fakeportal.State) {
						oc := st.Contacts[acctest.ProviderOrgno]
						oc.Invoice.Reference = "Edited in the web portal"
						oc.NotificationContacts[0].Phone = "+4799999999"
					})
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						acctest.ExpectChangedAttributes(addr, "invoice", "notification_contacts"),
					},
					PostApplyPostRefresh: converges.PostApplyPostRefresh,
				},
				ConfigStateChecks: []statecheck.StateCheck{expectPortalContacts(p, orgContactsFullPortal)},
			},
			{
				// Only the invoice address edited: the contacts are not touched.
				PreConfig: func() {
					p.Edit(func(st *fakeportal.State) { st.Contacts[acctest.ProviderOrgno].Invoice.Address.City = "Trondheim" })
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						acctest.ExpectChangedAttributes(addr, "invoice"),
					},
					PostApplyPostRefresh: converges.PostApplyPostRefresh,
				},
				ConfigStateChecks: []statecheck.StateCheck{expectPortalContacts(p, orgContactsFullPortal)},
			},
			{
				// A contact added and the order reversed in the portal: the
				// reorder is no change (a set), the extra contact is.
				PreConfig: func() {
					p.Edit(func(st *fakeportal.State) {
						oc := st.Contacts[acctest.ProviderOrgno]
						oc.NotificationContacts = []fakeportal.NotificationContact{
							{Name: "Ekstra", Email: "ekstra@example.no"},
							oc.NotificationContacts[1], oc.NotificationContacts[0],
						}
					})
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate),
						acctest.ExpectChangedAttributes(addr, "notification_contacts"),
					},
					PostApplyPostRefresh: converges.PostApplyPostRefresh,
				},
				ConfigStateChecks: []statecheck.StateCheck{expectPortalContacts(p, orgContactsFullPortal)},
			},
			{
				// Only reordered: nothing to do.
				PreConfig: func() {
					p.Edit(func(st *fakeportal.State) {
						cs := st.Contacts[acctest.ProviderOrgno].NotificationContacts
						cs[0], cs[1] = cs[1], cs[0]
					})
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				// The merchant data gone from the portal: removed from the
				// state (with a warning) and created again.
				PreConfig: func() {
					p.Edit(func(st *fakeportal.State) { delete(st.Contacts, acctest.ProviderOrgno) })
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: converges.PostApplyPostRefresh,
				},
				ConfigStateChecks: []statecheck.StateCheck{expectPortalContacts(p, orgContactsFullPortal)},
			},
		},
	})
}

// Destroy writes nothing and leaves the merchant data in the portal.
func TestAccOrgContacts_destroyLeavesDataInPortal(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: orgContactsConfig(p, orgContactsFullBody)},
			{
				PreConfig: p.ResetRequestCounts,
				Config:    p.ProviderConfig("", acctest.ProviderOrgno),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(orgContactsAddr, plancheck.ResourceActionDestroy)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					expectPortalContacts(p, orgContactsFullPortal),
					acctest.CheckPortal(func() error {
						if n := p.WriteCount(); n != 0 {
							return fmt.Errorf("destroy sent %d writes: %v", n, p.RequestCounts())
						}
						return nil
					}),
				},
			},
		},
	})
}

// orgContactsImportAndRead imports krr_org_contacts by id and reads it,
// as terraform import does, and returns the state read.
func orgContactsImportAndRead(t *testing.T, pp *acctest.ProtocolProvider, id string) *tfprotov6.DynamicValue {
	t.Helper()
	ctx := context.Background()
	imp, err := pp.Server.ImportResourceState(ctx, &tfprotov6.ImportResourceStateRequest{TypeName: "krr_org_contacts", ID: id})
	if err != nil {
		t.Fatal(err)
	}
	acctest.RequireNoErrors(t, "import", imp.Diagnostics)
	if len(imp.ImportedResources) != 1 {
		t.Fatalf("import gave %d resources", len(imp.ImportedResources))
	}
	read, err := pp.Server.ReadResource(ctx, &tfprotov6.ReadResourceRequest{
		TypeName: "krr_org_contacts", CurrentState: imp.ImportedResources[0].State,
	})
	if err != nil {
		t.Fatal(err)
	}
	acctest.RequireNoErrors(t, "read", read.Diagnostics)
	if len(acctest.Warnings(read.Diagnostics)) != 0 {
		t.Fatalf("read warned: %v", read.Diagnostics)
	}
	return read.NewState
}

func isNullState(t *testing.T, pp *acctest.ProtocolProvider, dv *tfprotov6.DynamicValue) bool {
	t.Helper()
	if dv == nil {
		return true
	}
	v, err := dv.Unmarshal(pp.Schema.ResourceSchemas["krr_org_contacts"].ValueType())
	if err != nil {
		t.Fatal(err)
	}
	return v.IsNull()
}

// Destroy warns that the data stays in the portal, and leaves it there.
func TestOrgContacts_destroyWarns(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	seedContacts(p, orgContactsFullPortal)
	pp := acctest.NewTokenProtocol(t, p, acctest.ProviderOrgno)
	state := orgContactsImportAndRead(t, pp, acctest.ProviderOrgno)
	p.ResetRequestCounts()

	typ := pp.Schema.ResourceSchemas["krr_org_contacts"].ValueType()
	null, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, nil))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := pp.Server.ApplyResourceChange(context.Background(), &tfprotov6.ApplyResourceChangeRequest{
		TypeName: "krr_org_contacts", PriorState: state, PlannedState: &null, Config: &null,
	})
	if err != nil {
		t.Fatal(err)
	}
	acctest.RequireNoErrors(t, "delete", resp.Diagnostics)
	if !isNullState(t, pp, resp.NewState) {
		t.Error("delete left a state")
	}
	warns := acctest.Warnings(resp.Diagnostics)
	if len(warns) != 1 {
		t.Fatalf("want one warning, got %v", resp.Diagnostics)
	}
	wantSummary, wantDetail := contacts.OrgContactsLeftInPortal(acctest.ProviderOrgno)
	if warns[0].Summary != wantSummary || warns[0].Detail != wantDetail {
		t.Errorf("warning is %q: %q", warns[0].Summary, warns[0].Detail)
	}
	for _, want := range []string{acctest.ProviderOrgno, "left in the portal"} {
		if !strings.Contains(warns[0].Summary, want) {
			t.Errorf("warning summary %q does not say %q", warns[0].Summary, want)
		}
	}
	for _, want := range []string{"stay in the portal", "critical incidents", "web portal"} {
		if !strings.Contains(warns[0].Detail, want) {
			t.Errorf("warning detail %q does not say %q", warns[0].Detail, want)
		}
	}
	if got, want := portalContactsJSON(p, acctest.ProviderOrgno), normalizedContactsJSON(orgContactsFullPortal); got != want {
		t.Errorf("after delete the portal holds %s, want %s", got, want)
	}
	if n := len(p.RequestCounts()); n != 0 {
		t.Errorf("delete sent requests: %v", p.RequestCounts())
	}
}

// Merchant data gone from the portal is removed from the state with a
// warning: the portal's "not set yet" 404 is not "no such endpoint".
func TestOrgContacts_readNotSetRemovesWithWarning(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	seedContacts(p, orgContactsMinimalPortal)
	pp := acctest.NewTokenProtocol(t, p, acctest.ProviderOrgno)
	state := orgContactsImportAndRead(t, pp, acctest.ProviderOrgno)
	p.Edit(func(st *fakeportal.State) { delete(st.Contacts, acctest.ProviderOrgno) })

	resp, err := pp.Server.ReadResource(context.Background(), &tfprotov6.ReadResourceRequest{
		TypeName: "krr_org_contacts", CurrentState: state,
	})
	if err != nil {
		t.Fatal(err)
	}
	acctest.RequireNoErrors(t, "read", resp.Diagnostics)
	if !isNullState(t, pp, resp.NewState) {
		t.Error("read kept the resource in the state")
	}
	warns := acctest.Warnings(resp.Diagnostics)
	if len(warns) != 1 || !strings.Contains(warns[0].Summary, "removed from state") ||
		!strings.Contains(warns[0].Detail, acctest.ProviderOrgno) || !strings.Contains(warns[0].Detail, "this plan creates it again") {
		t.Errorf("want the removed-from-state warning, got %v", resp.Diagnostics)
	}
}

// A bad e-mail address or phone number is refused at plan, naming the
// attribute and the rule, before any request.
func TestAccOrgContacts_invalidArguments(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	with := func(invoice, contacts string) string {
		return orgContactsConfig(p, "  invoice = "+invoice+"\n  notification_contacts = "+contacts+"\n")
	}
	goodInvoice := `{ email = "faktura@example.no" }`
	contact := func(attrs string) string { return `[{ name = "Drift", ` + attrs + ` }]` }
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: with(`{ email = "faktura@example" }`, contact(`email = "drift@example.no"`)), PlanOnly: true,
				ExpectError: acctest.PhraseRegexp("Invalid e-mail address", `invoice.email is "faktura@example"`, `domain "example" has no dot`),
			},
			{
				Config: with(`{ email = "faktura" }`, contact(`email = "drift@example.no"`)), PlanOnly: true,
				ExpectError: acctest.PhraseRegexp(`invoice.email is "faktura": it is not an e-mail address`, "whose domain has a dot"),
			},
			{
				Config: with(goodInvoice, contact(`email = "Drift <drift@example.no>"`)), PlanOnly: true,
				ExpectError: acctest.PhraseRegexp(`notification_contacts.email is "Drift <drift@example.no>": it holds more than the address`,
					"no display name"),
			},
			{
				Config: with(goodInvoice, contact(`email = "drift@example.no", phone = "12345"`)), PlanOnly: true,
				ExpectError: acctest.PhraseRegexp("Invalid phone number", `notification_contacts.phone is "12345"`, "8 to 15 digits or spaces",
					`^\+?[0-9 ]{8,15}$`),
			},
			{
				Config: with(goodInvoice, contact(`email = "drift@example.no", phone = "+47-22450000"`)), PlanOnly: true,
				ExpectError: acctest.PhraseRegexp(`notification_contacts.phone is "+47-22450000"`, "8 to 15 digits"),
			},
			{
				// name and email are required in every contact (by a
				// validator: see requiredFieldsValidator).
				Config: with(goodInvoice, `[{ name = "Drift" }]`), PlanOnly: true,
				ExpectError: acctest.PhraseRegexp("Missing required argument", `the argument "email" is required in every element`),
			},
			{
				Config: with(goodInvoice, `[{ email = "drift@example.no" }]`), PlanOnly: true,
				ExpectError: acctest.PhraseRegexp("Missing required argument", `the argument "name" is required in every element`),
			},
			{
				Config: with(goodInvoice, `[]`), PlanOnly: true,
				ExpectError: acctest.PhraseRegexp("notification_contacts", "at least 1"),
			},
			{
				Config: with(`{ email = "faktura@example.no", reference = "" }`, contact(`email = "drift@example.no"`)), PlanOnly: true,
				ExpectError: acctest.PhraseRegexp("invoice.reference", "at least 1"),
			},
		},
	})
	for route := range p.RequestCounts() {
		if strings.Contains(route, "/organization/contacts") {
			t.Errorf("an invalid configuration sent requests: %v", p.RequestCounts())
		}
	}
	if n := p.RequestCount("PUT /organization/contacts"); n != 0 {
		t.Errorf("an invalid configuration sent %d PUTs", n)
	}
}

// Against a portal whose merchant-data endpoint answers 404, create and
// refresh fail with portal-api.md §8's message.
func TestAccOrgContacts_portalWithoutEndpoint(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	config := orgContactsConfig(p, orgContactsMinimalBody)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					p.InjectFault(fakeportal.Fault{Method: "PUT", Route: "/organization/contacts", Status: 404, Times: 5})
				},
				Config:      config,
				ExpectError: merchantDataAbsentError,
			},
			{
				PreConfig: p.ClearFaults,
				Config:    config,
			},
			{
				// The refresh before the plan hits the 404.
				PreConfig: func() {
					p.InjectFault(fakeportal.Fault{Method: "GET", Route: "/organization/contacts", Status: 404, Times: 100})
				},
				Config:      config,
				ExpectError: merchantDataAbsentError,
			},
			{
				// Import, too.
				ResourceName:  orgContactsAddr,
				ImportState:   true,
				ImportStateId: acctest.ProviderOrgno,
				Config:        config,
				ExpectError:   merchantDataAbsentError,
			},
			{
				// The portal gets the endpoint: back to normal, so the test
				// can destroy.
				PreConfig: p.ClearFaults,
				Config:    config,
				PlanOnly:  true,
			},
		},
	})
}

func TestAccOrgContacts_importChecks(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	config := orgContactsConfig(p, orgContactsMinimalBody)
	step := func(id string, want *regexp.Regexp) resource.TestStep {
		return resource.TestStep{
			ResourceName: orgContactsAddr, ImportState: true, ImportStateId: id, Config: config, ExpectError: want,
		}
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			step(acctest.BadCheckOrgno, acctest.PhraseRegexp("Invalid import ID for krr_org_contacts", "is not valid", "Enhetsregisteret")),
			step("31000001", acctest.PhraseRegexp("Invalid import ID for krr_org_contacts", "must be 9 digits")),
			step(acctest.OtherOrgno, acctest.PhraseRegexp("Cannot import another organisation's merchant data",
				"organisation "+acctest.OtherOrgno, "credentials act for organisation "+acctest.ProviderOrgno)),
			// Nothing set yet: nothing to import.
			step(acctest.ProviderOrgno, regexp.MustCompile(`Cannot import non-existent remote object`)),
		},
	})
}

// Credentials of another organisation than the one in the state: the read
// stops instead of taking that organisation's data for this one's.
func TestOrgContacts_readOtherOrganisation(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	seedContacts(p, orgContactsMinimalPortal)
	other := orgContactsMinimalPortal
	other.Orgno = acctest.ConsumerOrgno
	seedContacts(p, other)
	state := orgContactsImportAndRead(t, acctest.NewTokenProtocol(t, p, acctest.ProviderOrgno), acctest.ProviderOrgno)

	pp := acctest.NewTokenProtocol(t, p, acctest.ConsumerOrgno)
	resp, err := pp.Server.ReadResource(context.Background(), &tfprotov6.ReadResourceRequest{
		TypeName: "krr_org_contacts", CurrentState: state,
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Severity != tfprotov6.DiagnosticSeverityError ||
		!strings.Contains(resp.Diagnostics[0].Detail, "credentials act for organisation "+acctest.ConsumerOrgno) {
		t.Errorf("want the other-organisation error, got %v", resp.Diagnostics)
	}
}
