package provider

import (
	"cmp"
	"fmt"
	"net/url"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
)

// Environment variables that stand in for provider arguments.
const (
	envEnvironment         = "KRR_ENVIRONMENT"
	envBaseURL             = "KRR_BASE_URL"
	envTokenEndpoint       = "KRR_TOKEN_ENDPOINT"
	envAudience            = "KRR_AUDIENCE"
	envAccessToken         = "KRR_ACCESS_TOKEN"
	envClientID            = "KRR_CLIENT_ID"
	envKeyID               = "KRR_KEY_ID"
	envPrivateKey          = "KRR_PRIVATE_KEY"
	envPrivateKeyFile      = "KRR_PRIVATE_KEY_FILE"
	envCertificateFile     = "KRR_CERTIFICATE_FILE"
	envCertificatePassword = "KRR_CERTIFICATE_PASSWORD"
	envCertificatePEM      = "KRR_CERTIFICATE_PEM"
	envCertificateKeyPEM   = "KRR_CERTIFICATE_PRIVATE_KEY_PEM"
	envScopes              = "KRR_SCOPES"
)

const (
	defaultEnvironment    = "test"
	defaultMaxRetries     = 4
	defaultRequestTimeout = 30 * time.Second
)

// envLookup reads an environment variable; tests pass a map instead of the
// process environment so that they can run in parallel.
type envLookup func(name string) string

func osEnv(name string) string { return os.Getenv(name) }

// settings is the provider configuration after defaults, environment
// variables and checks: everything needed to build the portal client.
type settings struct {
	Environment       string
	BaseURL           string
	TokenEndpoint     string
	Audience          string
	Credentials       credentials
	Scopes            []string
	MaxRetries        int
	RequestTimeout    time.Duration
	RequestsPerSecond float64
}

// resolveSettings merges the provider block with the environment, fills in
// defaults and checks everything that can be checked without a request. Each
// problem is an attribute error that names the environment variable too.
func resolveSettings(m providerModel, getenv envLookup) (settings, diag.Diagnostics) {
	var diags diag.Diagnostics
	rejectUnknown(m, &diags)
	if diags.HasError() {
		return settings{}, diags
	}

	s := settings{
		Environment:       firstSet(m.Environment, getenv(envEnvironment), defaultEnvironment),
		MaxRetries:        defaultMaxRetries,
		RequestTimeout:    defaultRequestTimeout,
		RequestsPerSecond: m.MaxRequestsPerSecond.ValueFloat64(),
	}
	env, ok := portal.Environments[s.Environment]
	if !ok {
		diags.AddAttributeError(path.Root("environment"), "Unknown environment",
			fmt.Sprintf("environment (or %s) is %q; it must be one of: %s.", envEnvironment, s.Environment,
				strings.Join(environmentNames(), ", ")))
		return s, diags
	}
	s.BaseURL = firstSet(m.BaseURL, getenv(envBaseURL), env.BaseURL)
	audience := firstSet(m.Audience, getenv(envAudience), "")
	s.Audience = cmp.Or(audience, env.Audience)
	s.TokenEndpoint = firstSet(m.TokenEndpoint, getenv(envTokenEndpoint), "")
	if s.TokenEndpoint == "" && (audience == "" || audience == env.Audience) {
		s.TokenEndpoint = env.TokenEndpoint
	}
	// Otherwise the token endpoint is left empty: another issuer was given
	// without one, and its metadata (Maskinporten's discovery document)
	// names it when the first token is fetched.
	if s.TokenEndpoint == "" {
		if _, err := checkEndpoint(s.Audience); err != nil {
			diags.AddAttributeError(path.Root("audience"), "Invalid audience",
				fmt.Sprintf("audience (or %s) %q: %s; the token endpoint is found from it when token_endpoint (or %s) "+
					"is not set.", envAudience, s.Audience, err, envTokenEndpoint))
		}
	}

	if normalized, err := checkEndpoint(s.BaseURL); err != nil {
		diags.AddAttributeError(path.Root("base_url"), "Invalid base_url",
			fmt.Sprintf("base_url (or %s) %q: %s.", envBaseURL, s.BaseURL, err))
	} else if s.BaseURL, err = portal.NormalizeBaseURL(normalized); err != nil {
		diags.AddAttributeError(path.Root("base_url"), "Invalid base_url",
			fmt.Sprintf("base_url (or %s) %q: %s.", envBaseURL, normalized, err))
	}
	if _, err := checkEndpoint(s.TokenEndpoint); s.TokenEndpoint != "" && err != nil {
		diags.AddAttributeError(path.Root("token_endpoint"), "Invalid token_endpoint",
			fmt.Sprintf("token_endpoint (or %s) %q: %s.", envTokenEndpoint, s.TokenEndpoint, err))
	}

	s.Scopes = scopesSetting(m.Scopes, getenv(envScopes))
	if !m.MaxRetries.IsNull() {
		s.MaxRetries = int(m.MaxRetries.ValueInt64())
	}
	if !m.RequestTimeout.IsNull() {
		// The schema validator has already parsed it.
		s.RequestTimeout, _ = time.ParseDuration(m.RequestTimeout.ValueString())
	}

	s.Credentials = resolveCredentials(m, getenv, &diags)
	return s, diags
}

