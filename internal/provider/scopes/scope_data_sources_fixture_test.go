package scopes_test

import "github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"

// scopeFixtureConfig makes what the scope data sources read: a public scope
// with grants to two organisations, and a private scope. (The grant data
// source's test adds a revoked and a requested grant in the portal.)
func scopeFixtureConfig(p *acctest.Portal, dataSources string) string {
	return p.ProviderConfig("", acctest.ProviderOrgno) + `
resource "krr_scope" "public" {
  prefix                    = "` + acctest.ProviderPrefix + `"
  subscope                  = "catalogue/public.read"
  description               = "In the catalogue"
  allowed_integration_types = ["maskinporten"]
  delegation_source         = "https://tt02.altinn.no/"
}

resource "krr_scope" "private" {
  prefix      = "` + acctest.ProviderPrefix + `"
  subscope    = "catalogue/private.read"
  description = "Not in the catalogue"
  visibility  = "PRIVATE"
}

resource "krr_scope_access" "consumer" {
  scope          = krr_scope.public.name
  consumer_orgno = "` + acctest.ConsumerOrgno + `"
}

resource "krr_scope_access" "other" {
  scope          = krr_scope.public.name
  consumer_orgno = "` + acctest.OtherOrgno + `"
}
` + dataSources
}

const (
	fixturePublicScope  = acctest.ProviderPrefix + ":catalogue/public.read"
	fixturePrivateScope = acctest.ProviderPrefix + ":catalogue/private.read"
)
