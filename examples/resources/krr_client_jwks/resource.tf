resource "krr_client" "payments" {
  client_name = "Payments"
  description = "Registers payments"
  scopes      = ["myprefix:payments.write"]
}

# The client's complete key set: keys added in the web portal are removed
# at the next apply. To rotate, add next year's key under a new kid, move
# the systems that sign to it, then remove the old entry.
resource "krr_client_jwks" "payments" {
  client_id = krr_client.payments.client_id
  keys = {
    # A public key, as `openssl pkey -in key.pem -pubout` writes it.
    "payments-2026" = {
      public_key_pem = file("keys/2026.pub.pem")
    }
    # A certificate (with its chain, if any): sent along as x5c.
    "payments-2027" = {
      public_key_pem = file("keys/2027.cert.pem")
      alg            = "RS512"
    }
    # A public JWK in JSON (kty "RSA", n, e), e.g. exported from an HSM.
    "payments-hsm" = {
      jwk = file("keys/hsm.pub.jwk.json")
    }
  }
}
