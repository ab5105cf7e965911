data "krr_client" "case_handling" {
  client_id = "7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f"
}

output "case_handling_scopes" {
  value = data.krr_client.case_handling.scopes
}
