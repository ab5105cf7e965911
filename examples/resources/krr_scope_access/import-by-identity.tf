# A grant is imported by the scope's name and the consumer's organisation
# number.
import {
  to = krr_scope_access.consumers["991825827"]
  identity = {
    scope          = "myprefix:persons/v1/person.read"
    consumer_orgno = "991825827"
  }
}
