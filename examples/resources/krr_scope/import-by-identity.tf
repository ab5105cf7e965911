# A scope is imported by its full name, prefix:subscope.
import {
  to = krr_scope.persons
  identity = {
    name = "myprefix:persons/v1/person.read"
  }
}
