# A record is imported by its client's id and its onbehalfof.
import {
  to = krr_client_onbehalfof.kunde
  identity = {
    client_id  = "0f8e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b"
    onbehalfof = "kunde-991825827"
  }
}
