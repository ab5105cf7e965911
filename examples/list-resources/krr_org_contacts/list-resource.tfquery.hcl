# Terraform 1.14 and later: the organisation's merchant data, once it is set.
list "krr_org_contacts" "this" {
  provider         = krr
  include_resource = true
}
