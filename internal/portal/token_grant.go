package portal

import (
	"bytes"
	"context"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// GrantConfig configures the JWT bearer grant (RFC 7523) against
// Maskinporten's token endpoint (portal-api.md §2).
type GrantConfig struct {
	TokenEndpoint string
	// Audience is the Maskinporten issuer, trailing slash included. When
	// empty and TokenEndpoint is a known environment's, that one's is used.
	Audience string
	ClientID string // the admin client's client_id: the assertion's iss
	// Scopes to ask for; DefaultScopes when empty.
	Scopes []string
	// KeyID goes in the header as kid, naming a key registered on the client.
	KeyID      string
	PrivateKey *rsa.PrivateKey
	// Certificates, when set, go in the header as x5c (leaf first, base64
	// DER) instead of kid: the business certificate variant.
	Certificates []*x509.Certificate
	// HTTPClient for the token endpoint; default a plain client with a 30s timeout.
	HTTPClient *http.Client
	UserAgent  string
	Logger     Logger
	Now        func() time.Time
	// RefreshBefore: fetch a new token this long before the cached one
	// expires (default 60s; at most half the token's life).
	RefreshBefore time.Duration
}

// TokenError is a token endpoint's refusal of the grant (OAuth error answer),
// or an answer that is not a token at all.
type TokenError struct {
	Endpoint    string
	StatusCode  int
	Code        string // OAuth "error", e.g. invalid_grant; empty when the answer was no OAuth answer
	Description string // OAuth "error_description"
	ContentType string // of an answer that was not a token
	Excerpt     string // short, safe excerpt of such an answer

	// retryAfter is the answer's Retry-After, capped (retryAfterAsked:
	// it had one): the next attempt waits that long.
	retryAfter      time.Duration
	retryAfterAsked bool
}

func (e *TokenError) Error() string {
	if e.Code != "" {
		s := fmt.Sprintf("token endpoint %s refused the grant: %s", e.Endpoint, e.Code)
		if e.Description != "" {
			s += ": " + e.Description
		}
		return s
	}
	ct := e.ContentType
	if ct == "" {
		ct = "none"
	}
	s := fmt.Sprintf("token endpoint %s did not answer with a token (HTTP %d, content type %s)", e.Endpoint, e.StatusCode, ct)
	if e.Excerpt != "" {
		s += fmt.Sprintf(": %q", e.Excerpt)
	}
	return s + "; check token_endpoint"
}

const (
	jwtBearerGrantType  = "urn:ietf:params:oauth:grant-type:jwt-bearer"
	defaultRefreshEarly = 60 * time.Second
	// defaultTokenLife is assumed when an answer has no expires_in.
	defaultTokenLife = 120 * time.Second
	// tokenAttempts: the token endpoint is tried this often on connection
	// errors, 429 and 5xx, each time with a new assertion (a jti is single use).
	tokenAttempts  = 3
	tokenRetryWait = 500 * time.Millisecond
)

// Token is an access token as Maskinporten's token endpoint answers it.
type Token struct {
	AccessToken string
	ExpiresIn   time.Duration
	Scope       string // the scopes granted, space separated
}

// NewTokenRequest checks cfg once and returns a function that performs one
// JWT grant for cfg's client per call, retrying connection errors, 429 and
// 5xx, and caches nothing: a client's own token, fetched to prove that it
// works, maybe again while Maskinporten does not know the client yet. Each
// call signs a new assertion; calls must not overlap.
func NewTokenRequest(cfg GrantConfig) (func(context.Context) (Token, error), error) {
	s, err := newGrantTokenSource(cfg)
	if err != nil {
		return nil, err
	}
	return s.request, nil
}

// grantTokenSource fetches tokens with the JWT grant, caches them, and lets
// only one fetch run at a time however many goroutines ask.
type grantTokenSource struct {
	cfg       GrantConfig
	scope     string
	asserter  *asserter
	log       Logger
	retryWait time.Duration // tests shorten it
	// sleep waits between attempts; tests record the waits instead.
	sleep func(ctx context.Context, d time.Duration) error

	mu        sync.Mutex
	token     string
	refreshAt time.Time
	inflight  *tokenCall
}

// tokenCall is one fetch that concurrent callers wait for.
type tokenCall struct {
	done  chan struct{}
	token string
	err   error
}

// NewGrantTokenSource returns a TokenSource that gets its tokens with the JWT
// bearer grant and reuses each until shortly before it expires.
func NewGrantTokenSource(cfg GrantConfig) (TokenSource, error) {
	s, err := newGrantTokenSource(cfg)
	if err != nil {
		return nil, err
	}
	return s, nil
}

func newGrantTokenSource(cfg GrantConfig) (*grantTokenSource, error) {
	if endpoint := strings.TrimSpace(cfg.TokenEndpoint); endpoint != "" {
		u, err := url.Parse(endpoint)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return nil, fmt.Errorf("token endpoint %q is not an http(s) URL", cfg.TokenEndpoint)
		}
		cfg.TokenEndpoint = u.String()
	} else if cfg.Audience == "" {
		return nil, errors.New("the JWT grant needs a token endpoint, or an audience (the Maskinporten issuer) whose metadata names it")
	}
	if cfg.Audience == "" {
		for _, env := range Environments {
			if env.TokenEndpoint == cfg.TokenEndpoint {
				cfg.Audience = env.Audience
			}
		}
		if cfg.Audience == "" {
			return nil, errors.New("the JWT grant needs an audience (the Maskinporten issuer, e.g. https://test.maskinporten.no/)")
		}
	}
	if strings.TrimSpace(cfg.ClientID) == "" {
		return nil, errors.New("the JWT grant needs the client id of the admin client")
	}
	if len(cfg.Scopes) == 0 {
		cfg.Scopes = DefaultScopes
	}
	if cfg.RefreshBefore <= 0 {
		cfg.RefreshBefore = defaultRefreshEarly
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: defaultRequestTimeout}
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = defaultUserAgent
	}
	a, err := newAsserter(cfg)
	if err != nil {
		return nil, err
	}
	s := &grantTokenSource{
		cfg:       cfg,
		scope:     strings.Join(cfg.Scopes, " "),
		asserter:  a,
		log:       nopLogger{},
		retryWait: tokenRetryWait,
		sleep:     Sleep,
	}
	if cfg.Logger != nil {
		s.log = safeLogger{cfg.Logger}
	}
	return s, nil
}

