# The import ID is the scope's name; the organisations whose grant is
# APPROVED come into consumer_orgnos.
terraform import krr_scope_consumers.persons 'myprefix:persons/v1/person.read'
