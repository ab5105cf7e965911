package portal

import (
	"context"
	"io"
	"net/http"
	"time"

	"golang.org/x/time/rate"
)

// attemptTransport runs once per attempt, retries included: it waits for the
// rate limiter, then bounds the attempt by the per-attempt timeout. The wait
// is outside the timeout so that a busy limiter does not time requests out.
type attemptTransport struct {
	base    http.RoundTripper
	limiter *rate.Limiter // nil: no limit
	timeout time.Duration
}

func (t *attemptTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if t.limiter != nil {
		if err := t.limiter.Wait(req.Context()); err != nil {
			if req.Body != nil {
				_ = req.Body.Close()
			}
			return nil, err
		}
	}
	if t.timeout <= 0 {
		return t.base.RoundTrip(req)
	}
	ctx, cancel := context.WithTimeout(req.Context(), t.timeout)
	resp, err := t.base.RoundTrip(req.WithContext(ctx))
	if err != nil {
		cancel()
		return nil, err
	}
	// The timeout also covers reading the body; it ends when the body is closed.
	resp.Body = &cancelOnClose{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

type cancelOnClose struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (c *cancelOnClose) Close() error {
	err := c.ReadCloser.Close()
	c.cancel()
	return err
}
