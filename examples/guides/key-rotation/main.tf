terraform {
  required_providers {
    krr = { source = "platform-iac/krr" }
  }
}

# Credentials from KRR_CLIENT_ID, KRR_CERTIFICATE_FILE and KRR_CERTIFICATE_PASSWORD
# (see the provider page for the other ways to sign in).
provider "krr" {
  environment = "test"
}

resource "krr_client" "payments" {
  client_name = "Payments"
  description = "Signs payment requests"
  scopes      = ["krr:global/kontaktinformasjon.read"]
}

resource "krr_client_jwks" "payments" {
  client_id = krr_client.payments.client_id
  keys = {
    "payments-2026" = { public_key_pem = file("keys/2026.pub.pem") }
    "payments-2027" = { public_key_pem = file("keys/2027.pub.pem") }
  }
}
