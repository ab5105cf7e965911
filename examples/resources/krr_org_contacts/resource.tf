# The organisation's merchant data: where invoices go, and who gets e-mail
# about critical incidents. One per organisation; creating it replaces what
# the portal holds, and destroying it leaves the data in the portal.
resource "krr_org_contacts" "this" {
  invoice = {
    email        = "faktura@example.no"
    reference    = "PO-1234"
    contact_name = "Kari Nordmann"
    address = {
      street      = "Postboks 1382 Vika"
      postal_code = "0114"
      city        = "Oslo"
    }
  }

  # A set: the order does not matter.
  notification_contacts = [
    { name = "Drift", email = "drift@example.no", phone = "+4722450000" },
    { name = "Vakt", email = "vakt@example.no" },
  ]
}
