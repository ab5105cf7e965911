# The web portal's "Legg til scopes" list: the scopes the organisation may
# put on a Maskinporten client.
data "krr_available_scopes" "maskinporten" {
  integration_type = "maskinporten"
}

output "may_use" {
  value = data.krr_available_scopes.maskinporten.names
}

# Only those shared by other organisations.
output "shared_with_us" {
  value = [for s in data.krr_available_scopes.maskinporten.scopes : s.name if s.source == "granted"]
}
