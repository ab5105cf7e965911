# Terraform 1.14 and later: the proof with an action. The key set triggers
# krr_client_token_check after it is made or changed, which gets a token for
# the scope from Maskinporten, signed with the client's own key, and fails
# the apply in Maskinporten's words if it cannot. Nothing of the token is
# stored.
action "krr_client_token_check" "consumer_app" {
  provider = krr.consumer
  config {
    client_id        = krr_client.consumer_app.client_id
    key_id           = "demo-2026"
    private_key_file = var.client_key_file
    scopes           = [krr_scope.persons.name]
  }
}

resource "terraform_data" "token_check" {
  triggers_replace = [krr_client_jwks.consumer_app.id]

  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.krr_client_token_check.consumer_app]
    }
  }
}
