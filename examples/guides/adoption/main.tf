# main.tf
terraform {
  required_providers {
    krr = { source = "platform-iac/krr" }
  }
}

# Credentials from KRR_CLIENT_ID, KRR_CERTIFICATE_FILE and KRR_CERTIFICATE_PASSWORD
# (see the provider page for the other ways to sign in).
provider "krr" {
  environment = "test"
}
