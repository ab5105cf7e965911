# Terraform 1.14 and later: who may use the organisation's scopes, one
# result per approved grant, each as krr_scope_access holds it.
list "krr_scope_access" "all" {
  provider         = krr
  include_resource = true
}

# Only the grants on one scope.
list "krr_scope_access" "persons" {
  provider = krr
  config {
    scope = "tl:persons/v1/person.read"
  }
}
