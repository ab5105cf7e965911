package provider

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// env is a fake environment for resolveSettings.
type env map[string]string

func (e env) get(name string) string { return e[name] }

func nullModel() providerModel {
	return providerModel{
		Environment: types.StringNull(), BaseURL: types.StringNull(), TokenEndpoint: types.StringNull(),
		Audience: types.StringNull(), AccessToken: types.StringNull(), ClientID: types.StringNull(),
		KeyID: types.StringNull(), PrivateKey: types.StringNull(), CertificateFile: types.StringNull(),
		CertificatePassword: types.StringNull(), Scopes: types.SetNull(types.StringType),
		MaxRetries: types.Int64Null(), RequestTimeout: types.StringNull(), MaxRequestsPerSecond: types.Float64Null(),
	}
}

// wantError asserts exactly one error diagnostic that contains every fragment.
func wantError(t *testing.T, diags diag.Diagnostics, fragments ...string) {
	t.Helper()
	errs := diags.Errors()
	if len(errs) != 1 {
		t.Fatalf("want 1 error, got %d: %v", len(errs), diags)
	}
	text := errs[0].Summary() + ": " + errs[0].Detail()
	if withPath, ok := errs[0].(diag.DiagnosticWithPath); ok {
		text = withPath.Path().String() + ": " + text
	}
	for _, f := range fragments {
		if !strings.Contains(text, f) {
			t.Errorf("error %q does not contain %q", text, f)
		}
	}
}

func TestResolveSettings_defaultsToTestEnvironment(t *testing.T) {
	m := nullModel()
	m.AccessToken = types.StringValue("tok")
	s, diags := resolveSettings(m, env{}.get)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if s.Environment != "test" || s.BaseURL != "https://api.test.samarbeid.digdir.no/api/v1" ||
		s.TokenEndpoint != "https://test.maskinporten.no/token" || s.Audience != "https://test.maskinporten.no/" {
		t.Errorf("test environment not applied: %+v", s)
	}
	if s.Credentials.Kind != credentialsStaticToken || s.MaxRetries != 4 || s.RequestTimeout.Seconds() != 30 {
		t.Errorf("defaults not applied: %+v", s)
	}
	if strings.Join(s.Scopes, " ") != defaultScopesText() {
		t.Errorf("scopes = %v, want the defaults", s.Scopes)
	}
}

func TestResolveSettings_prodAndOverridesFromEnv(t *testing.T) {
	s, diags := resolveSettings(nullModel(), env{
		envEnvironment: "prod", envAccessToken: "tok", envScopes: "idporten:scopes.read  idporten:dcr.read",
		envBaseURL: "https://portal.example.test/", envAudience: "https://issuer.example.test/",
	}.get)
	if diags.HasError() {
		t.Fatal(diags)
	}
	// Another issuer without a token endpoint: the endpoint is found in
	// that issuer's metadata when the first token is fetched.
	if s.TokenEndpoint != "" {
		t.Errorf("token endpoint = %q, want it left to the issuer's metadata", s.TokenEndpoint)
	}
	if s.BaseURL != "https://portal.example.test/api/v1" || s.Audience != "https://issuer.example.test/" {
		t.Errorf("overrides not applied: %+v", s)
	}
	if strings.Join(s.Scopes, ",") != "idporten:scopes.read,idporten:dcr.read" {
		t.Errorf("scopes = %v", s.Scopes)
	}
}

func TestResolveSettings_configWinsOverEnv(t *testing.T) {
	m := nullModel()
	m.AccessToken = types.StringValue("from-config")
	s, diags := resolveSettings(m, env{envAccessToken: "from-env"}.get)
	if diags.HasError() || s.Credentials.AccessToken != "from-config" {
		t.Errorf("got %q, %v; want the configured token", s.Credentials.AccessToken, diags)
	}
}

// A second, aliased provider with its own access_token is not broken by a
// pipeline's KRR_* key variables.
func TestResolveSettings_configuredMethodWinsOverEnvironment(t *testing.T) {
	m := nullModel()
	m.AccessToken = types.StringValue("consumer-token")
	s, diags := resolveSettings(m, env{envPrivateKeyFile: "/unused.pem", envClientID: "c", envKeyID: "k"}.get)
	if diags.HasError() || s.Credentials.Kind != credentialsStaticToken || s.Credentials.AccessToken != "consumer-token" {
		t.Errorf("got kind %v, %v; want the configured access token", s.Credentials.Kind, diags)
	}
}

