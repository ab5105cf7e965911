# Terraform 1.14 and later: the organisation's login clients (ID-porten,
# API-klient, Ansattporten), each as krr_login_client holds it.
list "krr_login_client" "all" {
  provider         = krr
  include_resource = true
}

# The API-klient clients only, deactivated ones too.
list "krr_login_client" "api_klient" {
  provider = krr
  config {
    integration_type = "api_klient"
    include_inactive = true
  }
}
