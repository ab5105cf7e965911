package portal

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// Client speaks the portal's self-service API for one organisation (the one
// its tokens act for). It is safe for concurrent use.
type Client struct {
	base       string // normalised, ends in /api/v1
	host       string
	tokens     TokenSource
	userAgent  string
	maxRetries int
	waitMin    time.Duration
	waitMax    time.Duration
	httpClient *http.Client
	log        Logger // never nil; scrubs secrets
	hasLogger  bool
	shared     *sharedReads // nil unless Config.ShareReads
	ownGrants  ownGrantWrites
}

// New returns a Client for cfg.
func New(cfg Config) (*Client, error) {
	base, err := NormalizeBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	u, _ := url.Parse(base)
	cfg = cfg.withDefaults()
	c := &Client{
		base:       base,
		host:       u.Host,
		tokens:     cfg.Tokens,
		userAgent:  cfg.UserAgent,
		maxRetries: cfg.MaxRetries,
		waitMin:    cfg.RetryWaitMin,
		waitMax:    cfg.RetryWaitMax,
		log:        nopLogger{},
	}
	if cfg.ShareReads {
		c.shared = &sharedReads{}
	}
	if cfg.Logger != nil {
		c.log = safeLogger{cfg.Logger}
		c.hasLogger = true
	}
	// The transport is fixed here, once, on the http.Client that
	// go-retryablehttp will use; nothing wraps it afterwards (lesson 6: a
	// transport set after StandardClient() silently loses the retries).
	c.httpClient = &http.Client{
		Transport: &attemptTransport{
			base:    cfg.Transport,
			limiter: newRateLimiter(cfg.RequestsPerSecond),
			timeout: cfg.RequestTimeout,
		},
		// The API never redirects; a redirect means a wrong base URL or a
		// login page, and following it would turn a POST into a GET.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return c, nil
}

// BaseURL is the normalised base, ending in /api/v1.
func (c *Client) BaseURL() string { return c.base }

// request is one API call.
type request struct {
	method string
	path   string // relative to the base, path segments already escaped
	query  url.Values
	body   any  // sent as JSON when non-nil
	open   bool // an open endpoint (§7, /scopes/all): no token
	// hint404 is added to the error of a 404 answer.
	hint404 string
	// allowEmpty: a 2xx with an empty body is fine (out stays as it was).
	allowEmpty bool
	// idempotent: a POST that replaces a whole document, safe to repeat.
	idempotent bool
	// tokenRenewed: the request is being sent again with a new token
	// after the portal refused the first (401); a second 401 is final.
	tokenRenewed bool
}

// errNoTokens is returned for a call that needs a token when none is configured.
var errNoTokens = errors.New("this call needs an access token, but no token source is configured")

// do performs r and decodes a 2xx JSON answer into out (when out is non-nil).
func (c *Client) do(ctx context.Context, r request, out any) error {
	if ctx == nil {
		ctx = context.Background()
	}
	u := c.base + r.path
	if len(r.query) > 0 {
		// Encode escapes ':' and '/' in scope names (portal-api.md §3).
		u += "?" + r.query.Encode()
	}
	var body any
	if r.body != nil {
		b, err := json.Marshal(r.body)
		if err != nil {
			return fmt.Errorf("%s %s: encoding the request: %w", r.method, r.path, err)
		}
		body = b
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, r.method, u, body)
	if err != nil {
		return fmt.Errorf("%s %s: %w", r.method, r.path, err)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.userAgent)
	if r.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if !r.open {
		if err := c.authorize(ctx, req.Request); err != nil {
			return fmt.Errorf("%s %s: %w", r.method, r.path, err)
		}
	}

	var (
		attempt       int
		attempts      int
		correlationID string
		tokenErr      error
	)
	rc := &retryablehttp.Client{
		HTTPClient:   c.httpClient,
		RetryWaitMin: c.waitMin,
		RetryWaitMax: c.waitMax,
		RetryMax:     c.maxRetries,
		CheckRetry:   retryPolicy(r.method, r.idempotent),
		RequestLogHook: func(_ retryablehttp.Logger, _ *http.Request, i int) {
			attempt = i + 1
		},
		ResponseLogHook: func(_ retryablehttp.Logger, resp *http.Response) {
			correlationID = ""
			if resp.StatusCode >= 400 {
				correlationID = peekCorrelationID(resp)
			}
			fields := map[string]any{"method": r.method, "path": r.path, "status": resp.StatusCode, "attempt": attempt}
			if correlationID != "" {
				fields["correlation_id"] = correlationID
			}
			c.log.Debug(ctx, "portal: response", fields)
		},
		Backoff: func(min, max time.Duration, n int, resp *http.Response) time.Duration {
			wait := backoff(min, max, n, resp)
			fields := map[string]any{"method": r.method, "path": r.path, "attempt": attempt, "wait": wait.String()}
			if resp != nil {
				fields["status"] = resp.StatusCode
				if correlationID != "" {
					fields["correlation_id"] = correlationID
				}
			}
			c.log.Warn(ctx, "portal: retrying request", fields)
			return wait
		},
		PrepareRetry: func(hr *http.Request) error {
			if r.open {
				return nil
			}
			// A fresh token for every attempt: retries can outlast a token
			// that was close to expiry. The source caches, so this is cheap.
			if err := c.authorize(ctx, hr); err != nil {
				tokenErr = err
				return err
			}
			return nil
		},
		ErrorHandler: func(resp *http.Response, err error, n int) (*http.Response, error) {
			// Out of retries: hand back the last answer so that it becomes
			// an APIError with the portal's message; or the transport error.
			attempts = n
			if resp == nil || tokenErr != nil || ctx.Err() != nil {
				if resp != nil {
					resp.Body.Close()
				}
				return nil, err
			}
			return resp, nil
		},
	}
	if c.hasLogger {
		rc.Logger = leveledLogger{ctx: ctx, l: c.log}
	}

	resp, err := rc.Do(req)
	if err == nil && resp == nil {
		err = errors.New("no answer")
	}
	if ctx.Err() != nil {
		if resp != nil {
			resp.Body.Close()
		}
		return fmt.Errorf("%s %s: %w", r.method, r.path, ctx.Err())
	}
	if tokenErr != nil {
		if resp != nil {
			resp.Body.Close()
		}
		return fmt.Errorf("%s %s: %w", r.method, r.path, tokenErr)
	}
	if err != nil {
		if attempts == 0 {
			attempts = attempt
		}
		return &TransportError{Method: r.method, Path: r.path, Host: c.host, Attempts: attempts, Err: err}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBody))
	if err != nil {
		return &TransportError{Method: r.method, Path: r.path, Host: c.host, Attempts: attempt, Err: fmt.Errorf("reading the answer: %w", err)}
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		ae := newAPIError(r.method, r.path, resp.StatusCode, resp.Header, data)
		ae.Attempts = max(attempts, attempt)
		if ae.StatusCode == http.StatusUnauthorized && !r.open && !r.tokenRenewed && c.rejectToken(resp.Request) {
			// The token expired or was revoked before its time: one new
			// token and one more try. (A 401 means the request was not
			// carried out, so even a POST may be sent again.)
			r.tokenRenewed = true
			return c.do(ctx, r, out)
		}
		if ae.StatusCode == http.StatusForbidden && !r.open {
			ae.Caller = callerOf(resp.Request)
		}
		switch {
		case resp.StatusCode == http.StatusNotFound && r.hint404 != "":
			ae.Hint = r.hint404
		case resp.StatusCode >= 300 && resp.StatusCode < 400:
			ae.Hint = fmt.Sprintf("the API does not redirect (to %q); check the base URL", resp.Header.Get("Location"))
		case resp.StatusCode == http.StatusNotFound && !isJSON(resp.Header.Get("Content-Type"), data):
			ae.Hint = "the answer is not the portal's; check the base URL (" + c.base + ")"
		}
		return ae
	}
	if out == nil {
		return nil
	}
	if len(bytes.TrimSpace(data)) == 0 {
		if r.allowEmpty {
			return nil
		}
		return fmt.Errorf("%s %s: the portal answered %d with an empty body where an object was expected", r.method, r.path, resp.StatusCode)
	}
	ct := resp.Header.Get("Content-Type")
	if mt, _, _ := mime.ParseMediaType(ct); ct != "" && mt != "application/json" && !strings.HasSuffix(mt, "+json") {
		return fmt.Errorf("%s %s: the server answered %d with %s, not JSON: %q; check the base URL (%s)", r.method, r.path, resp.StatusCode, ct, excerpt(data), c.base)
	}
	if err := json.Unmarshal(data, out); err != nil {
		// The body is not quoted: an answer may hold a client_secret.
		return fmt.Errorf("%s %s: could not read the portal's answer: %v", r.method, r.path, err)
	}
	return nil
}