func TestResolveSettings_refusesBadInput(t *testing.T) {
	keyFile := filepath.Join(t.TempDir(), "admin.pem")
	if err := os.WriteFile(keyFile, []byte(acctest.AdminKeyPEM(t, acctest.ProviderOrgno)), 0o600); err != nil {
		t.Fatal(err)
	}
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ecDER, _ := x509.MarshalPKCS8PrivateKey(ecKey)
	ecPEM := string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: ecDER}))

	tests := []struct {
		name  string
		model func(m *providerModel)
		env   env
		want  []string
	}{
		{"no credentials", nil, env{}, []string{"Missing credentials", "KRR_ACCESS_TOKEN", "KRR_PRIVATE_KEY_FILE", "KRR_CERTIFICATE_FILE"}},
		{"token and key in the environment", nil, env{envAccessToken: "t", envPrivateKeyFile: keyFile, envClientID: "c", envKeyID: "k"},
			[]string{"access_token", "Conflicting credentials", "KRR_ACCESS_TOKEN"}},
		{"token and key in the provider block", func(m *providerModel) {
			m.AccessToken = types.StringValue("t")
			m.PrivateKey = types.StringValue(ecPEM)
		}, env{}, []string{"access_token", "Conflicting credentials"}},
		{"key and certificate", nil, env{envCertificateFile: "/x.p12", envPrivateKeyFile: keyFile, envClientID: "c", envKeyID: "k"},
			[]string{"certificate_file", "Conflicting credentials"}},
		{"key without key_id", nil, env{envPrivateKeyFile: keyFile, envClientID: "c"}, []string{"key_id", "KRR_KEY_ID"}},
		{"key without client_id", nil, env{envPrivateKeyFile: keyFile, envKeyID: "k"}, []string{"client_id", "KRR_CLIENT_ID"}},
		{"client_id alone", nil, env{envClientID: "c"}, []string{"private_key", "KRR_PRIVATE_KEY_FILE"}},
		{"unreadable key file", nil, env{envPrivateKeyFile: "/nonexistent/admin.pem", envClientID: "c", envKeyID: "k"},
			[]string{"private_key", "KRR_PRIVATE_KEY_FILE", "/nonexistent/admin.pem", "cannot be read"}},
		{"not RSA", func(m *providerModel) { m.PrivateKey = types.StringValue(ecPEM) }, env{envClientID: "c", envKeyID: "k"},
			[]string{"private_key", "Invalid private key", "RSA"}},
		{"not PEM", nil, env{envPrivateKey: "hello", envClientID: "c", envKeyID: "k"},
			[]string{"private_key", "KRR_PRIVATE_KEY"}},
		{"unreadable certificate", func(m *providerModel) { m.CertificateFile = types.StringValue("/nonexistent/c.p12") },
			env{envClientID: "c"}, []string{"certificate_file", "cannot be read"}},
		{"plain http to a remote host", func(m *providerModel) { m.BaseURL = types.StringValue("http://portal.example.test") },
			env{envAccessToken: "t"}, []string{"base_url", "https", "loopback"}},
		{"plain http token endpoint", nil, env{envAccessToken: "t", envTokenEndpoint: "http://10.0.0.1/token"},
			[]string{"token_endpoint", "KRR_TOKEN_ENDPOINT", "https"}},
		{"unknown environment", nil, env{envAccessToken: "t", envEnvironment: "ver2"}, []string{"environment", "ver2", "prod, test"}},
		{"unknown value", func(m *providerModel) { m.ClientID = types.StringUnknown() }, env{},
			[]string{"client_id", "unknown", "KRR_CLIENT_ID"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := nullModel()
			if tt.model != nil {
				tt.model(&m)
			}
			_, diags := resolveSettings(m, tt.env.get)
			wantError(t, diags, tt.want...)
		})
	}
}

// Plain http is allowed on loopback, and the base URL is normalised to
// end in /api/v1.
func TestResolveSettings_loopbackMayUseHTTP(t *testing.T) {
	for base, want := range map[string]string{
		"http://127.0.0.1:8080":      "http://127.0.0.1:8080/api/v1",
		"http://localhost:1/api/v1/": "http://localhost:1/api/v1",
		"http://[::1]:9/":            "http://[::1]:9/api/v1",
	} {
		tokenEndpoint := strings.TrimSuffix(want, "/api/v1") + "/token"
		s, diags := resolveSettings(nullModel(), env{envAccessToken: "t", envBaseURL: base, envTokenEndpoint: tokenEndpoint}.get)
		if diags.HasError() {
			t.Errorf("%s refused: %v", base, diags)
			continue
		}
		if s.BaseURL != want || s.TokenEndpoint != tokenEndpoint {
			t.Errorf("%s resolved to base %q and token endpoint %q; want %q and %q", base, s.BaseURL, s.TokenEndpoint, want, tokenEndpoint)
		}
	}
}

func TestResolveSettings_keyFromFile(t *testing.T) {
	keyFile := filepath.Join(t.TempDir(), "admin.pem")
	if err := os.WriteFile(keyFile, []byte(acctest.AdminKeyPEM(t, acctest.ProviderOrgno)), 0o600); err != nil {
		t.Fatal(err)
	}
	s, diags := resolveSettings(nullModel(), env{envPrivateKeyFile: keyFile, envClientID: "admin", envKeyID: "kid-1"}.get)
	if diags.HasError() {
		t.Fatal(diags)
	}
	c := s.Credentials
	if c.Kind != credentialsKey || c.ClientID != "admin" || c.KeyID != "kid-1" || !c.PrivateKey.Equal(acctest.AdminKeys()[acctest.ProviderOrgno]) {
		t.Errorf("credentials not loaded from the key file: kind %v client %q kid %q", c.Kind, c.ClientID, c.KeyID)
	}
}

// The environment's token endpoint goes with its own issuer: given that
// issuer, or none, the table's endpoint is used.
func TestResolveSettings_environmentTokenEndpoint(t *testing.T) {
	for _, audience := range []string{"", "https://maskinporten.no/"} {
		s, diags := resolveSettings(nullModel(), env{envEnvironment: "prod", envAccessToken: "tok", envAudience: audience}.get)
		if diags.HasError() {
			t.Fatal(diags)
		}
		if s.TokenEndpoint != "https://maskinporten.no/token" {
			t.Errorf("audience %q: token endpoint %q, want prod's", audience, s.TokenEndpoint)
		}
	}
}
