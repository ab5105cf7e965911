package portal

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// maxRetryAfter caps how long a Retry-After header may make us wait: the
// header is honoured even beyond RetryWaitMax, but a server asking for an
// hour should not hang a Terraform run for an hour.
const maxRetryAfter = 2 * time.Minute

// retryPolicy returns go-retryablehttp's CheckRetry for one request method.
//
// GET, PUT and DELETE are idempotent in this API and are retried on
// connection errors, 429, and 5xx except 501. POST creates: once an answer
// came back the server may have acted, so it is not retried then (lesson
// 5), with one exception: 429 says the request was refused unprocessed (a
// rate limit), so it is retried after the wait the answer asks for. It is
// also retried when no connection could be made at all.
//
// A POST that the API defines as a whole replace (a client's key set) is
// idempotent and retried like a PUT.
func retryPolicy(method string, idempotent bool) retryablehttp.CheckRetry {
	return func(ctx context.Context, resp *http.Response, err error) (bool, error) {
		if ctx.Err() != nil {
			return false, ctx.Err()
		}
		if method == http.MethodPost && !idempotent {
			if resp != nil && resp.StatusCode == http.StatusTooManyRequests {
				return true, nil
			}
			return err != nil && isDialError(err), nil
		}
		return retryablehttp.DefaultRetryPolicy(ctx, resp, err)
	}
}

// isDialError reports whether err happened before the request could be sent:
// DNS failure, connection refused, dial timeout.
func isDialError(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	var dns *net.DNSError
	return errors.As(err, &dns)
}

// backoff is the wait before retry number attempt+1 (attempt counts from 0).
// A Retry-After header (seconds or HTTP date) wins, up to maxRetryAfter, even
// beyond max. Otherwise the wait grows exponentially from min, capped at max,
// with jitter in its upper half so that parallel Terraform workers that failed
// together do not come back together.
func backoff(min, max time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil {
		if d, ok := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			return d
		}
	}
	if max < min {
		max = min
	}
	exp := float64(min) * math.Pow(2, float64(attempt))
	d := max
	if exp < float64(max) {
		d = time.Duration(exp)
	}
	if d <= 0 {
		return 0
	}
	half := d / 2
	wait := half + time.Duration(rand.Int64N(int64(d-half)+1))
	if wait < min {
		wait = min
	}
	return wait
}

// parseRetryAfter reads a Retry-After value, delay-seconds or an HTTP date,
// as the wait it asks for, at most maxRetryAfter: both forms are capped here,
// the one place that reads the header, so that no caller can wait out a
// date a day ahead that the same server could have sent as 86400.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n < 0 {
			return 0, false
		}
		if n > int64(maxRetryAfter/time.Second) {
			return maxRetryAfter, true
		}
		return time.Duration(n) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	// t.Sub saturates rather than overflows for a date centuries ahead.
	return min(max(t.Sub(now), 0), maxRetryAfter), true
}
