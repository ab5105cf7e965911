package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// badInput is one configuration a user can get wrong, and the parts of the
// message that must name the attribute and the rule.
type badInput struct {
	name   string
	config string // blocks after the provider block, or a whole configuration with its own
	want   []string
	// importID, when set, imports the configuration's first resource with
	// this ID instead of planning.
	importID string
	// provider replaces the provider block: its whole body.
	provider []string
}

// Bad input across the provider block, every resource and every data
// source is stopped at validate or plan, or at import, with a message that
// names the attribute and the rule, and the portal receives no write.
func TestAccBadInputStoppedBeforeAnyWrite(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	cases := badInputCases(t, p)
	if len(cases) < 40 {
		t.Fatalf("only %d bad-input cases", len(cases))
	}
	t.Run("cases", func(t *testing.T) {
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				t.Parallel()
				provider := p.ProviderConfig("", acctest.ProviderOrgno)
				if tc.provider != nil {
					provider = "provider \"krr\" {\n  " + strings.Join(tc.provider, "\n  ") + "\n}\n"
				}
				step := resource.TestStep{Config: provider + tc.config, PlanOnly: true, ExpectError: acctest.PhraseRegexp(tc.want...)}
				if tc.importID != "" {
					step = resource.TestStep{Config: provider + tc.config, ResourceName: firstResource(tc.config),
						ImportState: true, ImportStateId: tc.importID, ExpectError: acctest.PhraseRegexp(tc.want...)}
				}
				resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProviderFactories, Steps: []resource.TestStep{step}})
			})
		}
	})
	if n := p.WriteCount(); n != 0 {
		t.Errorf("%d bad configurations sent %d writes: %v", len(cases), n, p.RequestCounts())
	}
}

// firstResource is the address of the first resource block in config.
func firstResource(config string) string {
	_, rest, _ := strings.Cut(config, `resource "`)
	typ, rest, _ := strings.Cut(rest, `" "`)
	name, _, _ := strings.Cut(rest, `"`)
	return typ + "." + name
}

