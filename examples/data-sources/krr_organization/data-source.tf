# The organisation the provider's credentials act for.
data "krr_organization" "me" {}

# Any organisation by number.
data "krr_organization" "digdir" {
  orgno = "991825827"
}

output "managing" {
  value = "${data.krr_organization.me.name} (${data.krr_organization.me.orgno})"
}
