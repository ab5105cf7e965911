package portal

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// A 429 says the request was refused unprocessed: any request, a POST
// too, is sent again after the wait the answer asks for, and made once.
func TestRetry429HonoursRetryAfter(t *testing.T) {
	for name, call := range map[string]struct {
		answer any
		send   func(c *Client) error
	}{
		"GET": {[]Scope{{Name: "digdir:a"}}, func(c *Client) error {
			got, err := c.ListScopes(context.Background(), false)
			if err == nil && len(got) != 1 {
				err = fmt.Errorf("ListScopes = %v", got)
			}
			return err
		}},
		"POST": {Integration{ClientID: "x", ClientName: "n"}, func(c *Client) error {
			in, err := c.CreateIntegration(context.Background(), Integration{ClientID: "x", ClientName: "n"})
			if err == nil && in.ClientID != "x" {
				err = fmt.Errorf("CreateIntegration = %+v", in)
			}
			return err
		}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var n atomic.Int32
			c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
				if n.Add(1) == 1 {
					w.Header().Set("Retry-After", "1")
					portalError(w, http.StatusTooManyRequests, "slow down")
					return
				}
				writeJSON(w, 200, call.answer)
			})
			start := time.Now()
			err := call.send(c)
			elapsed := time.Since(start)
			if err != nil {
				t.Fatal(err)
			}
			if n.Load() != 2 {
				t.Errorf("requests = %d, want 2", n.Load())
			}
			// RetryWaitMax is 5ms: only Retry-After explains a wait of a second.
			if elapsed < 900*time.Millisecond {
				t.Errorf("waited %v; Retry-After: 1 was not honoured", elapsed)
			}
		})
	}
}

func TestRetry503ThenSuccess(t *testing.T) {
	var n atomic.Int32
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) <= 2 {
			portalError(w, http.StatusServiceUnavailable, "down")
			return
		}
		writeJSON(w, 200, Scope{Name: "digdir:a", Active: true})
	})
	s, err := c.UpdateScope(context.Background(), "digdir:a", Scope{Active: true})
	if err != nil || s.Name != "digdir:a" {
		t.Fatalf("UpdateScope = %v, %v", s, err)
	}
	if n.Load() != 3 {
		t.Errorf("requests = %d, want 3", n.Load())
	}
}

func TestRetryDroppedConnectionOnGet(t *testing.T) {
	var n atomic.Int32
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err != nil {
				t.Error(err)
				return
			}
			conn.Close()
			return
		}
		writeJSON(w, 200, Integration{ClientID: "abc", Active: true})
	})
	got, err := c.GetIntegration(context.Background(), "abc")
	if err != nil || got.ClientID != "abc" {
		t.Fatalf("GetIntegration = %v, %v", got, err)
	}
	if n.Load() != 2 {
		t.Errorf("requests = %d, want 2", n.Load())
	}
}

func TestPostNotRetriedAfterAnswer(t *testing.T) {
	for _, status := range []int{http.StatusBadGateway, http.StatusServiceUnavailable} {
		var n atomic.Int32
		c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
			n.Add(1)
			portalError(w, status, "gateway trouble")
		})
		_, err := c.CreateIntegration(context.Background(), Integration{ClientID: "x", ClientName: "n"})
		var ae *APIError
		if !errors.As(err, &ae) || ae.StatusCode != status {
			t.Errorf("%d: err = %v, want the APIError", status, err)
		}
		if n.Load() != 1 {
			t.Errorf("%d: POST was sent %d times, want exactly 1", status, n.Load())
		}
	}
}

func TestPostNotRetriedAfterDroppedConnection(t *testing.T) {
	var n atomic.Int32
	c, srv := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		conn, _, _ := w.(http.Hijacker).Hijack()
		conn.Close()
	})
	_, err := c.CreateScope(context.Background(), Scope{Prefix: "digdir", Subscope: "a", Description: "d"})
	var te *TransportError
	if !errors.As(err, &te) {
		t.Fatalf("err = %v, want a TransportError", err)
	}
	if !strings.Contains(err.Error(), strings.TrimPrefix(srv.URL, "http://")) {
		t.Errorf("error %q does not name the host", err)
	}
	if n.Load() != 1 {
		t.Errorf("POST was sent %d times, want exactly 1 (the server may have acted)", n.Load())
	}
}

// dialFailOnce fails the first round trip as a dial error would, then passes on.
type dialFailOnce struct {
	base  http.RoundTripper
	calls atomic.Int32
}

func (d *dialFailOnce) RoundTrip(r *http.Request) (*http.Response, error) {
	if d.calls.Add(1) == 1 {
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connect: connection refused")}
	}
	return d.base.RoundTrip(r)
}

