package contacts

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Descriptions shared by the resource and the data source krr_org_contacts.
const (
	orgContactsOrgnoDesc       = "The organisation the merchant data belongs to: the one the provider's credentials act for."
	orgContactsLastUpdatedDesc = "When the merchant data last changed in the portal (ISO 8601)."
	orgContactsInvoiceDesc     = "Where and to whom the organisation's invoices go."
	orgContactsEmailDesc       = "The e-mail address invoices are sent to."
	orgContactsReferenceDesc   = "The reference to put on invoices, e.g. a purchase order number."
	orgContactsNameDesc        = "The person invoices are addressed to."
	orgContactsAddressDesc     = "The postal address for invoices."
	orgContactsStreetDesc      = "Street address or post box, e.g. `Postboks 1382 Vika`."
	orgContactsPostalCodeDesc  = "Postal code, e.g. `0114`."
	orgContactsCityDesc        = "City or postal town, e.g. `Oslo`."
	orgContactsContactsDesc    = "The notification contacts: everyone here gets e-mail about critical incidents in " +
		"Maskinporten and the portal's other services."
	orgContactsContactNameDesc  = "The contact's name, a person or a team such as `Drift`."
	orgContactsContactEmailDesc = "The contact's e-mail address, where incident e-mail goes."
	orgContactsContactPhoneDesc = "The contact's phone number."
)

// notEmpty keeps "" out of optional strings: the portal holds "" for a value
// that is not set, which the provider shows as null, so an explicit "" would
// plan a change forever.
func notEmpty() []validator.String {
	return []validator.String{stringvalidator.LengthAtLeast(1)}
}

// orgContactsResourceSchema is krr_org_contacts. One document per
// organisation, replaced whole by every PUT: every argument is sent on every
// write, and an optional argument left out clears the value in the portal.
func orgContactsResourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "The organisation's merchant data in Samarbeidsportalen (the web portal's " +
			"\"Vedlikehald av merkantile data\"): where invoices go, and the notification contacts who get e-mail " +
			"about critical incidents. There is one such document per organisation, the one the provider's " +
			"credentials act for: declare this resource once. Creating it replaces whatever the portal holds, and " +
			"every change writes the whole document, so an optional argument left out clears that value in the portal.\n\n" +
			"**Destroying it leaves the data in the portal**: it only removes the resource from the Terraform state " +
			"(with a warning), since clearing the notification contacts would stop the e-mail about critical " +
			"incidents. Change the data in the web portal, or manage it again with this resource.\n\n" +
			"Merchant data over the API is an extension of the portal's 2025 API; against a portal without it, " +
			"every operation fails with \"this portal does not offer merchant data over its API; keep it in the " +
			"web portal\". Import ID: the organisation number, which must be the organisation the credentials act for.",
		Attributes: map[string]schema.Attribute{
			"orgno": schema.StringAttribute{
				MarkdownDescription: orgContactsOrgnoDesc,
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"invoice": schema.SingleNestedAttribute{
				MarkdownDescription: orgContactsInvoiceDesc,
				Required:            true,
				Attributes: map[string]schema.Attribute{
					"email": schema.StringAttribute{
						MarkdownDescription: orgContactsEmailDesc,
						Required:            true,
						Validators:          []validator.String{emailValidator{}},
					},
					"reference": schema.StringAttribute{
						MarkdownDescription: orgContactsReferenceDesc + " Default none.",
						Optional:            true,
						Validators:          notEmpty(),
					},
					"contact_name": schema.StringAttribute{
						MarkdownDescription: orgContactsNameDesc + " Default none.",
						Optional:            true,
						Validators:          notEmpty(),
					},
					"address": schema.SingleNestedAttribute{
						MarkdownDescription: orgContactsAddressDesc + " Default none.",
						Optional:            true,
						Attributes: map[string]schema.Attribute{
							"street": schema.StringAttribute{
								MarkdownDescription: orgContactsStreetDesc,
								Required:            true,
								Validators:          notEmpty(),
							},
							"postal_code": schema.StringAttribute{
								MarkdownDescription: orgContactsPostalCodeDesc,
								Required:            true,
								Validators:          notEmpty(),
							},
							"city": schema.StringAttribute{
								MarkdownDescription: orgContactsCityDesc,
								Required:            true,
								Validators:          notEmpty(),
							},
						},
					},
				},
			},
			// A set, not a list (design.md, lesson 1): the contacts are a
			// group of recipients who all get the same e-mail, their order
			// means nothing to the portal, and §8 promises no order in its
			// answer. A list would plan a change whenever the portal (or
			// someone in the web portal) reorders them; a set also makes a
			// contact given twice one contact.
			"notification_contacts": schema.SetNestedAttribute{
				MarkdownDescription: orgContactsContactsDesc + " At least one; their order does not matter.",
				Required:            true,
				Validators:          []validator.Set{setvalidator.SizeAtLeast(1)},
				NestedObject: schema.NestedAttributeObject{
					// name and email are required, by a validator rather than
					// Required: see requiredFieldsValidator.
					Validators: []validator.Object{requiredFieldsValidator{fields: []string{"name", "email"}}},
					Attributes: map[string]schema.Attribute{
						"name": schema.StringAttribute{
							MarkdownDescription: "Required. " + orgContactsContactNameDesc,
							Optional:            true,
							Validators:          notEmpty(),
						},
						"email": schema.StringAttribute{
							MarkdownDescription: "Required. " + orgContactsContactEmailDesc,
							Optional:            true,
							Validators:          []validator.String{emailValidator{}},
						},
						"phone": schema.StringAttribute{
							MarkdownDescription: orgContactsContactPhoneDesc + ": " + phoneRuleMarkdown + ". Default none.",
							Optional:            true,
							Validators:          []validator.String{phoneValidator{}},
						},
					},
				},
			},
			"last_updated": schema.StringAttribute{
				MarkdownDescription: orgContactsLastUpdatedDesc,
				Computed:            true,
			},
		},
	}
}

