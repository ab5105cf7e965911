package provider

import (
	"context"
	"fmt"

	"github.com/platform-iac/terraform-provider-krr/internal/pluginlog"
	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

// newProviderData builds the token source and the portal client from the
// resolved settings. No request is made here: the first token is fetched by
// the first call that needs one.
func newProviderData(_ context.Context, s settings, version string) (*framework.ProviderData, error) {
	userAgent := fmt.Sprintf("terraform-provider-krr/%s", version)
	// With the plugin libraries' logs off (nobody asked for them), the
	// portal client builds no log line at all: one per request, each
	// scrubbed of secrets, is work a large apply notices.
	var logger portal.Logger = tflogLogger{}
	if pluginlog.Quiet() {
		logger = nil
	}

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
	return &framework.ProviderData{Client: client, Environment: s.Environment, TokenEndpoint: s.TokenEndpoint,
		Audience: s.Audience, UserAgent: userAgent, RequestTimeout: s.RequestTimeout}, nil
}
