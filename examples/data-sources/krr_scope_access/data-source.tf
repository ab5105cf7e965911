data "krr_scope_access" "persons" {
  scope = "myprefix:persons/v1/person.read"
}

# Who may use the scope now.
output "consumers" {
  value = data.krr_scope_access.persons.approved_consumers
}
