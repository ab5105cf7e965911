# Terraform 1.14 and later: prove, in the apply that makes a client or
# rotates its keys, that the client gets a token for its scopes. The apply
# fails with Maskinporten's own words when it does not.
resource "krr_client" "app" {
  client_name = "Persons app"
  description = "Reads persons from the API provider"
  scopes      = ["tl:persons/v1/person.read"]
}

resource "krr_client_jwks" "app" {
  client_id = krr_client.app.client_id
  keys = {
    "app-2026" = { public_key_pem = file("${path.module}/app-2026.pub.pem") }
  }

  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.krr_client_token_check.app]
    }
  }
}

action "krr_client_token_check" "app" {
  config {
    client_id = krr_client.app.client_id
    key_id    = "app-2026"
    # A path, so that the key is never written into a saved plan; a
    # pipeline writes its secret to this file first.
    private_key_file = "${path.module}/app-2026.pem"
    scopes           = krr_client.app.scopes
  }
}
