package framework

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
)

// CreateSteps are the calls of a create whose object can be looked up by a
// key the provider knows before the POST (a scope's name, a client id the
// provider chose). T is the portal's object.
type CreateSteps[T any] struct {
	// Post sends the create once.
	Post func(ctx context.Context) (*T, error)
	// Lookup reads the object under the create's key; an error for which
	// portal.IsNotFound holds says it is not there.
	Lookup func(ctx context.Context) (*T, error)
	// Settle decides about an object found under the key: the one asked
	// for is returned as made; a deactivated one is brought back; any
	// other is an error that says how to take it over.
	Settle func(ctx context.Context, found *T) (*T, error)
}

// CreateWithRetries creates an object exactly once, under the same retry
// budget as an idempotent call (portal.RetryBudget: max_retries tries more,
// the same backoff, Retry-After honoured), although a POST is never safe to
// send twice (lesson 5). The rule: a POST goes out only while the portal
// is known not to hold the object, so after an answer that was lost
// (AnswerLost: no answer, or a 5xx after which the work may have been
// done) the next try starts with a lookup:
//   - found: Settle decides (adopt, bring back, or refuse);
//   - not there: the POST is sent again;
//   - the lookup fails too: the outcome is still open, and the next try
//     looks up again.
//
// A 409 is looked up and settled at once. Any other error is final. When
// the budget is spent, the error is a *CreateGaveUp, which says how many
// POSTs were sent over how long, and whether the portal may have made the
// object (Unknown): then the caller keeps the object in state, so that
// nothing made is left out of it.
func CreateWithRetries[T any](ctx context.Context, budget portal.RetryBudget, steps CreateSteps[T]) (*T, error) {
	start := time.Now()
	posts := 0
	lookUp := false // the portal may hold the object: look before posting
	var last error
	for try := 0; ; try++ {
		if try > 0 {
			if try > budget.MaxRetries+1 {
				break
			}
			if err := createSleep(ctx, budget.Wait(try-1, last)); err != nil {
				return nil, &CreateGaveUp{Attempts: posts, Over: time.Since(start), Last: fmt.Errorf("%w (after %v)", err, last), Unknown: lookUp}
			}
		}
		if lookUp {
			found, err := steps.Lookup(ctx)
			switch {
			case err == nil:
				return steps.Settle(ctx, found)
			case portal.IsNotFound(err):
				lookUp = false
			case AnswerLost(err):
				continue // still open; look again after the next wait
			default:
				return nil, &CreateGaveUp{Attempts: posts, Over: time.Since(start), Last: err, Unknown: true}
			}
			if try > budget.MaxRetries {
				break // the last lookup after the last POST: not made
			}
		}
		posts++
		created, err := steps.Post(ctx)
		switch {
		case err == nil:
			return created, nil
		case portal.IsConflict(err):
			// The key is taken: an earlier try of this create, a
			// deactivated object, or someone else's.
			found, getErr := steps.Lookup(ctx)
			switch {
			case getErr == nil:
				return steps.Settle(ctx, found)
			case AnswerLost(getErr):
				last, lookUp = getErr, true
			case portal.IsNotFound(getErr):
				return nil, err
			default:
				return nil, getErr
			}
		case AnswerLost(err):
			last, lookUp = err, true
		default:
			return nil, err
		}
	}
	return nil, &CreateGaveUp{Attempts: posts, Over: time.Since(start), Last: last, Unknown: lookUp}
}

// createSleep waits d or until ctx ends; a variable for tests.
var createSleep = portal.Sleep

// CreateGaveUp is a create that spent its retry budget, or could not tell
// whether the portal made the object.
type CreateGaveUp struct {
	Attempts int           // POSTs sent
	Over     time.Duration // from the first POST to giving up
	Last     error         // the last failure
	// Unknown: the portal may or may not have made the object (the last
	// answer was lost and no lookup could tell).
	Unknown bool
}

func (e *CreateGaveUp) Error() string {
	s := fmt.Sprintf("gave up after %s over %s: %v", attempts(e.Attempts), e.Over.Round(100*time.Millisecond), e.Last)
	if e.Unknown {
		s += "; the portal may or may not have made it"
	}
	return s
}

func (e *CreateGaveUp) Unwrap() error { return e.Last }

// CreateOutcomeUnknown reports whether err is a create after which the
// portal may hold the object: the caller keeps it in state (Terraform
// marks it tainted; the next refresh finds it or drops it).
func CreateOutcomeUnknown(err error) bool {
	var gaveUp *CreateGaveUp
	return errors.As(err, &gaveUp) && gaveUp.Unknown
}

// AddCreateError adds a create's error: the portal's explanation, led by
// how long the provider tried when it gave up, and what became of the
// object when the portal may have made it; or Settle's verdict as it is.
func AddCreateError(diags *diag.Diagnostics, summary string, err error, environment string) {
	var gaveUp *CreateGaveUp
	var api *portal.APIError
	var transport *portal.TransportError
	var token *portal.TokenError
	switch {
	case errors.As(err, &gaveUp):
	case errors.As(err, &api), errors.As(err, &transport), errors.As(err, &token):
		AddPortalError(diags, summary, err, environment)
		return
	default:
		// The create's own verdict on what it found (someone else's
		// object under the key): it says what to do, and is no fault of
		// the connection.
		diags.AddError(summary, err.Error())
		return
	}
	detail := fmt.Sprintf("Gave up after %s over %s (max_retries sets how often the provider tries): %s",
		attempts(gaveUp.Attempts), gaveUp.Over.Round(100*time.Millisecond), ExplainPortalError(gaveUp.Last, environment))
	if gaveUp.Unknown {
		detail += "\n\nThe portal may or may not have made it. It is kept in state, marked tainted: the next " +
			"refresh finds it or drops it, and the next apply replaces it, so that nothing is made twice or left behind."
	}
	diags.AddError(summary, detail)
}

func attempts(n int) string {
	if n == 1 {
		return "1 attempt"
	}
	return fmt.Sprintf("%d attempts", n)
}
