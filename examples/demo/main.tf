# The demo configuration that `make demo` applies against the fake portal.
# The provider reads its settings (base URL, token endpoint, admin client
# and key) from the KRR_* variables the fake writes.
terraform {
  required_providers {
    krr = {
      source = "platform-iac/krr"
    }
  }
}

provider "krr" {}

variable "consumer_orgno" {
  description = "An organisation that consumes APIs (the fake's consumer organisation)."
  type        = string
}

variable "prefix" {
  description = "The provider organisation's scope prefix."
  type        = string
}

variable "other_orgno" {
  description = "A third organisation known to the portal."
  type        = string
}

# Which organisation do the credentials act for?
data "krr_organization" "me" {}

data "krr_organization" "consumer" {
  orgno = var.consumer_orgno
}

# The prefixes scopes can be created under.
data "krr_prefixes" "mine" {}

# As an API provider: a scope, and two organisations given access to it.
resource "krr_scope" "persons" {
  prefix      = var.prefix
  subscope    = "persons/v1/person.read"
  description = "Read persons (demo)"
}

resource "krr_scope_access" "consumers" {
  for_each       = toset([var.consumer_orgno, var.other_orgno])
  scope          = krr_scope.persons.name
  consumer_orgno = each.key
}

data "krr_scope_access" "persons" {
  scope      = krr_scope.persons.name
  depends_on = [krr_scope_access.consumers]
}

output "signed_in_as" {
  value = "${data.krr_organization.me.name} (${data.krr_organization.me.orgno})"
}

output "consumer" {
  value = "${data.krr_organization.consumer.name} (${data.krr_organization.consumer.orgno})"
}

output "prefixes" {
  value = data.krr_prefixes.mine.names
}

output "scope" {
  value = krr_scope.persons.name
}

output "scope_consumers" {
  value = data.krr_scope_access.persons.approved_consumers
}
