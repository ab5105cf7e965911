# A consumer list is imported by its scope's name; the organisations whose
# grant is APPROVED come into consumer_orgnos.
import {
  to = krr_scope_consumers.persons
  identity = {
    scope = "myprefix:persons/v1/person.read"
  }
}
