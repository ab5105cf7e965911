# The public catalogue, narrowed to scopes a Maskinporten client may carry.
data "krr_public_scopes" "maskinporten" {
  integration_type = "maskinporten"
}

# Scopes any organisation may use without a grant.
data "krr_public_scopes" "open" {
  accessible_for_all = true
}

output "open_scopes" {
  value = data.krr_public_scopes.open.names
}
