# The demo configuration that `make demo` applies against the fake portal.
# The provider reads its settings (base URL, token endpoint, admin client
# and key) from the KRR_* variables the fake writes.
terraform {
  required_providers {
    krr = {
      source = "platform-iac/krr"
    }
  }
}

provider "krr" {}

variable "consumer_orgno" {
  description = "An organisation that consumes APIs (the fake's consumer organisation)."
  type        = string
}

variable "other_orgno" {
  description = "A third organisation known to the portal."
  type        = string
}

# Which organisation do the credentials act for?
data "krr_organization" "me" {}

data "krr_organization" "consumer" {
  orgno = var.consumer_orgno
}

# The prefixes scopes can be created under.
data "krr_prefixes" "mine" {}

output "signed_in_as" {
  value = "${data.krr_organization.me.name} (${data.krr_organization.me.orgno})"
}

output "consumer" {
  value = "${data.krr_organization.consumer.name} (${data.krr_organization.consumer.orgno})"
}

output "prefixes" {
  value = data.krr_prefixes.mine.names
}
