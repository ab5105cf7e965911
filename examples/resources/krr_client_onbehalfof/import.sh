# The import ID is the record's full id: the client's id and the record's
# onbehalfof, separated by "::".
terraform import krr_client_onbehalfof.kunde '0f8e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b::kunde-991825827'
