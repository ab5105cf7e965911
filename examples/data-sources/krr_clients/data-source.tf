# Every active Maskinporten client of the organisation.
data "krr_clients" "maskinporten" {
  integration_type = "maskinporten"
}

output "client_ids" {
  value = data.krr_clients.maskinporten.client_ids
}
