package portal

import (
	"context"
	"fmt"
	"net/http"
	"slices"
)

// Key changes of one client share one document on the server: callers must
// serialise them per client (lesson 5); this package does not lock.

// GetJWKS reads a client's key set: one request per client. With shared
// reads, the key sets of the clients this process read are read ahead once
// the first is read, and a write drops the client's.
func (c *Client) GetJWKS(ctx context.Context, clientID string) (*JWKS, error) {
	if _, err := jwksPath(clientID); err != nil {
		return nil, err
	}
	if c.shared == nil {
		return c.getJWKS(ctx, clientID)
	}
	c.shared.want(aheadKeys, c.readKeysAhead)
	set, err := c.shared.keysOf(clientID).get(ctx, clientID, c.keysLookup(clientID))
	if err != nil {
		return nil, err
	}
	set.Keys = slices.Clone(set.Keys)
	return &set, nil
}

// readKeysAhead loads a client's key set for a later read.
func (c *Client) readKeysAhead(ctx context.Context, clientID string) {
	_ = c.shared.keysOf(clientID).load(ctx, c.keysLookup(clientID))
}

// keysLookup reads one client's key set as a list of one.
func (c *Client) keysLookup(clientID string) lookup[JWKS] {
	single := func(ctx context.Context) (JWKS, error) { return deref(c.getJWKS(ctx, clientID)) }
	return lookup[JWKS]{
		flight: &c.shared.flight, flightKey: "keys " + clientID, single: single,
		list: func(ctx context.Context) (map[string]JWKS, error) {
			set, err := single(ctx)
			if err != nil {
				return nil, err
			}
			return map[string]JWKS{clientID: set}, nil
		},
	}
}

// wroteKeys drops a client's key set from the shared reads.
func (c *Client) wroteKeys(clientID string) {
	if c.shared != nil {
		c.shared.keysOf(clientID).wrote(clientID)
	}
}

// getJWKS reads a client's key set. The portal may answer 404 for a client
// that has no keys (portal-api.md §11): while the client exists, that is a
// set of no keys, not a client gone; a 404 for a client that does not exist
// stays a 404, and any other answer to the client's read (a 403) is the
// error.
func (c *Client) getJWKS(ctx context.Context, clientID string) (*JWKS, error) {
	p, err := jwksPath(clientID)
	if err != nil {
		return nil, err
	}
	var out JWKS
	err = c.do(ctx, request{method: http.MethodGet, path: p}, &out)
	if IsNotFound(err) {
		switch _, cerr := c.GetIntegration(ctx, clientID); {
		case IsNotFound(cerr):
			return nil, err
		case cerr != nil:
			return nil, cerr
		}
		return &JWKS{Keys: []JWK{}}, nil
	}
	if err != nil {
		return nil, err
	}
	out.Keys = nonNilSlice(out.Keys)
	return &out, nil
}

// keySetAnswer is a key-set write's answer as far as it is the set: Keys
// is nil when the answer held no "keys" (an empty 201, or something else).
type keySetAnswer struct {
	Keys        *[]JWK `json:"keys"`
	Created     string `json:"created"`
	LastUpdated string `json:"last_updated"`
}

// ReplaceJWKS replaces the whole key set with keys: keys not named are
// removed. At most 5 keys, kids unique. No keys at all is a DELETE of the
// set, since the portal refuses a set of none (portal-api.md §11). The
// portal answers 201; when the answer is not the set, or a key in it lacks
// its exp or created, the set is read back.
func (c *Client) ReplaceJWKS(ctx context.Context, clientID string, keys []JWK) (*JWKS, error) {
	p, err := jwksPath(clientID)
	if err != nil {
		return nil, err
	}
	defer c.wroteKeys(clientID)
	seen := map[string]bool{}
	for _, k := range keys {
		if err := checkKid(k.Kid); err != nil {
			return nil, err
		}
		if seen[k.Kid] {
			return nil, fmt.Errorf("key id %q occurs twice in the key set", k.Kid)
		}
		seen[k.Kid] = true
	}
	if len(keys) == 0 {
		if err := c.do(ctx, request{method: http.MethodDelete, path: p}, nil); err != nil {
			return nil, err
		}
		return &JWKS{Keys: []JWK{}}, nil
	}
	var out keySetAnswer
	// The POST replaces the whole set: sent twice, it leaves the same set.
	if err := c.do(ctx, request{method: http.MethodPost, path: p, body: JWKS{Keys: keys}, idempotent: true, allowEmpty: true}, &out); err != nil {
		return nil, err
	}
	// The per-key exp and created of the answer are not promised (§11):
	// without them, the set is read back too.
	if out.Keys == nil || slices.ContainsFunc(*out.Keys, func(k JWK) bool { return k.Exp == 0 || k.Created == "" }) {
		return c.getJWKS(ctx, clientID)
	}
	return &JWKS{Keys: nonNilSlice(*out.Keys), Created: out.Created, LastUpdated: out.LastUpdated}, nil
}

// DeleteJWKS removes every key of a client. The portal answers 204.
func (c *Client) DeleteJWKS(ctx context.Context, clientID string) error {
	p, err := jwksPath(clientID)
	if err != nil {
		return err
	}
	defer c.wroteKeys(clientID)
	return c.do(ctx, request{method: http.MethodDelete, path: p}, nil)
}

// GetJWK reads one key of a client.
func (c *Client) GetJWK(ctx context.Context, clientID, kid string) (*JWK, error) {
	p, err := jwkPath(clientID, kid)
	if err != nil {
		return nil, err
	}
	var out JWK
	if err := c.do(ctx, request{method: http.MethodGet, path: p}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// PutJWK adds the key k.Kid to a client or replaces it.
func (c *Client) PutJWK(ctx context.Context, clientID string, k JWK) (*JWK, error) {
	p, err := jwkPath(clientID, k.Kid)
	if err != nil {
		return nil, err
	}
	defer c.wroteKeys(clientID)
	var out JWK
	if err := c.do(ctx, request{method: http.MethodPut, path: p, body: k}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteJWK removes one key of a client.
func (c *Client) DeleteJWK(ctx context.Context, clientID, kid string) error {
	p, err := jwkPath(clientID, kid)
	if err != nil {
		return err
	}
	defer c.wroteKeys(clientID)
	return c.do(ctx, request{method: http.MethodDelete, path: p}, nil)
}

func jwksPath(clientID string) (string, error) {
	if err := checkID("client id", clientID); err != nil {
		return "", err
	}
	return "/clients/" + escape(clientID) + "/jwks", nil
}

func jwkPath(clientID, kid string) (string, error) {
	p, err := jwksPath(clientID)
	if err != nil {
		return "", err
	}
	if err := checkKid(kid); err != nil {
		return "", err
	}
	return p + "/" + escape(kid), nil
}
