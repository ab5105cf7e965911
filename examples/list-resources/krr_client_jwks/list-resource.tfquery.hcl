# Terraform 1.14 and later: the key sets of the organisation's clients that
# have keys, each as krr_client_jwks holds it.
list "krr_client_jwks" "all" {
  provider         = krr
  include_resource = true
}
