# Merchant data is imported by the organisation number, which must be the
# organisation the provider's credentials act for.
terraform import krr_org_contacts.this 991825827
