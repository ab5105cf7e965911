package fakeportal

import (
	"crypto/subtle"
	"fmt"
	"time"
)

// Client secrets (portal-api.md §12). The fake remembers each client's
// current secret, on the stored client but never in an answer but the one
// that made it, so that tests can check that what a user holds is what the
// portal holds:
//   - create with a client_secret_* method makes one, shown in the answer;
//   - POST /clients/{id}/secret makes a new one, shown once; the old one
//     stops working at once [fake's choice: the sources do not say whether
//     it keeps working for a while];
//   - POST /clients/{id}/secret on a client that uses no secret is 400 on
//     token_endpoint_auth_method [fake's choice: there is nothing to rotate];
//   - a PUT that changes the method away from client_secret_* removes the
//     secret (§12); one that changes it to client_secret_* from another
//     method makes one and shows it in the PUT answer, once [fake's choice:
//     otherwise the client could never authenticate until a rotation]; a PUT
//     between client_secret_basic and client_secret_post keeps it (only how
//     it is sent changes).
//
// A secret lives at most 360 days; after that it no longer works.

// secretLifetime is how long a secret works at most (§12).
const secretLifetime = 360 * 24 * time.Hour

// clientSecret is a client's current secret and when it was made.
type clientSecret struct {
	value   string
	created time.Time
}

// makeSecret gives cl a new secret, which replaces the old one at once, and
// returns it. Callers hold f.mu.
func (f *Fake) makeSecret(cl *Client) string {
	cl.secret = &clientSecret{value: newSecret(), created: f.now()}
	cl.secretsMade++
	return cl.secret.value
}

// syncSecret makes cl's secret fit its auth method after a create or a PUT:
// a client_secret_* client without one gets one, whose value is returned to
// be shown once; a client with another method loses its secret. It returns
// "" when no secret was made. Callers hold f.mu.
func (f *Fake) syncSecret(cl *Client) string {
	switch {
	case !secretAuthMethod(cl.TokenEndpointAuthMethod):
		cl.secret = nil
	case cl.secret == nil:
		return f.makeSecret(cl)
	}
	return ""
}

// POST /clients/{id}/secret: a new secret, shown once in the answer.
func (f *Fake) newClientSecret(c *call) (any, error) {
	cl, err := f.callerClient(c)
	if err != nil {
		return nil, err
	}
	if !cl.Active {
		return nil, conflict(fmt.Sprintf("client %s is inactive", cl.ClientID))
	}
	if !secretAuthMethod(cl.TokenEndpointAuthMethod) {
		return nil, &apiError{Status: 400, Object: "Client", Fields: []fieldError{{Field: "token_endpoint_auth_method",
			Msg: fmt.Sprintf("client %s uses token_endpoint_auth_method %s and has no secret to renew; only a client_secret_basic or client_secret_post client has one",
				cl.ClientID, cl.TokenEndpointAuthMethod)}}}
	}
	secret := f.makeSecret(cl)
	cl.LastUpdated = f.touch(cl.LastUpdated)
	view := f.clientView(cl)
	view.ClientSecret = secret
	return view, nil
}

// ClientSecret is the current secret of the client, false when it has none
// (its auth method is not client_secret_*, or there is no such client): for
// tests that check that the secret a user holds is the portal's.
func (f *Fake) ClientSecret(clientID string) (string, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	cl, ok := f.state.Clients[clientID]
	if !ok || cl.secret == nil {
		return "", false
	}
	return cl.secret.value, true
}

// ClientSecretCreated is when the client's current secret was made, false
// when it has none.
func (f *Fake) ClientSecretCreated(clientID string) (time.Time, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	cl, ok := f.state.Clients[clientID]
	if !ok || cl.secret == nil {
		return time.Time{}, false
	}
	return cl.secret.created, true
}

// SecretsMade counts the secrets the fake made for the client: on create,
// on a PUT to a client_secret_* method, and on each POST
// /clients/{id}/secret. A test counts rotations with it.
func (f *Fake) SecretsMade(clientID string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	if cl, ok := f.state.Clients[clientID]; ok {
		return cl.secretsMade
	}
	return 0
}

// SecretWorks tells whether secret authenticates the client now: it is the
// client's current secret, not older than 360 days, and the client is
// active. A secret replaced by a rotation or removed by a PUT never works
// again.
func (f *Fake) SecretWorks(clientID, secret string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	cl, ok := f.state.Clients[clientID]
	if !ok || !cl.Active || cl.secret == nil || secret == "" {
		return false
	}
	if f.now().Sub(cl.secret.created) >= secretLifetime {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(cl.secret.value), []byte(secret)) == 1
}
