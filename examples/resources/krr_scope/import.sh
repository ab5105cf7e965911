# A scope is imported by its full name, prefix:subscope.
terraform import krr_scope.persons 'myprefix:persons/v1/person.read'
