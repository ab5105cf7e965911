package acctest

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
)

// Organisations seeded into every test portal. The numbers are valid mod-11
// numbers kept for tests; none is a real organisation's.
const (
	ProviderOrgno   = "310000019" // offers APIs: has the prefix "tl"
	ProviderPrefix  = "tl"
	ConsumerOrgno   = "310000027" // uses APIs: no prefix
	OtherOrgno      = "310000035" // a third organisation, for grants and lookups
	BadCheckOrgno   = "310000010" // 9 digits, wrong check digit
	ProviderOrgName = "TESTLEVERANDØR AS"
	ConsumerOrgName = "TESTKONSUMENT AS"
	OtherOrgName    = "TREDJE TESTVIRKSOMHET AS"
)

// ProviderFactories runs the provider in-process for
// terraform-plugin-testing, so the real terraform binary talks to this code.
var ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"krr": serveProvider,
}

// TwoOrgProviderFactories serves the provider under a second local name,
// krrowner, for the tests that act for two organisations at once. In real
// use that is two aliases of "krr", each its own plugin process; in-process
// tests reattach every alias to one provider server, where the last
// configuration would win, so the second organisation gets its own server.
var TwoOrgProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"krr":      serveProvider,
	"krrowner": serveProvider,
}

// RSA key generation is slow; every test portal reuses one admin key per
// organisation.
var AdminKeys = sync.OnceValue(func() map[string]*rsa.PrivateKey {
	keys := map[string]*rsa.PrivateKey{}
	for _, orgno := range []string{ProviderOrgno, ConsumerOrgno, OtherOrgno} {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		keys[orgno] = k
	}
	return keys
})

// Portal is one fake portal for one test, with the organisations above.
type Portal struct {
	*fakeportal.Server
	t *testing.T
}

func NewPortal(t *testing.T) *Portal {
	t.Helper()
	return NewPortalWith(t, fakeportal.Options{})
}

// NewPortalWith is NewPortal with the fake's options.
func NewPortalWith(t *testing.T, opts fakeportal.Options) *Portal {
	t.Helper()
	keys := AdminKeys()
	org := func(orgno, name string, prefixes ...string) fakeportal.Org {
		return fakeportal.Org{
			Orgno:          orgno,
			Name:           name,
			Prefixes:       prefixes,
			AdminClientID:  "admin-" + orgno,
			AdminKeyID:     orgno + "-admin",
			AdminPublicKey: &keys[orgno].PublicKey,
		}
	}
	srv := fakeportal.NewServerWith(t, opts,
		org(ProviderOrgno, ProviderOrgName, ProviderPrefix),
		org(ConsumerOrgno, ConsumerOrgName),
		org(OtherOrgno, OtherOrgName),
	)
	return &Portal{Server: srv, t: t}
}

// ProviderConfig is a provider block that signs in as orgno's admin client
// with the JWT grant, the way a pipeline would. alias may be empty.
func (p *Portal) ProviderConfig(alias, orgno string, extra ...string) string {
	return p.ProviderBlock(alias, append([]string{
		fmt.Sprintf("client_id = %q", "admin-"+orgno),
		fmt.Sprintf("key_id = %q", orgno+"-admin"),
		"private_key = <<-EOT\n" + AdminKeyPEM(p.t, orgno) + "EOT",
	}, extra...)...)
}

// AdminKeyPEM is orgno's admin key as PKCS#8 PEM, newline-terminated.
func AdminKeyPEM(t testing.TB, orgno string) string {
	der, err := x509.MarshalPKCS8PrivateKey(AdminKeys()[orgno])
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
}

// TokenProviderConfig is a provider block with a static access token.
func (p *Portal) TokenProviderConfig(token string, extra ...string) string {
	return p.ProviderBlock("", append([]string{fmt.Sprintf("access_token = %q", token)}, extra...)...)
}

func (p *Portal) ProviderBlock(alias string, lines ...string) string {
	var b strings.Builder
	if alias == "krrowner" {
		b.WriteString("provider \"krrowner\" {\n") // see TwoOrgProviderFactories
	} else {
		b.WriteString("provider \"krr\" {\n")
	}
	if alias != "" && alias != "krrowner" {
		fmt.Fprintf(&b, "  alias = %q\n", alias)
	}
	fmt.Fprintf(&b, "  base_url = %q\n  token_endpoint = %q\n  audience = %q\n", p.BaseURL, p.TokenEndpoint, p.Audience)
	// Tests inject faults on purpose; keep retries few, unless a test says.
	if !slices.ContainsFunc(lines, func(l string) bool { return strings.HasPrefix(l, "max_retries") }) {
		b.WriteString("  max_retries = 2\n")
	}
	for _, l := range lines {
		b.WriteString("  " + l + "\n")
	}
	b.WriteString("}\n")
	return b.String()
}

// Scope returns a copy of the fake portal's scope, as the portal holds it.
func (p *Portal) Scope(name string) (fakeportal.Scope, bool) {
	var s fakeportal.Scope
	var ok bool
	p.Edit(func(st *fakeportal.State) {
		if found := st.Scopes[name]; found != nil {
			s, ok = *found, true
		}
	})
	return s, ok
}

// GrantState returns the state of a grant in the fake portal, "" if none.
func (p *Portal) GrantState(scope, consumer string) string {
	var state string
	p.Edit(func(st *fakeportal.State) {
		if g := st.Grants[fakeportal.GrantKey{Scope: scope, Consumer: consumer}]; g != nil {
			state = g.State
		}
	})
	return state
}

// WriteCount counts the requests that could have changed the portal.
func (p *Portal) WriteCount() int {
	n := 0
	for route, count := range p.RequestCounts() {
		if !strings.HasPrefix(route, "GET ") && route != "POST /token" {
			n += count
		}
	}
	return n
}

// SeedScope puts an active scope of the provider organisation straight into
// the portal and gives each consumer access, as if done in the web portal.
func (p *Portal) SeedScope(name string, accessibleForAll bool, consumers ...string) {
	prefix, subscope, _ := strings.Cut(name, ":")
	p.Edit(func(st *fakeportal.State) {
		st.Scopes[name] = &fakeportal.Scope{
			Name: name, Prefix: prefix, Subscope: subscope, Description: "seeded", Active: true,
			OwnerOrgno: ProviderOrgno, TokenType: "SELF_CONTAINED", Visibility: "PUBLIC",
			AllowedIntegrationTypes: []string{}, AccessibleForAll: accessibleForAll,
		}
		for _, c := range consumers {
			st.Grants[fakeportal.GrantKey{Scope: name, Consumer: c}] = &fakeportal.Grant{
				Scope: name, OwnerOrgno: ProviderOrgno, ConsumerOrgno: c, State: fakeportal.GrantApproved,
			}
		}
	})
}

// ActiveClients returns the portal's active clients of orgno.
func (p *Portal) ActiveClients(orgno string) []fakeportal.Client {
	var out []fakeportal.Client
	p.Edit(func(st *fakeportal.State) {
		for _, c := range st.Clients {
			if c.ClientOrgno == orgno && c.Active {
				out = append(out, *c)
			}
		}
	})
	return out
}
