resource "krr_scope" "persons" {
  prefix      = "myprefix"
  subscope    = "persons/v1/person.read"
  description = "Read persons in the register"
}

# Give two organisations access to the scope.
resource "krr_scope_access" "consumers" {
  for_each       = toset(["991825827", "889640782"])
  scope          = krr_scope.persons.name
  consumer_orgno = each.key
}
