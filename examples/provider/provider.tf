# Sign in with the organisation's admin client in Maskinporten and the key
# registered on it. In a pipeline, leave the arguments out and set
# KRR_CLIENT_ID, KRR_KEY_ID and KRR_PRIVATE_KEY_FILE instead.
provider "krr" {
  environment = "test"
  client_id   = "0a1b2c3d-admin-client"
  key_id      = "pipeline-2026"
  private_key = file("admin-client.pem")
}
