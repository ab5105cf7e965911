package contacts

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

// orgContactsModel is the merchant data (portal-api.md §8): krr_org_contacts'
// state and what the data source of the same name shows. The nested parts
// are plain Go values: they are never unknown where the provider reads them
// (a plan at apply, a state, the portal's answer).
type orgContactsModel struct {
	Orgno                types.String      `tfsdk:"orgno"`
	Invoice              *orgInvoiceModel  `tfsdk:"invoice"`
	NotificationContacts []orgContactModel `tfsdk:"notification_contacts"`
	LastUpdated          types.String      `tfsdk:"last_updated"`
}

type orgInvoiceModel struct {
	Email       types.String     `tfsdk:"email"`
	Reference   types.String     `tfsdk:"reference"`
	ContactName types.String     `tfsdk:"contact_name"`
	Address     *orgAddressModel `tfsdk:"address"`
}

type orgAddressModel struct {
	Street     types.String `tfsdk:"street"`
	PostalCode types.String `tfsdk:"postal_code"`
	City       types.String `tfsdk:"city"`
}

type orgContactModel struct {
	Name  types.String `tfsdk:"name"`
	Email types.String `tfsdk:"email"`
	Phone types.String `tfsdk:"phone"`
}

// toPortal is the whole document a PUT sends: the portal replaces what it
// holds with it, so what is left out here is cleared there. The contacts go
// in a stable order, so that the same configuration always sends the same
// body.
func (m orgContactsModel) toPortal() portal.OrgContacts {
	out := portal.OrgContacts{NotificationContacts: make([]portal.NotificationContact, 0, len(m.NotificationContacts))}
	if inv := m.Invoice; inv != nil {
		out.Invoice = &portal.Invoice{
			Email:       inv.Email.ValueString(),
			Reference:   inv.Reference.ValueString(),
			ContactName: inv.ContactName.ValueString(),
		}
		if a := inv.Address; a != nil {
			out.Invoice.Address = &portal.Address{
				Street:     a.Street.ValueString(),
				PostalCode: a.PostalCode.ValueString(),
				City:       a.City.ValueString(),
			}
		}
	}
	for _, c := range m.NotificationContacts {
		out.NotificationContacts = append(out.NotificationContacts, portal.NotificationContact{
			Name:  c.Name.ValueString(),
			Email: c.Email.ValueString(),
			Phone: c.Phone.ValueString(),
		})
	}
	sort.Slice(out.NotificationContacts, func(i, j int) bool {
		a, b := out.NotificationContacts[i], out.NotificationContacts[j]
		if a.Email != b.Email {
			return a.Email < b.Email
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Phone < b.Phone
	})
	return out
}

// orgContactsFromPortal is the model of the portal's answer for orgno. The
// portal holds "" for an optional value that is not set; the model holds
// null, which is what a configuration that leaves the argument out plans.
func orgContactsFromPortal(ct *portal.OrgContacts, orgno string) orgContactsModel {
	m := orgContactsModel{
		Orgno:                types.StringValue(orgno),
		NotificationContacts: make([]orgContactModel, 0, len(ct.NotificationContacts)),
		LastUpdated:          types.StringValue(ct.LastUpdated),
	}
	if inv := ct.Invoice; inv != nil {
		m.Invoice = &orgInvoiceModel{
			Email:       types.StringValue(inv.Email),
			Reference:   optionalString(inv.Reference),
			ContactName: optionalString(inv.ContactName),
		}
		if a := inv.Address; a != nil && (a.Street != "" || a.PostalCode != "" || a.City != "") {
			m.Invoice.Address = &orgAddressModel{
				Street:     types.StringValue(a.Street),
				PostalCode: types.StringValue(a.PostalCode),
				City:       types.StringValue(a.City),
			}
		}
	}
	for _, c := range ct.NotificationContacts {
		m.NotificationContacts = append(m.NotificationContacts, orgContactModel{
			Name:  types.StringValue(c.Name),
			Email: types.StringValue(c.Email),
			Phone: optionalString(c.Phone),
		})
	}
	return m
}

// optionalString is null for "", the portal's "not set".
func optionalString(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// merchantDataMessage is portal-api.md §8's answer for a portal without the
// merchant-data endpoint (the portal client's Hint for a 404 on it).
const merchantDataMessage = "this portal does not offer merchant data over its API; keep it in the web portal"

// Markers of the 404 that means "this organisation has not set its merchant
// data yet", as opposed to "there is no such endpoint". The portal client
// puts the same Hint on every 404 of /organization/contacts, so only the
// body tells them apart: the portal's own "not set" error says so
// ("organization N has no merchant data yet"), or says it the way the
// portal's list endpoints say "none" (portal-api.md §3, "does not have
// any"). Any other 404 (a gateway's, Spring's default "Not Found", an HTML
// page) is read as the endpoint being absent: it is better to stop with §8's
// message than to plan a create that cannot work.
var merchantDataNotSetMarkers = []string{"no merchant data", "does not have any"}

// MerchantDataNotSet reports whether err is the portal's 404 for an
// organisation that has never set its merchant data.
func MerchantDataNotSet(err error) bool {
	var ae *portal.APIError
	if !errors.As(err, &ae) || ae.StatusCode != http.StatusNotFound {
		return false
	}
	msg := strings.ToLower(ae.Message)
	for _, marker := range merchantDataNotSetMarkers {
		if strings.Contains(msg, marker) {
			return true
		}
	}
	return false
}

// addOrgContactsError is framework.AddPortalError for the merchant-data endpoint: a
// 404 that is not merchantDataNotSet means the portal does not have the
// endpoint, and the user is told so plainly (portal-api.md §8).
func addOrgContactsError(diags *diag.Diagnostics, summary string, err error, environment string) {
	if !portal.IsNotFound(err) {
		framework.AddPortalError(diags, summary, err, environment)
		return
	}
	detail := framework.ExplainPortalError(err, environment)
	if !strings.Contains(detail, merchantDataMessage) {
		detail = strings.ToUpper(merchantDataMessage[:1]) + merchantDataMessage[1:] + ".\n\n" + detail
	}
	detail += "\n\nMerchant data over the API is an extension of the portal's 2025 API, and the portal at base_url " +
		"(KRR_BASE_URL) does not have it. Keep the invoice details and notification contacts current in the web " +
		"portal (\"Virksomhetens tjenester\" → the integration → \"Rediger integrasjon\"), and take krr_org_contacts " +
		"out of the configuration (terraform state rm for a resource already in the state)."
	diags.AddError("Merchant data is not offered over this portal's API", detail)
}

// orgContactsLeftInPortal is the warning of a destroy, which does not touch
// the portal.
func orgContactsLeftInPortal(orgno string) (summary, detail string) {
	org := "the organisation"
	if orgno != "" {
		org = "organisation " + orgno
	}
	summary = fmt.Sprintf("Merchant data of %s left in the portal", org)
	detail = fmt.Sprintf("krr_org_contacts has been removed from the Terraform state only. The invoice details and "+
		"notification contacts of %s stay in the portal as they were: clearing them would stop the e-mail about "+
		"critical incidents to the notification contacts. Change them in the web portal, or manage them with "+
		"krr_org_contacts again (creating it replaces what the portal holds).", org)
	return summary, detail
}

// contactsOrgno is the organisation an answer belongs to: the orgno the
// portal sets, or, should it leave it out, the one the credentials act for.
func contactsOrgno(ctx context.Context, data *framework.ProviderData, ct *portal.OrgContacts, diags *diag.Diagnostics) string {
	if ct.Orgno != "" {
		return ct.Orgno
	}
	orgno, err := data.Client.CallerOrgno(ctx)
	if err != nil {
		framework.AddPortalError(diags, "Unable to tell which organisation the merchant data belongs to", err, data.Environment)
		return ""
	}
	return orgno
}
