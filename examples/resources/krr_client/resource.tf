# What the organisation may use; a scope missing here has not been shared
# with it in this environment.
data "krr_available_scopes" "maskinporten" {
  integration_type = "maskinporten"
}

# A Maskinporten client carrying a scope another organisation shared. The
# client id is set here because other systems hold it: it then survives a
# destroy and apply. Leave it out to let the provider choose one.
resource "krr_client" "case_handling" {
  client_id   = "7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f"
  client_name = "Case handling"
  description = "Looks up contact information in KRR"
  scopes      = ["krr:global/kontaktinformasjon.read"]
}

# A client kept, with its id, but deactivated (the web portal's "Deaktiver").
resource "krr_client" "old_batch" {
  client_name = "Old batch"
  description = "Replaced by case handling; kept for its id"
  scopes      = ["krr:global/kontaktinformasjon.read"]
  active      = false
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
