package portal

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// RetryBudget is how often and how long the Client retries an idempotent
// call: MaxRetries more tries after the first, with the backoff of
// backoff() between them (a Retry-After in the answer wins, capped). A
// caller that retries a whole operation itself, such as a create that
// looks the object up before each new POST, uses the same budget, so that
// every write of a run gives up after the same effort.
type RetryBudget struct {
	MaxRetries       int
	WaitMin, WaitMax time.Duration
}

// RetryBudget is the Client's budget (max_retries and the backoff bounds).
func (c *Client) RetryBudget() RetryBudget {
	return RetryBudget{MaxRetries: c.maxRetries, WaitMin: c.waitMin, WaitMax: c.waitMax}
}

// Wait is the wait before try attempt+1 (attempt counts from 0) after a try
// that failed with err: the Retry-After of err's answer when it has one,
// else the exponential backoff with jitter, as between a GET's tries.
func (b RetryBudget) Wait(attempt int, err error) time.Duration {
	var resp *http.Response
	var ae *APIError
	if errors.As(err, &ae) && ae.RetryAfter != "" {
		resp = &http.Response{Header: http.Header{"Retry-After": {ae.RetryAfter}}}
	}
	return backoff(b.WaitMin, b.WaitMax, attempt, resp)
}

// Sleep waits d between two tries, or until ctx ends (its error then): the
// wait of every retry loop, the API's, the token endpoint's and a caller's
// own.
func Sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
