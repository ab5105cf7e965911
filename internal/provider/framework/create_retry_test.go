package framework

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
)

// fakeCreate is a portal that holds at most one object, and answers the
// create's POSTs and lookups from scripts: the n-th POST (lookup) answers
// the n-th error of posts (lookups), nil when the script has run out.
type fakeCreate struct {
	posts, lookups     []error
	writeOn            int // the failing POST of this number makes the object anyway (the 502 after the write)
	made               bool
	nPosts, nLookups   int
	postedWhileHolding bool // a POST went out while the object existed: made twice
}

func (f *fakeCreate) steps() CreateSteps[string] {
	return CreateSteps[string]{
		Post: func(context.Context) (*string, error) {
			f.nPosts++
			if f.made {
				f.postedWhileHolding = true
				return nil, &portal.APIError{Method: "POST", Path: "/x", StatusCode: http.StatusConflict}
			}
			err := at(f.posts, f.nPosts)
			if err == nil || f.nPosts == f.writeOn {
				f.made = true
			}
			if err != nil {
				return nil, err
			}
			s := "made"
			return &s, nil
		},
		Lookup: func(context.Context) (*string, error) {
			f.nLookups++
			if err := at(f.lookups, f.nLookups); err != nil {
				return nil, err
			}
			if !f.made {
				return nil, &portal.APIError{Method: "GET", Path: "/x", StatusCode: http.StatusNotFound}
			}
			s := "found"
			return &s, nil
		},
		Settle: func(_ context.Context, found *string) (*string, error) {
			s := "settled " + *found
			return &s, nil
		},
	}
}

func at(errs []error, n int) error {
	if n <= len(errs) {
		return errs[n-1]
	}
	return nil
}

func status(code int, retryAfter string) error {
	return &portal.APIError{Method: "POST", Path: "/x", StatusCode: code, RetryAfter: retryAfter}
}

func repeat(err error, n int) []error {
	out := make([]error, n)
	for i := range out {
		out[i] = err
	}
	return out
}

// noSleep records the waits instead of sleeping.
func noSleep(t *testing.T) *[]time.Duration {
	t.Helper()
	var waits []time.Duration
	saved := createSleep
	createSleep = func(_ context.Context, d time.Duration) error {
		waits = append(waits, d)
		return nil
	}
	t.Cleanup(func() { createSleep = saved })
	return &waits
}

var budget = portal.RetryBudget{MaxRetries: 5, WaitMin: time.Second, WaitMax: 30 * time.Second}

func TestCreateWithRetries(t *testing.T) {
	lost := status(503, "")
	dropped := &portal.TransportError{Method: "POST", Path: "/x", Host: "h", Err: errors.New("EOF")}
	cases := []struct {
		name           string
		f              fakeCreate
		want           string // the result, or the error's start
		posts, lookups int
		unknown        bool
	}{
		{"made at once", fakeCreate{}, "made", 1, 0, false},
		{"lost answer, made: adopted", fakeCreate{posts: []error{status(502, "")}, writeOn: 1}, "settled found", 1, 1, false},
		// Every try that the portal refused unprocessed is looked up, then
		// sent again, as often as an idempotent call is retried.
		{"five lost answers, then made", fakeCreate{posts: repeat(lost, 5)}, "made", 6, 5, false},
		{"dropped connections, then made", fakeCreate{posts: repeat(dropped, 3)}, "made", 4, 3, false},
		{"portal down for longer than the budget", fakeCreate{posts: repeat(lost, 99)}, "gave up after 6 attempts", 6, 6, false},
		// The last POST made it although it answered 502: the last lookup finds it.
		{"the last try made it", fakeCreate{posts: repeat(status(502, ""), 6), writeOn: 6}, "settled found", 6, 6, false},
		// No lookup can tell: no POST is sent again, and the outcome is unknown.
		{"lookups fail too", fakeCreate{posts: []error{lost}, lookups: repeat(lost, 99)}, "gave up after 1 attempt over", 1, 6, true},
		{"a lookup fails once, then says not there", fakeCreate{posts: []error{lost}, lookups: []error{lost}}, "made", 2, 2, false},
		{"409: settled", fakeCreate{made: true}, "settled found", 1, 1, false},
		{"400: final", fakeCreate{posts: []error{status(400, "")}}, "POST /x: 400", 1, 0, false},
		{"lookup 403: unknown", fakeCreate{posts: []error{lost}, lookups: []error{status(403, "")}}, "gave up after 1 attempt over", 1, 1, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			noSleep(t)
			f := c.f
			preMade := f.made
			got, err := CreateWithRetries(context.Background(), budget, f.steps())
			var s string
			if err != nil {
				s = err.Error()
			} else {
				s = *got
			}
			if !strings.HasPrefix(s, c.want) {
				t.Errorf("got %q, want %q…", s, c.want)
			}
			if f.nPosts != c.posts || f.nLookups != c.lookups {
				t.Errorf("%d POSTs and %d lookups, want %d and %d", f.nPosts, f.nLookups, c.posts, c.lookups)
			}
			if f.postedWhileHolding && !preMade {
				t.Error("a POST went out after the portal had made the object")
			}
			if CreateOutcomeUnknown(err) != c.unknown {
				t.Errorf("outcome unknown %v, want %v (%v)", CreateOutcomeUnknown(err), c.unknown, err)
			}
		})
	}
}

// The waits between tries are an idempotent call's: growing backoff within
// the budget's bounds, and a Retry-After in the answer wins.
func TestCreateWithRetriesWaits(t *testing.T) {
	waits := noSleep(t)
	f := fakeCreate{posts: []error{status(503, "7"), status(503, ""), status(503, ""), status(503, ""), status(503, ""), status(503, "")}}
	_, err := CreateWithRetries(context.Background(), budget, f.steps())
	if err == nil {
		t.Fatal("no error")
	}
	if len(*waits) != budget.MaxRetries+1 {
		t.Fatalf("%d waits, want %d: %v", len(*waits), budget.MaxRetries+1, *waits)
	}
	if (*waits)[0] != 7*time.Second {
		t.Errorf("first wait %v, want the Retry-After of 7s", (*waits)[0])
	}
	for i, w := range (*waits)[1:] {
		lo := min(budget.WaitMin<<(i+1), budget.WaitMax) / 2
		hi := min(budget.WaitMin<<(i+1), budget.WaitMax)
		if w < lo || w > hi {
			t.Errorf("wait %d: %v, want between %v and %v", i+1, w, lo, hi)
		}
	}
}
