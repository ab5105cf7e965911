data "krr_scope" "persons" {
  name = "myprefix:persons/v1/person.read"
}

output "persons_scope_active" {
  value = data.krr_scope.persons.active
}
