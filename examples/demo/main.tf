# The demo configuration that `make demo` applies against the fake portal,
# in ONE terraform apply: an API provider's scope and who may use it, the
# consumer organisation's client with that scope and its key, the proof
# that the client gets a token, and the merchant data. The provider reads
# its settings (base URL, token endpoint, admin client and key) from the
# KRR_* variables the fake writes.
terraform {
  required_providers {
    krr = {
      source = "platform-iac/krr"
    }
  }
}

# The API provider organisation, signed in with its admin client's key.
provider "krr" {}

# The consumer organisation, signed in with a ready access token.
provider "krr" {
  alias        = "consumer"
  access_token = var.consumer_token
}

variable "prefix" {
  description = "The provider organisation's scope prefix."
  type        = string
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

variable "other_orgno" {
  description = "A third organisation known to the portal."
  type        = string
}

variable "client_key_file" {
  description = "The consumer client's private key (PEM); its public half is registered as demo-2026."
  type        = string
}

variable "client_public_key_file" {
  description = "The public half of client_key_file (PEM)."
  type        = string
}

# Which organisation do the credentials act for?
data "krr_organization" "me" {}

# 1. As an API provider: a scope, and two organisations given access.
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

# The merchant data: where invoices go, who hears of incidents.
resource "krr_org_contacts" "this" {
  invoice = {
    email     = "faktura@example.no"
    reference = "DEMO-1"
  }
  notification_contacts = [
    { name = "Drift", email = "drift@example.no", phone = "+4722450000" },
  ]
}

# As the API consumer, in the same apply: a client with the scope just
# shared with it (depends_on makes it wait for the grant), and its key.
resource "krr_client" "consumer_app" {
  provider    = krr.consumer
  client_name = "Demo case handling"
  description = "Reads persons from the provider organisation's API"
  scopes      = [krr_scope.persons.name]
  depends_on  = [krr_scope_access.consumers]
}

resource "krr_client_jwks" "consumer_app" {
  provider  = krr.consumer
  client_id = krr_client.consumer_app.client_id
  keys = {
    "demo-2026" = { public_key_pem = file(var.client_public_key_file) }
  }
}

# KRR's user look-up, in the same apply: the consumer's API-klient signs a
# citizen in with ID-porten and reads that person's own contact
# information. It signs with a key of its own (private_key_jwt), so no
# secret is made or kept.
resource "krr_login_client" "contact_lookup" {
  provider                   = krr.consumer
  integration_type           = "api_klient"
  client_name                = "Demo contact details"
  description                = "Shows the signed-in person their own contact details from KRR"
  token_endpoint_auth_method = "private_key_jwt"
  redirect_uris              = ["https://kontakt.demo.example.no/callback"]
  post_logout_redirect_uris  = ["https://kontakt.demo.example.no/"]
  scopes                     = ["openid", "profile", "krr:user/kontaktinformasjon.read"]
}

resource "krr_client_jwks" "contact_lookup" {
  provider  = krr.consumer
  client_id = krr_login_client.contact_lookup.client_id
  keys = {
    "contact-lookup-2026" = { public_key_pem = file(var.client_public_key_file) }
  }
}

# 2. The proof that the client gets a token is in proof/: make demo adds
# proof/action.tf on Terraform 1.14 and later, proof/ephemeral.tf before.

output "signed_in_as" {
  value = "${data.krr_organization.me.name} (${data.krr_organization.me.orgno})"
}

output "scope" {
  value = krr_scope.persons.name
}

output "consumers" {
  value = sort([for g in krr_scope_access.consumers : g.consumer_orgno])
}

output "consumer_client_id" {
  value = krr_client.consumer_app.client_id
}

output "contact_lookup_client_id" {
  value = krr_login_client.contact_lookup.client_id
}
