# The secret is stored in the Terraform state: keep the state in an
# encrypted backend, readable only by those who may hold the secret. Where
# the application can sign a JWT, use private_key_jwt and krr_client_jwks
# instead, and keep no secret at all.
resource "krr_login_client" "my_page" {
  integration_type           = "idporten"
  client_name                = "Min side"
  description                = "Citizens sign in to their page"
  token_endpoint_auth_method = "client_secret_basic"
  redirect_uris              = ["https://minside.example.no/callback"]
}

# One secret per client: the portal keeps one, and a new one replaces it.
# Rotated by hand: change the trigger, and the next apply makes a new
# secret. Rotated by age: a plan made when the secret is older than 90 days
# replaces it (a secret lives at most 360 days in the portal).
# create_before_destroy makes the new secret before the old resource goes;
# that destroy sends nothing, so the portal's secret is the new one.
resource "krr_client_secret" "my_page" {
  client_id         = krr_login_client.my_page.client_id
  rotation_triggers = { rotated = "2026-06" }
  rotate_after_days = 90

  lifecycle {
    create_before_destroy = true
  }
}

# Hand the secret to the application, e.g. into a secret store. Terraform
# shows it as (sensitive value) in plans and output.
output "my_page_client_secret" {
  value     = krr_client_secret.my_page.client_secret
  sensitive = true
}