func badInputCases(t *testing.T, p *acctest.Portal) []badInput {
	pemA := acctest.PublicPEM(t, &acctest.TestKey("A").PublicKey)
	pkcs8, small := acctest.PrivateAndSmallKeys(t)
	long := strings.Repeat("x", 256)
	// A provider body that works but for what a case adds.
	token := p.IssueToken(acctest.ProviderOrgno)
	base := func(lines ...string) []string {
		return append([]string{fmt.Sprintf("base_url = %q", p.BaseURL), fmt.Sprintf("access_token = %q", token)}, lines...)
	}
	prefixes := `data "krr_prefixes" "x" {}`

	scope := func(attrs string) string {
		return "resource \"krr_scope\" \"x\" {\n  prefix = \"" + acctest.ProviderPrefix + "\"\n  subscope = \"a\"\n  description = \"d\"\n" + attrs + "\n}\n"
	}
	scopeWith := func(prefix, subscope, description string) string {
		return fmt.Sprintf("resource \"krr_scope\" \"x\" {\n  prefix = %q\n  subscope = %q\n  description = %q\n}\n", prefix, subscope, description)
	}
	grant := func(scope, orgno string) string {
		return fmt.Sprintf("resource \"krr_scope_access\" \"x\" {\n  scope = %q\n  consumer_orgno = %q\n}\n", scope, orgno)
	}
	consumers := func(scope string, orgnos ...string) string {
		return fmt.Sprintf("resource \"krr_scope_consumers\" \"x\" {\n  scope = %q\n  consumer_orgnos = [%s]\n}\n", scope, acctest.QuoteAll(orgnos))
	}
	client := func(attrs string) string {
		return "resource \"krr_client\" \"x\" {\n  client_name = \"n\"\n  description = \"d\"\n  scopes = [\"" + acctest.PersonScope + "\"]\n" + attrs + "\n}\n"
	}
	clientWith := func(name, description, scopes string) string {
		return fmt.Sprintf("resource \"krr_client\" \"x\" {\n  client_name = %q\n  description = %q\n  scopes = %s\n}\n", name, description, scopes)
	}
	keys := func(entries map[string]acctest.JWKSEntry) string {
		cfg := acctest.JWKSConfig(p, "some-client", entries)
		_, blocks, _ := strings.Cut(cfg, "}\n") // drop acctest.JWKSConfig's provider block
		return blocks
	}
	six := map[string]acctest.JWKSEntry{}
	for i := 1; i <= 6; i++ {
		six[fmt.Sprintf("k%d", i)] = acctest.PEMEntry(pemA)
	}
	contacts := func(invoice, list string) string {
		return "resource \"krr_org_contacts\" \"x\" {\n  invoice = " + invoice + "\n  notification_contacts = " + list + "\n}\n"
	}
	goodInvoice := `{ email = "faktura@example.no" }`
	goodContacts := `[{ name = "Drift", email = "drift@example.no" }]`

	return []badInput{
		// The provider block.
		{name: "provider environment", provider: base(`environment = "staging"`), config: prefixes,
			want: []string{"environment", "value must be one of"}},
		{name: "provider http base_url", provider: []string{`base_url = "http://portal.example.no/api/v1"`, fmt.Sprintf("access_token = %q", token)},
			config: prefixes, want: []string{"base_url", "https"}},
		{name: "provider conflicting credentials", provider: base(`client_id = "admin"`, `key_id = "k"`, `private_key = "x"`), config: prefixes,
			want: []string{"access_token", "private_key"}},
		{name: "provider key without key id", provider: []string{fmt.Sprintf("base_url = %q", p.BaseURL), `client_id = "admin"`, `private_key = "x"`},
			config: prefixes, want: []string{"key_id"}},
		{name: "provider max_retries", provider: base("max_retries = 50"), config: prefixes, want: []string{"max_retries", "between 0 and 20"}},
		{name: "provider request_timeout", provider: base(`request_timeout = "soon"`), config: prefixes, want: []string{"request_timeout"}},
		{name: "provider max_requests_per_second", provider: base("max_requests_per_second = 0"), config: prefixes,
			want: []string{"max_requests_per_second", "at least 0.1"}},

		// krr_scope.
		{name: "scope prefix with colon", config: scopeWith("tl:x", "a", "d"), want: []string{"prefix", `without whitespace or ":"`}},
		{name: "scope subscope with space", config: scopeWith(acctest.ProviderPrefix, "a b", "d"), want: []string{"subscope", "whitespace"}},
		{name: "scope description empty", config: scopeWith(acctest.ProviderPrefix, "a", ""), want: []string{"description", "length must be between 1 and 255"}},
		{name: "scope description too long", config: scopeWith(acctest.ProviderPrefix, "a", long), want: []string{"description", "length must be between 1 and 255"}},
		{name: "scope description only spaces", config: scopeWith(acctest.ProviderPrefix, "a", "   "), want: []string{"description: must hold more than whitespace"}},
		{name: "scope visibility", config: scope(`visibility = "SECRET"`), want: []string{"visibility", "value must be one of"}},
		{name: "scope token_type", config: scope(`token_type = "JWT"`), want: []string{"token_type", "value must be one of"}},
		{name: "scope integration type", config: scope(`allowed_integration_types = ["fax"]`), want: []string{"allowed_integration_types", "value must be one of"}},
		{name: "scope long_description blank", config: scope(`long_description = " "`), want: []string{"long_description: must hold more than whitespace"}},

		// krr_scope_access and krr_scope_consumers.
		{name: "grant check digit", config: grant(acctest.PersonScope, acctest.BadCheckOrgno), want: []string{"consumer_orgno", "check digit"}},
		{name: "grant eight digits", config: grant(acctest.PersonScope, "12345678"), want: []string{"consumer_orgno", "9 digits"}},
		{name: "grant scope without prefix", config: grant("persons.read", acctest.ConsumerOrgno), want: []string{"Invalid scope name", "scope:", "expected prefix:subscope"}},
		{name: "grant scope with space", config: grant(acctest.ProviderPrefix+":a b", acctest.ConsumerOrgno), want: []string{"scope", "whitespace"}},
		{name: "consumers check digit", config: consumers(acctest.PersonScope, acctest.ConsumerOrgno, acctest.BadCheckOrgno), want: []string{"consumer_orgnos", "check digit"}},
		{name: "consumers scope with space", config: consumers("tl :x", acctest.ConsumerOrgno), want: []string{"scope", "whitespace"}},

		// krr_client.
		{name: "client name blank", config: clientWith(" ", "d", `["`+acctest.PersonScope+`"]`), want: []string{"client_name: must hold more than whitespace"}},
		{name: "client description too long", config: clientWith("n", long, `["`+acctest.PersonScope+`"]`), want: []string{"description", "length must be between 1 and 255"}},
		{name: "client no scopes", config: clientWith("n", "d", `[]`), want: []string{"scopes", "at least 1"}},
		{name: "client scope without prefix", config: clientWith("n", "d", `["no prefix"]`), want: []string{"Invalid scope name", "scopes", "expected prefix:subscope"}},
		{name: "client integration type", config: client(`integration_type = "idporten"`), want: []string{"integration_type", "value must be one of"}},
		{name: "client orgno check digit", config: client(`client_orgno = "` + acctest.BadCheckOrgno + `"`), want: []string{"client_orgno", "check digit"}},
		{name: "client id not a uuid", config: client(`client_id = "my-client"`), want: []string{"client_id", "must be a lowercase UUID"}},
		{name: "client lifetime zero", config: client(`access_token_lifetime = 0`), want: []string{"access_token_lifetime", "at least 1"}},

		// krr_client_jwks.
		{name: "keys six", config: keys(six), want: []string{"keys has 6 entries; a client has at most 5 keys"}},
		{name: "keys private key", config: keys(map[string]acctest.JWKSEntry{"k1": acctest.PEMEntry(acctest.PEMOf("PRIVATE KEY", pkcs8))}),
			want: []string{`keys["k1"].public_key_pem holds a private key`}},
		{name: "keys 1024-bit", config: keys(map[string]acctest.JWKSEntry{"k1": acctest.PEMEntry(acctest.PublicPEM(t, &small.PublicKey))}),
			want: []string{`keys["k1"].public_key_pem is an RSA key of 1024 bits; the portal needs at least 2048`}},
		{name: "keys alg", config: keys(map[string]acctest.JWKSEntry{"k1": {PEM: pemA, Alg: "HS256"}}), want: []string{`keys["k1"].alg is "HS256"`, "accepts client keys with alg RS256 or RS512 only"}},
		{name: "keys client id blank", config: "resource \"krr_client_jwks\" \"x\" {\n  client_id = \" \"\n  keys = {}\n}\n",
			want: []string{"client_id", "must be a client id: non-empty, without whitespace"}},

		// krr_org_contacts.
		{name: "contacts invoice email", config: contacts(`{ email = "faktura@example" }`, goodContacts), want: []string{"invoice.email", `domain "example" has no dot`}},
		{name: "contacts none", config: contacts(goodInvoice, `[]`), want: []string{"notification_contacts", "at least 1"}},
		{name: "contacts email", config: contacts(goodInvoice, `[{ name = "Drift", email = "drift" }]`), want: []string{"notification_contacts.email", "not an e-mail address"}},
		{name: "contacts phone", config: contacts(goodInvoice, `[{ name = "Drift", email = "drift@example.no", phone = "12" }]`),
			want: []string{"notification_contacts.phone", "8 to 15 digits"}},
		{name: "contacts missing email", config: contacts(goodInvoice, `[{ name = "Drift" }]`), want: []string{"Missing required argument", `"email" is required`}},

		// Data sources.
		{name: "data organization orgno", config: `data "krr_organization" "x" { orgno = "` + acctest.BadCheckOrgno + `" }`, want: []string{"orgno", "check digit"}},
		{name: "data scope name", config: `data "krr_scope" "x" { name = "noprefix" }`, want: []string{"Invalid scope name", "name:", "expected prefix:subscope"}},
		{name: "data scope access scope", config: `data "krr_scope_access" "x" { scope = "a b:c" }`, want: []string{"scope", "whitespace"}},
		{name: "data public scopes type", config: `data "krr_public_scopes" "x" { integration_type = "fax" }`, want: []string{"integration_type", "value must be one of"}},
		{name: "data available scopes type", config: `data "krr_available_scopes" "x" { integration_type = "fax" }`, want: []string{"integration_type", "value must be one of"}},
		{name: "data clients type", config: `data "krr_clients" "x" { integration_type = "fax" }`, want: []string{"integration_type", "value must be one of"}},
		{name: "data client id", config: `data "krr_client" "x" { client_id = "" }`, want: []string{"client_id", "must be a client id"}},

		// Malformed import IDs.
		{name: "import scope", config: scopeWith(acctest.ProviderPrefix, "a", "d"), importID: "no prefix", want: []string{"Invalid import ID for krr_scope"}},
		{name: "import grant", config: grant(acctest.PersonScope, acctest.ConsumerOrgno), importID: acctest.PersonScope, want: []string{"Invalid import ID for krr_scope_access", `has no ","`}},
		{name: "import grant orgno", config: grant(acctest.PersonScope, acctest.ConsumerOrgno), importID: acctest.PersonScope + "," + acctest.BadCheckOrgno,
			want: []string{"Invalid import ID for krr_scope_access", "check digit"}},
		{name: "import consumers", config: consumers(acctest.PersonScope, acctest.ConsumerOrgno), importID: "a b", want: []string{"Invalid import ID for krr_scope_consumers"}},
		{name: "import client", config: client(""), importID: "a b", want: []string{"Invalid import ID for krr_client", "without whitespace"}},
		{name: "import keys", config: keys(map[string]acctest.JWKSEntry{"k1": acctest.PEMEntry(pemA)}), importID: "a b", want: []string{"Invalid import ID for krr_client_jwks"}},
		{name: "import contacts", config: contacts(goodInvoice, goodContacts), importID: "12345", want: []string{"Invalid import ID for krr_org_contacts", "9 digits"}},
	}
}
