package fakeportal

import (
	"math/rand/v2"
	"strings"
	"sync"
)

// Chaos makes a share of the API's requests fail at random, for tests that
// show a client converges on a network and an API that misbehave. The
// token endpoint and Maskinporten's metadata are left alone.
type Chaos struct {
	Rate float64 // the share of API requests that fail, 0 to 1
	Seed int64   // the random sequence; the same seed deals the same faults to the same order of requests
}

// chaosKinds are the faults chaos deals, in equal shares.
var chaosKinds = []struct {
	name  string
	fault Fault
}{
	{"429", Fault{Status: 429, RetryAfter: "0"}},
	{"503", Fault{Status: 503}},
	{"drop", Fault{Drop: true}},
	{"write then 502", Fault{Status: 502, AfterWrite: true}},
}

type chaos struct {
	mu    sync.Mutex
	rate  float64
	rng   *rand.Rand
	dealt map[string]int
}

// SetChaos starts dealing random faults; a zero Rate stops it.
func (f *Fake) SetChaos(c Chaos) {
	f.chaos.mu.Lock()
	defer f.chaos.mu.Unlock()
	f.chaos.rate = c.Rate
	f.chaos.rng = rand.New(rand.NewPCG(uint64(c.Seed), 0x6b7272))
	f.chaos.dealt = map[string]int{}
}

// ChaosFaults counts the faults chaos has dealt, by kind.
func (f *Fake) ChaosFaults() map[string]int {
	f.chaos.mu.Lock()
	defer f.chaos.mu.Unlock()
	out := make(map[string]int, len(f.chaos.dealt))
	for k, v := range f.chaos.dealt {
		out[k] = v
	}
	return out
}

// fault draws whether a request fails, and how.
func (c *chaos) fault(method, pattern string) *Fault {
	if !strings.HasPrefix(pattern, "/") || pattern == "/token" || strings.HasPrefix(pattern, "/.well-known") || pattern == "/jwk" {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.rate <= 0 || c.rng.Float64() >= c.rate {
		return nil
	}
	k := chaosKinds[c.rng.IntN(len(chaosKinds))]
	c.dealt[k.name]++
	fl := k.fault
	fl.Method, fl.Route = method, pattern
	return &fl
}