// orgContactsDataSourceSchema is the data source krr_org_contacts: the same
// attributes, all read from the portal.
func orgContactsDataSourceSchema() dsschema.Schema {
	computed := func(description string) dsschema.StringAttribute {
		return dsschema.StringAttribute{MarkdownDescription: description, Computed: true}
	}
	return dsschema.Schema{
		MarkdownDescription: "The merchant data of the organisation the provider's credentials act for: invoice " +
			"details and the notification contacts who get e-mail about critical incidents (the web portal's " +
			"\"Vedlikehald av merkantile data\"). Reading fails when the organisation has not set any yet, and " +
			"against a portal that does not offer merchant data over its API.",
		Attributes: map[string]dsschema.Attribute{
			"orgno": computed(orgContactsOrgnoDesc),
			"invoice": dsschema.SingleNestedAttribute{
				MarkdownDescription: orgContactsInvoiceDesc + " Null when the portal holds none.",
				Computed:            true,
				Attributes: map[string]dsschema.Attribute{
					"email":        computed(orgContactsEmailDesc),
					"reference":    computed(orgContactsReferenceDesc + " Null when not set."),
					"contact_name": computed(orgContactsNameDesc + " Null when not set."),
					"address": dsschema.SingleNestedAttribute{
						MarkdownDescription: orgContactsAddressDesc + " Null when not set.",
						Computed:            true,
						Attributes: map[string]dsschema.Attribute{
							"street":      computed(orgContactsStreetDesc),
							"postal_code": computed(orgContactsPostalCodeDesc),
							"city":        computed(orgContactsCityDesc),
						},
					},
				},
			},
			"notification_contacts": dsschema.SetNestedAttribute{
				MarkdownDescription: orgContactsContactsDesc,
				Computed:            true,
				NestedObject: dsschema.NestedAttributeObject{
					Attributes: map[string]dsschema.Attribute{
						"name":  computed(orgContactsContactNameDesc),
						"email": computed(orgContactsContactEmailDesc),
						"phone": computed(orgContactsContactPhoneDesc + " Null when not set."),
					},
				},
			},
			"last_updated": computed(orgContactsLastUpdatedDesc),
		},
	}
}
