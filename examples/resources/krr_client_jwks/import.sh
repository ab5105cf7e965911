# A key set is imported by its client's id. Every key comes into state as a
# JWK; keys configured with public_key_pem then plan one in-place update that
# writes the same keys back.
terraform import krr_client_jwks.example <client_id>
