# The merchant data of the organisation the provider's credentials act for.
data "krr_org_contacts" "this" {}

output "notification_emails" {
  value = [for c in data.krr_org_contacts.this.notification_contacts : c.email]
}
