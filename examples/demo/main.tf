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

# The consumer organisation, signed in with a ready access token.
provider "krr" {
  alias        = "consumer"
  access_token = var.consumer_token
}

variable "consumer_orgno" {
  description = "An organisation that consumes APIs (the fake's consumer organisation)."
  type        = string
}

variable "consumer_token" {
  description = "An access token of the consumer organisation."
  type        = string
  sensitive   = true
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

# As an API consumer, in the same apply: the scopes the consumer may use,
# and a client with the scope just shared with it. depends_on makes the
# client wait for the grant: at plan the grant does not exist yet, so the
# plan only warns if it cannot see it, and the provider checks again just
# before it writes the client.
data "krr_available_scopes" "consumer" {
  provider   = krr.consumer
  depends_on = [krr_scope_access.consumers]
}

resource "krr_client" "consumer_app" {
  provider    = krr.consumer
  client_name = "Demo case handling"
  description = "Reads persons from the provider organisation's API"
  scopes      = [krr_scope.persons.name]
  depends_on  = [krr_scope_access.consumers]
}

output "consumer_may_use" {
  value = data.krr_available_scopes.consumer.names
}

output "consumer_client_id" {
  value = krr_client.consumer_app.client_id
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
