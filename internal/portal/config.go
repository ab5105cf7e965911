package portal

import (
	"net/http"
	"time"
)

// Config configures a Client. Zero values mean the defaults noted.
type Config struct {
	// BaseURL of the API, with or without "/api/v1" and a trailing slash.
	BaseURL string
	// Tokens gives the bearer token for every call but the open ones. It may
	// be nil for a client that only calls open endpoints.
	Tokens TokenSource
	// UserAgent, e.g. "terraform-provider-krr/1.2.3".
	UserAgent string
	// MaxRetries is how often a failed request is tried again: default 4 when
	// 0; negative means no retries.
	MaxRetries int
	// RetryWaitMin and RetryWaitMax bound the exponential backoff between
	// tries (defaults 1s and 30s). A Retry-After header is honoured even
	// beyond RetryWaitMax.
	RetryWaitMin time.Duration
	RetryWaitMax time.Duration
	// RequestTimeout bounds each attempt (default 30s).
	RequestTimeout time.Duration
	// RequestsPerSecond limits the client's request rate across goroutines;
	// 0 means no limit. Applied before every attempt, retries included.
	RequestsPerSecond float64
	// ShareReads serves single reads of scopes, grants and clients from one
	// list per kind (see shared_reads.go). For a client that lives as long
	// as one Terraform run: it sees its own writes, not other processes'.
	ShareReads bool
	// Logger gets diagnostics; nil means none.
	Logger Logger
	// Transport is the HTTP transport, for tests; default a clone of
	// http.DefaultTransport.
	Transport http.RoundTripper
}

const (
	defaultMaxRetries     = 4
	defaultRetryWaitMin   = 1 * time.Second
	defaultRetryWaitMax   = 30 * time.Second
	defaultRequestTimeout = 30 * time.Second
	defaultUserAgent      = "terraform-provider-krr (portal client)"
	// maxResponseBody bounds what is read of an answer; the largest real
	// answer (every client of an organisation) is far below it.
	maxResponseBody = 16 << 20
)

// withDefaults returns cfg with the zero values replaced by the defaults.
func (cfg Config) withDefaults() Config {
	switch {
	case cfg.MaxRetries == 0:
		cfg.MaxRetries = defaultMaxRetries
	case cfg.MaxRetries < 0:
		cfg.MaxRetries = 0
	}
	if cfg.RetryWaitMin <= 0 {
		cfg.RetryWaitMin = defaultRetryWaitMin
	}
	if cfg.RetryWaitMax <= 0 {
		cfg.RetryWaitMax = defaultRetryWaitMax
	}
	if cfg.RetryWaitMax < cfg.RetryWaitMin {
		cfg.RetryWaitMax = cfg.RetryWaitMin
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = defaultRequestTimeout
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = defaultUserAgent
	}
	if cfg.Transport == nil {
		if t, ok := http.DefaultTransport.(*http.Transport); ok {
			t = t.Clone()
			// A plan reads ahead, and krr_scope_consumers writes, many
			// requests at once to one host; with the default of two idle
			// connections per host, most of them would dial (and, against
			// the portal, shake hands over TLS) anew each time.
			t.MaxIdleConnsPerHost = idleConnsPerHost
			t.MaxIdleConns = 2 * idleConnsPerHost
			cfg.Transport = t
		} else {
			cfg.Transport = http.DefaultTransport
		}
	}
	return cfg
}

// idleConnsPerHost is how many connections to the portal stay open
// between requests: as many as the reads ahead in flight.
const idleConnsPerHost = readAheadWidth
