# A key set is imported by its client's id. Every key comes into state as a
# JWK; keys configured with public_key_pem then plan one in-place update that
# writes the same keys back.
import {
  to = krr_client_jwks.payments
  identity = {
    client_id = "0f8e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b"
  }
}
