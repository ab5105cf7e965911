# KRR's user look-up ("brukerspesifikt oppslag"): an API-klient that signs
# the person in with ID-porten and then reads the person's own contact
# information in KRR. It signs in with a key (private_key_jwt), the method
# to prefer wherever the application can sign: there is no secret to keep.
resource "krr_login_client" "contact_lookup" {
  client_id                  = "0b6f1a2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c"
  integration_type           = "api_klient"
  client_name                = "Kontaktinformasjon"
  description                = "Shows the signed-in person their own contact details"
  token_endpoint_auth_method = "private_key_jwt"
  redirect_uris              = ["https://kontakt.example.no/callback"]
  post_logout_redirect_uris  = ["https://kontakt.example.no/"]
  scopes                     = ["openid", "profile", "krr:user/kontaktinformasjon.read"]
  grant_types                = ["authorization_code", "refresh_token"]
}

# Its key, registered as any client's key is.
resource "krr_client_jwks" "contact_lookup" {
  client_id = krr_login_client.contact_lookup.client_id
  keys = {
    "contact-lookup-2026" = {
      public_key_pem = file("keys/contact-lookup-2026.pub.pem")
    }
  }
}

# An ID-porten client of a server-side application that keeps a secret.
# The portal's create answer holds a first secret, which this resource does
# not keep: krr_client_secret makes and holds the secret.
resource "krr_login_client" "my_page" {
  integration_type           = "idporten"
  client_name                = "Min side"
  description                = "Citizens sign in to their page"
  token_endpoint_auth_method = "client_secret_basic"
  redirect_uris              = ["https://minside.example.no/callback"]
  frontchannel_logout_uri    = "https://minside.example.no/logout"
  scopes                     = ["openid", "profile", "eidas"]
}

# A single-page application: no secret, PKCE (S256).
resource "krr_login_client" "spa" {
  integration_type           = "idporten"
  client_name                = "Selvbetjening"
  description                = "Browser app"
  application_type           = "browser"
  token_endpoint_auth_method = "none"
  redirect_uris              = ["https://selvbetjening.example.no/"]
}

# Employees sign in with Ansattporten; single sign-on is always off there.
resource "krr_login_client" "intranet" {
  integration_type           = "ansattporten"
  client_name                = "Intranett"
  description                = "Employees sign in"
  application_type           = "native"
  token_endpoint_auth_method = "none"
  redirect_uris              = ["no.example.intranett:/callback", "http://127.0.0.1:0/callback"]
}
