package portal

import (
	"context"
	"sync"
	"time"
)

// rateLimiter spaces requests at least 1/rps apart across all goroutines of a
// client (a token bucket of size one). Nothing says what rate limit the API
// has (lesson 10); this lets a user keep a large plan from spraying requests.
type rateLimiter struct {
	mu       sync.Mutex
	interval time.Duration
	next     time.Time // earliest moment the next request may start
	now      func() time.Time
}

// newRateLimiter returns nil (no limit) for rps <= 0.
func newRateLimiter(rps float64) *rateLimiter {
	if rps <= 0 {
		return nil
	}
	return &rateLimiter{interval: time.Duration(float64(time.Second) / rps), now: time.Now}
}

// Wait blocks until this caller's turn or until ctx ends. A nil limiter never waits.
func (r *rateLimiter) Wait(ctx context.Context) error {
	if r == nil {
		return ctx.Err()
	}
	r.mu.Lock()
	now := r.now()
	slot := r.next
	if slot.Before(now) {
		slot = now
	}
	r.next = slot.Add(r.interval)
	r.mu.Unlock()

	d := slot.Sub(now)
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