func TestPostRetriedWhenNoConnection(t *testing.T) {
	var n atomic.Int32
	tr := &dialFailOnce{base: http.DefaultTransport}
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		writeJSON(w, 200, Integration{ClientID: "x"})
	}, func(cfg *Config) { cfg.Transport = tr })
	if _, err := c.CreateIntegration(context.Background(), Integration{ClientID: "x"}); err != nil {
		t.Fatal(err)
	}
	if tr.calls.Load() != 2 || n.Load() != 1 {
		t.Errorf("attempts %d, server saw %d; want 2 and 1", tr.calls.Load(), n.Load())
	}
}

func Test501NotRetried(t *testing.T) {
	var n atomic.Int32
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		portalError(w, http.StatusNotImplemented, "not here")
	})
	_, err := c.ListPrefixes(context.Background())
	if !hasStatus(err, 501) || n.Load() != 1 {
		t.Errorf("err = %v after %d requests; want the 501 after 1", err, n.Load())
	}
}

func TestRetriesGiveUpWithLastAPIError(t *testing.T) {
	var n atomic.Int32
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		portalError(w, http.StatusBadGateway, "still down")
	}, func(cfg *Config) { cfg.MaxRetries = 2 })
	err := c.DeactivateIntegration(context.Background(), "abc")
	var ae *APIError
	if !errors.As(err, &ae) || ae.StatusCode != 502 || ae.Message != "still down" || ae.CorrelationID != "corr-502" {
		t.Fatalf("err = %#v", err)
	}
	if n.Load() != 3 {
		t.Errorf("requests = %d, want 1 + 2 retries", n.Load())
	}
}

func TestNoRetriesWhenNegative(t *testing.T) {
	var n atomic.Int32
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		portalError(w, http.StatusServiceUnavailable, "down")
	}, func(cfg *Config) { cfg.MaxRetries = -1 })
	if _, err := c.ListScopes(context.Background(), true); !hasStatus(err, 503) {
		t.Fatal(err)
	}
	if n.Load() != 1 {
		t.Errorf("requests = %d, want 1", n.Load())
	}
}

func Test401NotRetried(t *testing.T) {
	var n atomic.Int32
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		portalError(w, http.StatusUnauthorized, "invalid token")
	})
	_, err := c.ListScopes(context.Background(), false)
	if !IsUnauthorized(err) || n.Load() != 1 {
		t.Errorf("err = %v after %d requests", err, n.Load())
	}
}

func TestBackoff(t *testing.T) {
	min, max := 100*time.Millisecond, time.Second
	for attempt := 0; attempt < 8; attempt++ {
		ceil := min << attempt
		if ceil > max {
			ceil = max
		}
		for i := 0; i < 50; i++ {
			d := backoff(min, max, attempt, nil)
			if d < min || d < ceil/2 || d > ceil {
				t.Fatalf("attempt %d: wait %v outside [%v, %v]", attempt, d, ceil/2, ceil)
			}
		}
	}
	resp := &http.Response{StatusCode: 429, Header: http.Header{"Retry-After": {"7"}}}
	if d := backoff(min, max, 0, resp); d != 7*time.Second {
		t.Errorf("Retry-After 7 gave %v", d)
	}
	resp.Header.Set("Retry-After", "86400")
	if d := backoff(min, max, 0, resp); d != maxRetryAfter {
		t.Errorf("a day of Retry-After gave %v, want the cap %v", d, maxRetryAfter)
	}
	resp.Header.Set("Retry-After", time.Now().Add(3*time.Second).UTC().Format(http.TimeFormat))
	if d := backoff(min, max, 0, resp); d < 1*time.Second || d > 3*time.Second {
		t.Errorf("Retry-After as a date gave %v", d)
	}
	resp.Header.Set("Retry-After", "soon")
	if d := backoff(min, max, 0, resp); d < min/2 || d > min {
		t.Errorf("a bad Retry-After gave %v", d)
	}
}

func TestRateLimit(t *testing.T) {
	var n atomic.Int32
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		writeJSON(w, 200, []Prefix{})
	}, func(cfg *Config) { cfg.RequestsPerSecond = 20 })
	list := func(count int) time.Duration {
		start := time.Now()
		for range count {
			if _, err := c.ListPrefixes(context.Background()); err != nil {
				t.Fatal(err)
			}
		}
		return time.Since(start)
	}
	// A burst of one second's worth goes out at once: the first reads of a
	// plan do not queue.
	if e := list(20); e > 400*time.Millisecond {
		t.Errorf("a burst of 20 requests at 20/s took %v", e)
	}
	// Beyond it, 50 ms apart: ten more take at least 450 ms.
	if e := list(10); e < 440*time.Millisecond {
		t.Errorf("10 requests after the burst at 20/s took %v", e)
	}
}

func TestRateLimitHonoursContext(t *testing.T) {
	rl := newRateLimiter(0.1)
	if err := rl.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if err := rl.Wait(ctx); err == nil {
		t.Error("a wait longer than the context's deadline did not fail")
	}
}
