package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
)

// providerData is what Configure hands to every resource and data source.
type providerData struct {
	Client      *portal.Client
	Environment string
	// Where tokens for other clients are asked for (krr_maskinporten_token).
	TokenEndpoint  string
	Audience       string
	UserAgent      string
	RequestTimeout time.Duration

	prefixes    prefixCache
	allPrefixes prefixDirectory
	facts       scopeFactsCache
	planned     plannedScopes
	// grantManagers: which resources manage each scope's grants in this plan.
	grantManagers grantManagers
}

// newProviderData builds the token source and the portal client from the
// resolved settings. No request is made here: the first token is fetched by
// the first call that needs one.
func newProviderData(_ context.Context, s settings, version string) (*providerData, error) {
	userAgent := fmt.Sprintf("terraform-provider-krr/%s", version)
	logger := tflogLogger{}

	var tokens portal.TokenSource
	switch s.Credentials.Kind {
	case credentialsStaticToken:
		tokens = portal.NewStaticTokenSource(s.Credentials.AccessToken)
	case credentialsKey, credentialsCertificate:
		cfg := portal.GrantConfig{
			TokenEndpoint: s.TokenEndpoint,
			Audience:      s.Audience,
			ClientID:      s.Credentials.ClientID,
			Scopes:        s.Scopes,
			PrivateKey:    s.Credentials.PrivateKey,
			UserAgent:     userAgent,
			Logger:        logger,
		}
		if s.Credentials.Kind == credentialsKey {
			cfg.KeyID = s.Credentials.KeyID
		} else {
			cfg.Certificates = s.Credentials.Certificates
		}
		var err error
		if tokens, err = portal.NewGrantTokenSource(cfg); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("no credentials were resolved")
	}

	maxRetries := s.MaxRetries
	if maxRetries == 0 {
		maxRetries = -1 // the portal package reads 0 as "default"
	}
	client, err := portal.New(portal.Config{
		BaseURL:           s.BaseURL,
		Tokens:            tokens,
		UserAgent:         userAgent,
		MaxRetries:        maxRetries,
		RequestTimeout:    s.RequestTimeout,
		RequestsPerSecond: s.RequestsPerSecond,
		Logger:            logger,
		// A provider process lives for one plan or one apply: reads of
		// scopes, grants and clients share one list per kind, and see the
		// process's own writes.
		ShareReads: true,
	})
	if err != nil {
		return nil, err
	}
	return &providerData{Client: client, Environment: s.Environment, TokenEndpoint: s.TokenEndpoint,
		Audience: s.Audience, UserAgent: userAgent, RequestTimeout: s.RequestTimeout}, nil
}

// dataFromConfigure unpacks ProviderData for resources and data sources. It
// is nil during validation, before the provider is configured.
func dataFromConfigure(raw any, diags *diag.Diagnostics) *providerData {
	if raw == nil {
		return nil
	}
	data, ok := raw.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider; please report it.", raw))
		return nil
	}
	return data
}

// configuredDataSource and configuredResource are embedded in every data
// source and resource: they hold the provider data and implement Configure.
type configuredDataSource struct {
	data *providerData
}

func (d *configuredDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = dataFromConfigure(req.ProviderData, &resp.Diagnostics)
}

type configuredResource struct {
	data *providerData
}

func (r *configuredResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = dataFromConfigure(req.ProviderData, &resp.Diagnostics)
}
