# A scope under the organisation's prefix. Only prefix, subscope and
# description are required; everything else has the portal's default.
resource "krr_scope" "persons" {
  prefix      = "myprefix"
  subscope    = "persons/v1/person.read"
  description = "Read persons in the register"
}

# A private scope, for Maskinporten clients only, with a shorter token life.
resource "krr_scope" "payments" {
  prefix                    = "myprefix"
  subscope                  = "payments.write"
  description               = "Register payments"
  long_description          = "Gives **write** access to the payment API."
  visibility                = "PRIVATE"
  allowed_integration_types = ["maskinporten"]
  at_max_age                = 300
}
