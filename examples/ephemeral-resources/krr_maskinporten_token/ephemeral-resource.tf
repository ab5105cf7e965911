# A client, its key, and the proof that it gets a token for its scope: in a
# pipeline, the apply fails here if the client does not work.
resource "krr_client" "case_handling" {
  client_name = "Case handling"
  description = "Looks up contact information in KRR"
  scopes      = ["krr:global/kontaktinformasjon.read"]
}

resource "krr_client_jwks" "case_handling" {
  client_id = krr_client.case_handling.client_id
  keys = {
    "case-handling-2026" = {
      public_key_pem = file("keys/case-handling-2026.pub.pem")
    }
  }
}

ephemeral "krr_maskinporten_token" "case_handling" {
  client_id   = krr_client.case_handling.client_id
  key_id      = "case-handling-2026"
  private_key = file("keys/case-handling-2026.pem") # or from a vault
  scopes      = ["krr:global/kontaktinformasjon.read"]
  # New keys take up to two minutes to be known at Maskinporten.
  wait_for = "3m"

  depends_on = [krr_client_jwks.case_handling]
}

# The token, handed to a request that proves the API answers the client.
# A provisioner may use an ephemeral value; nothing of it is stored.
resource "terraform_data" "prove_case_handling" {
  triggers_replace = [krr_client_jwks.case_handling.id]

  provisioner "local-exec" {
    command = "curl --fail --silent --show-error -H \"Authorization: Bearer $TOKEN\" https://kontaktinfo.example.no/health"
    environment = {
      TOKEN = ephemeral.krr_maskinporten_token.case_handling.access_token
    }
  }
}