// rejectToken tells the token source that the portal refused the token a
// request carried, so that the next call fetches a new one. It reports
// false for a source that cannot renew (a configured token).
func (c *Client) rejectToken(hr *http.Request) bool {
	r, ok := c.tokens.(tokenRejecter)
	if !ok {
		return false
	}
	tok, ok := bearerOf(hr)
	if !ok {
		return false
	}
	r.Reject(tok)
	return true
}

// bearerOf is the access token a request carried, if any.
func bearerOf(hr *http.Request) (string, bool) {
	if hr == nil {
		return "", false
	}
	return strings.CutPrefix(hr.Header.Get("Authorization"), "Bearer ")
}

// callerOf reads the organisation the request's access token acts for, ""
// when the token does not say (an opaque token).
func callerOf(hr *http.Request) string {
	tok, ok := bearerOf(hr)
	if !ok {
		return ""
	}
	orgno, err := OrgnoFromAccessToken(tok)
	if err != nil {
		return ""
	}
	return orgno
}

// authorize sets the bearer token on hr.
func (c *Client) authorize(ctx context.Context, hr *http.Request) error {
	if c.tokens == nil {
		return errNoTokens
	}
	tok, err := c.tokens.Token(ctx)
	if err != nil {
		return err
	}
	// A copy of the header map: the previous attempt's transport may still
	// hold the old one.
	hr.Header = hr.Header.Clone()
	hr.Header.Set("Authorization", "Bearer "+tok)
	return nil
}

// peekCorrelationID reads an error answer's body to find its correlation id
// for the log, and puts the body back for the caller.
func peekCorrelationID(resp *http.Response) string {
	orig := resp.Body
	data, err := io.ReadAll(io.LimitReader(orig, 1<<20))
	resp.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(data), orig), orig}
	if err != nil {
		return ""
	}
	var eb struct {
		CorrelationID string `json:"correlation_id"`
	}
	if json.Unmarshal(data, &eb) == nil && eb.CorrelationID != "" {
		return eb.CorrelationID
	}
	for _, h := range correlationHeaders {
		if v := resp.Header.Get(h); v != "" {
			return v
		}
	}
	return ""
}

// escape is one path segment, escaped.
func escape(s string) string { return url.PathEscape(s) }
