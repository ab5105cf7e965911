package provider

import (
	"crypto/rsa"
	"fmt"
	"sort"
	"strings"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
)

// addTestClient puts an active Maskinporten client of providerOrgno into the
// fake portal directly: the key set resource needs one, and making it here
// keeps these tests apart from krr_client.
func (p *testPortal) addTestClient(id string, active bool) {
	p.Edit(func(st *fakeportal.State) {
		st.Clients[id] = &fakeportal.Client{
			ClientID:                id,
			ClientName:              "jwks test " + id,
			Description:             "a client for krr_client_jwks tests",
			ClientOrgno:             providerOrgno,
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

// portalKeys is a copy of the client's keys as the fake portal holds them,
// by kid.
func (p *testPortal) portalKeys(clientID string) map[string]fakeportal.JWK {
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

func sortedMapKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// jwksEntry is one entry of keys in HCL.
type jwksEntry struct {
	pem, jwk, alg string // jwk is an HCL expression, e.g. jsonencode({…})
}

func pemEntry(pemText string) jwksEntry { return jwksEntry{pem: pemText} }

func jwkEntry(k *rsa.PublicKey) jwksEntry {
	return jwksEntry{jwk: fmt.Sprintf("jsonencode({ kty = \"RSA\", n = %q, e = %q })", jwkN(k), jwkE(k))}
}

// jwksConfig is a provider block and one krr_client_jwks "test".
func jwksConfig(p *testPortal, clientID string, entries map[string]jwksEntry) string {
	var b strings.Builder
	b.WriteString(p.providerConfig("", providerOrgno))
	fmt.Fprintf(&b, "\nresource \"krr_client_jwks\" \"test\" {\n  client_id = %q\n  keys = {\n", clientID)
	for _, kid := range sortedMapKeys(entries) {
		e := entries[kid]
		fmt.Fprintf(&b, "    %q = {\n", kid)
		if e.pem != "" {
			// A heredoc keeps the PEM as a file() would give it, newline
			// included.
			fmt.Fprintf(&b, "      public_key_pem = <<-EOT\n%sEOT\n", e.pem)
		}
		if e.jwk != "" {
			fmt.Fprintf(&b, "      jwk = %s\n", e.jwk)
		}
		if e.alg != "" {
			fmt.Fprintf(&b, "      alg = %q\n", e.alg)
		}
		b.WriteString("    }\n")
	}
	b.WriteString("  }\n}\n")
	return b.String()
}

const (
	personScope  = providerPrefix + ":persons/v1/person.read"
	addressScope = providerPrefix + ":persons/v1/address.read"
)

const (
	consumerClientID = "6e8d4b21-9a3f-4c7b-8d2e-3f4a5b6c7d8e"
)
