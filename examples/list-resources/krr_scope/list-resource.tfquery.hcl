# Terraform 1.14 and later, in a .tfquery.hcl file: `terraform query` lists
# the organisation's active scopes; with -generate-config-out=generated.tf
# it writes an import block and a krr_scope for each.
list "krr_scope" "all" {
  provider         = krr
  include_resource = true
}

# Only the scopes under one prefix.
list "krr_scope" "payments" {
  provider = krr
  config {
    prefix = "payments"
  }
}
