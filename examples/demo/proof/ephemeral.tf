# Before Terraform 1.14, and on OpenTofu: the proof with the ephemeral
# token. The client gets a token for the scope from Maskinporten, signed
# with its own key. Nothing of the token is stored.
ephemeral "krr_maskinporten_token" "consumer_app" {
  provider    = krr.consumer
  client_id   = krr_client.consumer_app.client_id
  key_id      = "demo-2026"
  private_key = file(var.client_key_file)
  scopes      = [krr_scope.persons.name]
  depends_on  = [krr_client_jwks.consumer_app]
}

# Terraform hides a provisioner's output when it uses an ephemeral value,
# so the proof is written to a file that make demo shows.
resource "terraform_data" "token_proof" {
  triggers_replace = [krr_client_jwks.consumer_app.id]

  provisioner "local-exec" {
    command = "echo \"the client got a token for $SCOPE, acting for organisation $CONSUMER\" > \"$PROOF\""
    environment = {
      SCOPE    = ephemeral.krr_maskinporten_token.consumer_app.scope
      CONSUMER = ephemeral.krr_maskinporten_token.consumer_app.consumer
      PROOF    = "${path.module}/token-proof.txt"
    }
  }
}

