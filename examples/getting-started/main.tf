terraform {
  required_providers {
    krr = { source = "platform-iac/krr" }
  }
}

# Signed in with the organisation's business certificate: KRR_CLIENT_ID (the admin
# client Digdir set up), KRR_CERTIFICATE_FILE and KRR_CERTIFICATE_PASSWORD.
provider "krr" {
  environment = "test" # or "prod"
}

data "krr_prefixes" "mine" {}

resource "krr_scope" "persons" {
  prefix      = data.krr_prefixes.mine.names[0]
  subscope    = "persons/v1/person.read"
  description = "Read persons"
}

resource "krr_scope_access" "partner" {
  scope          = krr_scope.persons.name
  consumer_orgno = "310000027"
}
