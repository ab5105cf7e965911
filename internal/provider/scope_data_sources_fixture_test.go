package provider

// scopeFixtureConfig makes what the scope data sources read: a public scope
// with grants to two organisations, and a private scope. (The grant data
// source's test adds a revoked and a requested grant in the portal.)
func scopeFixtureConfig(p *testPortal, dataSources string) string {
	return p.providerConfig("", providerOrgno) + `
resource "krr_scope" "public" {
  prefix                    = "` + providerPrefix + `"
  subscope                  = "catalogue/public.read"
  description               = "In the catalogue"
  allowed_integration_types = ["maskinporten"]
  delegation_source         = "https://tt02.altinn.no/"
}

resource "krr_scope" "private" {
  prefix      = "` + providerPrefix + `"
  subscope    = "catalogue/private.read"
  description = "Not in the catalogue"
  visibility  = "PRIVATE"
}

resource "krr_scope_access" "consumer" {
  scope          = krr_scope.public.name
  consumer_orgno = "` + consumerOrgno + `"
}

resource "krr_scope_access" "other" {
  scope          = krr_scope.public.name
  consumer_orgno = "` + otherOrgno + `"
}
` + dataSources
}

const (
	fixturePublicScope  = providerPrefix + ":catalogue/public.read"
	fixturePrivateScope = providerPrefix + ":catalogue/private.read"
)
