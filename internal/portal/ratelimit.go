package portal

import (
	"math"

	"golang.org/x/time/rate"
)

// newRateLimiter limits a client's requests to rps per second across all
// its goroutines, with a burst of one second's worth: nothing says what rate
// limit the API has (lesson 10), and a user may keep a large plan from
// spraying requests, while the burst lets the first reads of a plan go out
// at once. It returns nil (no limit) for rps <= 0.
func newRateLimiter(rps float64) *rate.Limiter {
	if rps <= 0 {
		return nil
	}
	return rate.NewLimiter(rate.Limit(rps), max(1, int(math.Ceil(rps))))
}
