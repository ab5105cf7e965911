# What the organisation may use; a scope missing here has not been shared
# with it in this environment.
data "krr_available_scopes" "maskinporten" {
  integration_type = "maskinporten"
}

# A Maskinporten client carrying a scope another organisation shared.
resource "krr_client" "case_handling" {
  client_name = "Case handling"
  description = "Looks up contact information in KRR"
  scopes      = ["krr:global/kontaktinformasjon.read"]
}

# Its public key, for the client's own JWT grants.
resource "krr_client_jwks" "case_handling" {
  client_id = krr_client.case_handling.client_id
  keys = {
    "case-handling-2026" = {
      public_key_pem = file("keys/case-handling-2026.pub.pem")
    }
  }
}
