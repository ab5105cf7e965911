package fakeportal

import "sync"

// verifiedTokens remembers the claims of bearer tokens whose signature the
// fake has checked. A token's signature and claims are a function of its
// text and the fake's one signing key, so a token checked once needs no
// second RSA verification; its expiry and consumer are checked on every
// request all the same. A plan sends every request of a process with the
// same token, and the fake shares the benchmark's machine with Terraform
// and the provider: the verification was half the fake's work there.
type verifiedTokens struct {
	mu     sync.Mutex
	claims map[string]accessClaims
}

// maxVerifiedTokens bounds the memory: a long test run that makes many
// tokens starts again from an empty cache.
const maxVerifiedTokens = 1024

func (v *verifiedTokens) get(raw string) (accessClaims, bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	c, ok := v.claims[raw]
	return c, ok
}

func (v *verifiedTokens) put(raw string, c accessClaims) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.claims == nil || len(v.claims) >= maxVerifiedTokens {
		v.claims = map[string]accessClaims{}
	}
	v.claims[raw] = c
}
