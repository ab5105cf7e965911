# Terraform 1.14 and later: the organisation's Maskinporten and KRR
# clients, each as krr_client holds it.
list "krr_client" "all" {
  provider         = krr
  include_resource = true
}

# The KRR clients only, deactivated ones too.
list "krr_client" "krr" {
  provider = krr
  config {
    integration_type = "krr"
    include_inactive = true
  }
}
