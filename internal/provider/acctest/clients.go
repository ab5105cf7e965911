package acctest

import (
	"crypto/rsa"
	"fmt"
	"sort"
	"strings"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
)

// AddTestClient puts an active Maskinporten client of ProviderOrgno into the
// fake portal directly: the key set resource needs one, and making it here
// keeps these tests apart from krr_client.
func (p *Portal) AddTestClient(id string, active bool) {
	p.Edit(func(st *fakeportal.State) {
		st.Clients[id] = &fakeportal.Client{
			ClientID:                id,
			ClientName:              "jwks test " + id,
			Description:             "a client for krr_client_jwks tests",
			ClientOrgno:             ProviderOrgno,
			IntegrationType:         "maskinporten",
			ApplicationType:         "web",
			TokenEndpointAuthMethod: "private_key_jwt",
			GrantTypes:              []string{"urn:ietf:params:oauth:grant-type:jwt-bearer"},
			Scopes:                  []string{},
			Active:                  active,
			AccessTokenLifetime:     120,
			AuthorizationLifetime:   7200,
			RefreshTokenLifetime:    600,
			Created:                 "2026-01-01T00:00:00.000+01:00",
			LastUpdated:             "2026-01-01T00:00:00.000+01:00",
		}
	})
}

// PortalKeys is a copy of the client's keys as the fake portal holds them,
// by kid.
func (p *Portal) PortalKeys(clientID string) map[string]fakeportal.JWK {
	out := map[string]fakeportal.JWK{}
	p.Edit(func(st *fakeportal.State) {
		if ks := st.JWKS[clientID]; ks != nil {
			for _, k := range ks.Keys {
				out[k.Kid] = k
			}
		}
	})
	return out
}

func SortedMapKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// JWKSEntry is one entry of keys in HCL.
type JWKSEntry struct {
	PEM, JWK, Alg string // jwk is an HCL expression, e.g. jsonencode({…})
}

func PEMEntry(pemText string) JWKSEntry { return JWKSEntry{PEM: pemText} }

func JWKEntry(k *rsa.PublicKey) JWKSEntry {
	return JWKSEntry{JWK: fmt.Sprintf("jsonencode({ kty = \"RSA\", n = %q, e = %q })", JWKN(k), JWKE(k))}
}

// JWKSConfig is a provider block and one krr_client_jwks "test".
func JWKSConfig(p *Portal, clientID string, entries map[string]JWKSEntry) string {
	var b strings.Builder
	b.WriteString(p.ProviderConfig("", ProviderOrgno))
	fmt.Fprintf(&b, "\nresource \"krr_client_jwks\" \"test\" {\n  client_id = %q\n  keys = {\n", clientID)
	for _, kid := range SortedMapKeys(entries) {
		e := entries[kid]
		fmt.Fprintf(&b, "    %q = {\n", kid)
		if e.PEM != "" {
			// A heredoc keeps the PEM as a file() would give it, newline
			// included.
			fmt.Fprintf(&b, "      public_key_pem = <<-EOT\n%sEOT\n", e.PEM)
		}
		if e.JWK != "" {
			fmt.Fprintf(&b, "      jwk = %s\n", e.JWK)
		}
		if e.Alg != "" {
			fmt.Fprintf(&b, "      alg = %q\n", e.Alg)
		}
		b.WriteString("    }\n")
	}
	b.WriteString("  }\n}\n")
	return b.String()
}

const (
	PersonScope  = ProviderPrefix + ":persons/v1/person.read"
	AddressScope = ProviderPrefix + ":persons/v1/address.read"
)

const (
	ConsumerClientID = "6e8d4b21-9a3f-4c7b-8d2e-3f4a5b6c7d8e"
)

// AddLoginClient puts an active API-klient client of orgno, which signs
// people in, into the fake portal directly, for the tests of what reads
// every kind of client.
func (p *Portal) AddLoginClient(id, orgno string) {
	p.Edit(func(st *fakeportal.State) {
		st.Clients[id] = &fakeportal.Client{
			ClientID:                id,
			ClientName:              "Min side " + id,
			Description:             "signs citizens in and reads their own KRR record",
			ClientOrgno:             orgno,
			IntegrationType:         "api_klient",
			ApplicationType:         "web",
			TokenEndpointAuthMethod: "client_secret_basic",
			GrantTypes:              []string{"authorization_code"},
			Scopes:                  []string{"openid", "profile", "krr:user/kontaktinformasjon.read"},
			Active:                  true,
			AccessTokenLifetime:     120,
			AuthorizationLifetime:   7200,
			RefreshTokenLifetime:    600,
			RefreshTokenUsage:       "ONETIME",
			RedirectURIs:            []string{"https://minside.example.no/callback"},
			PostLogoutRedirectURIs:  []string{"https://minside.example.no/"},
			CodeChallengeMethod:     "S256",
			Created:                 "2026-01-01T00:00:00.000+01:00",
			LastUpdated:             "2026-01-01T00:00:00.000+01:00",
		}
	})
}
