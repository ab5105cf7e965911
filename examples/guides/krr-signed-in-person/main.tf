terraform {
  required_providers {
    krr = { source = "platform-iac/krr" }
  }
}

# Credentials from KRR_CLIENT_ID, KRR_CERTIFICATE_FILE and KRR_CERTIFICATE_PASSWORD
# (see the provider page for the other ways to sign in).
provider "krr" {
  environment = var.environment
}

variable "environment" {
  description = "test or prod: the same configuration makes both"
  type        = string
  default     = "test"
}

# Where the portal may send the person back to after sign-in, and after
# logout, in each environment.
locals {
  base_url = {
    test = "https://kontakt.test.example.no"
    prod = "https://kontakt.example.no"
  }[var.environment]
}

# The API-klient of KRR's user look-up ("brukerspesifikt oppslag"): it signs
# the person in with ID-porten and reads that person's own record in KRR.
resource "krr_login_client" "contact_lookup" {
  integration_type           = "api_klient"
  client_name                = "Kontaktinformasjon"
  description                = "Shows the signed-in person their own contact details from KRR"
  token_endpoint_auth_method = "private_key_jwt"
  redirect_uris              = ["${local.base_url}/callback"]
  post_logout_redirect_uris  = ["${local.base_url}/"]
  scopes = [
    "openid",
    "profile",
    "krr:user/kontaktinformasjon.read",
  ]
}

# Its key: the application signs its requests to ID-porten's token
# endpoint with the private half; only the public half is sent here.
resource "krr_client_jwks" "contact_lookup" {
  client_id = krr_login_client.contact_lookup.client_id
  keys = {
    "contact-lookup-2026" = { public_key_pem = file("keys/contact-lookup-2026.pub.pem") }
  }
}

output "client_id" {
  description = "Give it to the application, with the private key"
  value       = krr_login_client.contact_lookup.client_id
}
