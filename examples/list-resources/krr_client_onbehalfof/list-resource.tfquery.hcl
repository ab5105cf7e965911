# Terraform 1.14 and later: the on-behalf-of records of the organisation's
# ID-porten, API-klient and KRR clients, each as krr_client_onbehalfof
# holds it.
list "krr_client_onbehalfof" "all" {
  provider         = krr
  include_resource = true
}