// Token gives the cached token, or waits for the one fetch in flight, or
// starts it. The fetch runs apart from the callers' cancellation: one
// caller giving up must not fail the others waiting on the same fetch.
func (s *grantTokenSource) Token(ctx context.Context) (string, error) {
	s.mu.Lock()
	if s.token != "" && s.cfg.Now().Before(s.refreshAt) {
		t := s.token
		s.mu.Unlock()
		return t, nil
	}
	call := s.inflight
	if call == nil {
		call = &tokenCall{done: make(chan struct{})}
		s.inflight = call
		go s.fetch(context.WithoutCancel(ctx), call)
	}
	s.mu.Unlock()

	select {
	case <-call.done:
		return call.token, call.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// Reject drops token if it is the one cached: the portal refused it (it
// expired early, or was revoked), and the next Token fetches a new one. A
// token already replaced is left alone, so concurrent refusals of one
// token cause one fetch.
func (s *grantTokenSource) Reject(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.token == token {
		s.token = ""
	}
}

func (s *grantTokenSource) fetch(ctx context.Context, call *tokenCall) {
	issued := s.cfg.Now()
	t, err := s.request(ctx)
	tok, life := t.AccessToken, t.ExpiresIn
	s.mu.Lock()
	if err == nil {
		early := s.cfg.RefreshBefore
		if early > life/2 {
			early = life / 2
		}
		s.token = tok
		s.refreshAt = issued.Add(life - early)
	}
	s.inflight = nil
	s.mu.Unlock()
	call.token, call.err = tok, err
	close(call.done)
}

// tokenAnswer is the token endpoint's answer, a success or an OAuth error.
type tokenAnswer struct {
	AccessToken      string `json:"access_token"`
	TokenType        string `json:"token_type"`
	ExpiresIn        int64  `json:"expires_in"`
	Scope            string `json:"scope"`
	Error            string `json:"error"`
	ErrorDescription string `json:"error_description"`
}

// request performs the grant, retrying connection errors, 429 and 5xx.
// Without a token endpoint, it first finds it in the issuer's metadata;
// only one request runs at a time (fetch), so cfg needs no lock.
func (s *grantTokenSource) request(ctx context.Context) (Token, error) {
	if s.cfg.TokenEndpoint == "" {
		endpoint, err := discoverTokenEndpoint(ctx, s.cfg.HTTPClient, s.cfg.Audience)
		if err != nil {
			return Token{}, err
		}
		s.log.Debug(ctx, "portal: found the token endpoint in the issuer's metadata", map[string]any{"endpoint": endpoint})
		s.cfg.TokenEndpoint = endpoint
	}
	var (
		lastErr    error
		retryAfter time.Duration // what the last answer asked for, if anything
		asked      bool
	)
	for attempt := 1; attempt <= tokenAttempts; attempt++ {
		if attempt > 1 {
			// A 429 or 503 that says when to come back is waited out, as
			// the API's own retries do (capped by parseRetryAfter):
			// coming back sooner only spends an attempt.
			wait := s.retryWait << (attempt - 2)
			if asked {
				wait = retryAfter
			}
			s.log.Warn(ctx, "portal: retrying the token request", map[string]any{"endpoint": s.cfg.TokenEndpoint, "attempt": attempt, "wait": wait.String(), "error": lastErr})
			if err := s.sleep(ctx, wait); err != nil {
				return Token{}, err
			}
		}
		t, retry, err := s.attempt(ctx, attempt)
		if err == nil {
			return t, nil
		}
		lastErr = err
		retryAfter, asked = 0, false
		var te *TokenError
		if errors.As(err, &te) {
			retryAfter, asked = te.retryAfter, te.retryAfterAsked
		}
		if !retry || ctx.Err() != nil {
			break
		}
	}
	return Token{}, lastErr
}

// attempt is one POST to the token endpoint with a new assertion.
func (s *grantTokenSource) attempt(ctx context.Context, n int) (t Token, retry bool, err error) {
	assertion, err := s.asserter.assertion()
	if err != nil {
		return Token{}, false, err
	}
	form := url.Values{"grant_type": {jwtBearerGrantType}, "assertion": {assertion}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.cfg.TokenEndpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return Token{}, false, fmt.Errorf("token endpoint %s: %v", s.cfg.TokenEndpoint, err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", s.cfg.UserAgent)
	s.log.Debug(ctx, "portal: requesting an access token", map[string]any{
		"endpoint": s.cfg.TokenEndpoint, "client_id": s.cfg.ClientID, "scope": s.scope, "attempt": n,
	})

	resp, err := s.cfg.HTTPClient.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return Token{}, false, ctx.Err()
		}
		// The url.Error names the endpoint; the form (with the assertion) is not in it.
		return Token{}, true, fmt.Errorf("could not reach token endpoint %s: %w", s.cfg.TokenEndpoint, unwrapURLError(err))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return Token{}, true, fmt.Errorf("reading the answer of token endpoint %s: %w", s.cfg.TokenEndpoint, err)
	}
	ct := resp.Header.Get("Content-Type")
	mt, _, _ := mime.ParseMediaType(ct)
	var ans tokenAnswer
	jsonOK := (mt == "application/json" || strings.HasSuffix(mt, "+json") || mt == "") && json.Unmarshal(body, &ans) == nil
	retry = resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500
	after, asked := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())

	switch {
	case jsonOK && ans.Error != "":
		// Redacted: an endpoint may quote the assertion it refuses, and
		// this text goes to the user, to a pipeline's log and to progress
		// messages, none of which passes the logger's scrubber.
		return Token{}, retry, &TokenError{Endpoint: s.cfg.TokenEndpoint, StatusCode: resp.StatusCode,
			Code: redactSecrets(ans.Error), Description: redactSecrets(ans.ErrorDescription), retryAfter: after, retryAfterAsked: asked}
	case jsonOK && resp.StatusCode == http.StatusOK && ans.AccessToken != "":
		life := time.Duration(ans.ExpiresIn) * time.Second
		if life <= 0 {
			life = defaultTokenLife
		}
		s.log.Debug(ctx, "portal: got an access token", map[string]any{"endpoint": s.cfg.TokenEndpoint, "expires_in": ans.ExpiresIn, "scope": ans.Scope})
		return Token{AccessToken: ans.AccessToken, ExpiresIn: life, Scope: ans.Scope}, false, nil
	}
	te := &TokenError{Endpoint: s.cfg.TokenEndpoint, StatusCode: resp.StatusCode, ContentType: ct, retryAfter: after, retryAfterAsked: asked}
	if !jsonOK && len(bytes.TrimSpace(body)) > 0 {
		te.Excerpt = excerpt(body)
	}
	return Token{}, retry, te
}

// unwrapURLError drops net/http's `Post "<url>":` prefix, since the caller
// names the endpoint itself.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
