resource "krr_scope" "persons" {
  prefix      = "myprefix"
  subscope    = "persons/v1/person.read"
  description = "Read persons in the register"
}

# Everyone who may use the scope, in one place. A grant made in the web
# portal shows in the next plan, and apply revokes it.
resource "krr_scope_consumers" "persons" {
  scope = krr_scope.persons.name
  consumer_orgnos = [
    "991825827",
    "889640782",
    "974760673",
  ]
}
