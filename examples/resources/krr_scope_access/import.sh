# The import ID is the scope's name and the consumer's organisation number,
# separated by a comma (scope names hold ":" and "/", never ",").
terraform import 'krr_scope_access.consumers["991825827"]' 'myprefix:persons/v1/person.read,991825827'
