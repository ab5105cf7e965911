# A supplier's KRR client, serving many customers through one client.
resource "krr_client" "lookup" {
  client_name      = "Contact look-up for our customers"
  description      = "Looks up contact information on behalf of our customers"
  integration_type = "krr"
  scopes           = ["krr:global/kontaktinformasjon.read", "krr:global/digitalpost.read"]
}

# One record per customer. The KRR client names the customer it acts for
# with the claim iss_onbehalfof = "kunde-991825827" in the JWT grant it sends
# to Maskinporten's token endpoint; an ID-porten or API-klient client sends
# onbehalfof=kunde-991825827 in its sign-in (authorization) request instead.
# The record does not inherit the customer's scope grants: the client itself
# must carry every scope it asks for.
resource "krr_client_onbehalfof" "kunde" {
  client_id   = krr_client.lookup.client_id
  onbehalfof  = "kunde-991825827"
  orgno       = "991825827"
  name        = "Kunde AS"
  description = "Contact look-up for Kunde AS's letters"
  uri         = "https://www.kunde.example.no"
  logo_uri    = "https://www.kunde.example.no/logo.png"
}
