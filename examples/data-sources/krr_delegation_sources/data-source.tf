data "krr_delegation_sources" "all" {}

locals {
  altinn = one([for s in data.krr_delegation_sources.all.sources : s.issuer if s.name == "altinn"])
}

resource "krr_scope" "delegable" {
  prefix            = "myprefix"
  subscope          = "reports.read"
  description       = "Read reports; can be delegated in Altinn"
  delegation_source = local.altinn
}
