package portal

import (
	"context"
	"errors"
	"strings"
)

// TokenSource gives the bearer token for a request. Implementations cache:
// Token is called before every attempt.
type TokenSource interface {
	Token(ctx context.Context) (string, error)
}

// tokenRejecter is a TokenSource that can drop a token the portal refused,
// so that its next Token fetches a new one.
type tokenRejecter interface {
	Reject(token string)
}

// NewStaticTokenSource returns a source that always gives token, e.g. one
// fetched by a pipeline beforehand. It is never refreshed.
func NewStaticTokenSource(token string) TokenSource {
	return staticTokenSource(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(token), "Bearer ")))
}

type staticTokenSource string

func (s staticTokenSource) Token(context.Context) (string, error) {
	if s == "" {
		return "", errors.New("the configured access token is empty")
	}
	return string(s), nil
}
