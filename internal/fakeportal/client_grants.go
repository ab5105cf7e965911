package fakeportal

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/go-jose/go-jose/v4/jwt"
)

// verifyClientGrant checks a grant from a client made through the API (a
// Maskinporten or KRR client with keys; any other kind is refused once its
// signature is verified): signed with one of its keys, named
// by kid, for scopes it carries and may use. A client or key newer than
// Options.CredentialDelay is not known yet.
func (f *Fake) verifyClientGrant(tok *jwt.JSONWebToken, clientID string) (*verifiedGrant, error) {
	kid := tok.Headers[0].KeyID
	f.mu.Lock()
	cl, ok := f.state.Clients[clientID]
	var client Client
	var key *JWK
	if ok {
		client = *cl
		client.Scopes = slices.Clone(cl.Scopes)
		if set := f.state.JWKS[clientID]; set != nil {
			for _, k := range set.Keys {
				if k.Kid == kid {
					k := k
					key = &k
				}
			}
		}
	}
	f.mu.Unlock()
	now := f.now()
	switch {
	case !ok || !client.Active || !f.known(client.Created, now):
		return nil, invalidGrant(clientAuthFailed)
	case kid == "":
		return nil, invalidGrant("the assertion's header must have the kid of one of the client's keys")
	case key == nil || !f.known(key.Created, now):
		return nil, invalidGrant(clientAuthFailed)
	}
	pub, err := rsaPublicKey(key.N, key.E)
	if err != nil {
		return nil, invalidGrant(clientAuthFailed)
	}
	var claims grantClaims
	if err := tok.Claims(pub, &claims); err != nil {
		return nil, invalidGrant(clientAuthFailed)
	}
	// Only a grant its own key signed learns what kind of client it names:
	// a login client (or any that is no Maskinporten or KRR client) never
	// gets a token, and the words say so, so that nobody waits for one.
	if !machineIntegration(client.IntegrationType) {
		return nil, refusedGrant(notMachineClientReason(&client))
	}
	requested, err := f.checkGrantClaims(&claims)
	if err != nil {
		return nil, err
	}
	f.mu.Lock()
	for _, s := range requested {
		if !slices.Contains(client.Scopes, s) || f.scopeUnusable(s, client.ClientOrgno, client.IntegrationType) != "" {
			f.mu.Unlock()
			return nil, &oauthError{Status: http.StatusBadRequest, Code: "invalid_scope",
				Desc: fmt.Sprintf("Token request contains invalid scopes for client: %s", s)}
		}
	}
	f.mu.Unlock()
	if err := f.useJTI(clientID, &claims); err != nil {
		return nil, err
	}
	return &verifiedGrant{orgno: client.ClientOrgno, clientID: clientID, scope: strings.Join(requested, " ")}, nil
}

// known tells whether something created at the timestamp is known to the
// token endpoint by now.
func (f *Fake) known(created string, now time.Time) bool {
	if f.opts.CredentialDelay <= 0 {
		return true
	}
	t, err := parseTimestamp(created)
	return err == nil && !now.Before(t.Add(f.opts.CredentialDelay))
}

// countGrant counts a grant by the client it names.
func (f *Fake) countGrant(clientID string) {
	f.faultMu.Lock()
	defer f.faultMu.Unlock()
	if f.grants == nil {
		f.grants = map[string]int{}
	}
	f.grants[clientID]++
}

// GrantsFrom counts the grants the token endpoint received that name
// clientID as their issuer, good or not.
func (f *Fake) GrantsFrom(clientID string) int {
	f.faultMu.Lock()
	defer f.faultMu.Unlock()
	return f.grants[clientID]
}
