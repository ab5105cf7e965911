# Every active scope under one prefix.
data "krr_scopes" "mine" {
  prefix = "myprefix"
}

# Deactivated ones too.
data "krr_scopes" "all" {
  include_inactive = true
}

output "scope_names" {
  value = data.krr_scopes.mine.names
}
