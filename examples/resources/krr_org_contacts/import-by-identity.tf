# Merchant data is imported by the organisation number, which must be the
# organisation the provider's credentials act for.
import {
  to = krr_org_contacts.this
  identity = {
    orgno = "991825827"
  }
}