// rejectUnknown refuses values that are only known after apply: the provider
// must be configured before anything is planned.
func rejectUnknown(m providerModel, diags *diag.Diagnostics) {
	attrs := map[string]struct {
		unknown bool
		env     string
	}{
		"environment":                 {m.Environment.IsUnknown(), envEnvironment},
		"base_url":                    {m.BaseURL.IsUnknown(), envBaseURL},
		"token_endpoint":              {m.TokenEndpoint.IsUnknown(), envTokenEndpoint},
		"audience":                    {m.Audience.IsUnknown(), envAudience},
		"access_token":                {m.AccessToken.IsUnknown(), envAccessToken},
		"client_id":                   {m.ClientID.IsUnknown(), envClientID},
		"key_id":                      {m.KeyID.IsUnknown(), envKeyID},
		"private_key":                 {m.PrivateKey.IsUnknown(), envPrivateKey},
		"certificate_file":            {m.CertificateFile.IsUnknown(), envCertificateFile},
		"certificate_password":        {m.CertificatePassword.IsUnknown(), envCertificatePassword},
		"certificate_pem":             {m.CertificatePEM.IsUnknown(), envCertificatePEM},
		"certificate_private_key_pem": {m.CertificateKeyPEM.IsUnknown(), envCertificateKeyPEM},
		"scopes":                      {m.Scopes.IsUnknown(), envScopes},
		"max_retries":                 {m.MaxRetries.IsUnknown(), ""},
		"request_timeout":             {m.RequestTimeout.IsUnknown(), ""},
		"max_requests_per_second":     {m.MaxRequestsPerSecond.IsUnknown(), ""},
	}
	names := make([]string, 0, len(attrs))
	for name := range attrs {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		a := attrs[name]
		if !a.unknown {
			continue
		}
		hint := "Set it to a value known before apply."
		if a.env != "" {
			hint = fmt.Sprintf("Set it to a value known before apply, or leave it out and set the %s environment variable.", a.env)
		}
		diags.AddAttributeError(path.Root(name), "Unknown provider configuration value",
			fmt.Sprintf("The provider cannot be configured while %s is unknown (it depends on a value computed during apply). %s", name, hint))
	}
}

// firstSet returns the configured value, else the environment's, else the
// default.
func firstSet(attr types.String, fromEnv, fallback string) string {
	if v := attr.ValueString(); v != "" {
		return v
	}
	if fromEnv != "" {
		return fromEnv
	}
	return fallback
}

func scopesSetting(attr types.Set, fromEnv string) []string {
	if !attr.IsNull() {
		var out []string
		for _, e := range attr.Elements() {
			if s, ok := e.(types.String); ok && s.ValueString() != "" {
				out = append(out, s.ValueString())
			}
		}
		sort.Strings(out)
		return out
	}
	if f := strings.Fields(fromEnv); len(f) > 0 {
		return f
	}
	return append([]string(nil), portal.DefaultScopes...)
}

// checkEndpoint refuses anything but HTTPS, except on loopback where the
// fake portal and local proxies live: a token sent over plain HTTP to a
// real host could be read by anyone on the path.
func checkEndpoint(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw, fmt.Errorf("not an absolute URL")
	}
	switch u.Scheme {
	case "https":
		return raw, nil
	case "http":
		if portal.IsLoopbackHost(u.Hostname()) {
			return raw, nil
		}
		return raw, fmt.Errorf("must use https; plain http is allowed only for a loopback address (127.0.0.1, ::1, localhost)")
	default:
		return raw, fmt.Errorf("must be an https URL, not %q", u.Scheme)
	}
}

func environmentNames() []string {
	names := make([]string, 0, len(portal.Environments))
	for name := range portal.Environments {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

func defaultScopesText() string { return strings.Join(portal.DefaultScopes, " ") }
