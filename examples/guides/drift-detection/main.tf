# The configuration the deploy pipeline applies and the scheduled plan
# checks; give it the backend both use, so that they read the same state.
terraform {
  required_providers {
    krr = { source = "platform-iac/krr" }
  }
}

# The pipeline gives the credentials as KRR_* variables; the provider block
# needs nothing else.
provider "krr" {}

data "krr_prefixes" "mine" {}

resource "krr_scope" "persons" {
  prefix      = data.krr_prefixes.mine.names[0]
  subscope    = "persons/v1/person.read"
  description = "Read persons"
}
