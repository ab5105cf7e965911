package portal

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sort"
)

// GrantAccess gives consumerOrgno access to the caller's scope (state
// APPROVED). It also re-approves a revoked grant, and is idempotent.
func (c *Client) GrantAccess(ctx context.Context, scope, consumerOrgno string) (*AccessGrant, error) {
	return c.changeAccess(ctx, http.MethodPut, scope, consumerOrgno)
}

// RevokeAccess takes consumerOrgno's access away; the grant stays, DENIED.
func (c *Client) RevokeAccess(ctx context.Context, scope, consumerOrgno string) (*AccessGrant, error) {
	return c.changeAccess(ctx, http.MethodDelete, scope, consumerOrgno)
}

func (c *Client) changeAccess(ctx context.Context, method, scope, consumerOrgno string) (*AccessGrant, error) {
	// Checked before the path is built: a blank org number makes
	// DELETE /scopes/access/?scope=… a call on the scope itself (lesson 10).
	if err := checkOrgno("consumer", consumerOrgno); err != nil {
		return nil, err
	}
	if err := checkScopeName(scope); err != nil {
		return nil, err
	}
	if c.shared != nil {
		defer c.shared.grantsOf(scope).wrote(consumerOrgno)
	}
	var out AccessGrant
	r := request{method: method, path: "/scopes/access/" + escape(consumerOrgno), query: url.Values{"scope": {scope}}, allowEmpty: true}
	err := c.do(ctx, r, &out)
	switch {
	case method == http.MethodPut:
		// Recorded also when it failed: the grant may have been made.
		c.ownGrants.record(scope, consumerOrgno, true)
	case err == nil:
		c.ownGrants.record(scope, consumerOrgno, false)
	}
	if err != nil {
		return nil, err
	}
	if out.Scope == "" {
		out.Scope = scope
	}
	if out.ConsumerOrgno == "" {
		out.ConsumerOrgno = consumerOrgno
	}
	return &out, nil
}

// ListScopeAccess lists every grant of one of the caller's scopes, in any
// state. It is the one read behind every grant of a scope.
func (c *Client) ListScopeAccess(ctx context.Context, scope string) ([]AccessGrant, error) {
	if err := checkScopeName(scope); err != nil {
		return nil, err
	}
	return c.listAccess(ctx, "/scopes/access", url.Values{"scope": {scope}})
}

// ScopeGrants lists every grant of one of the caller's scopes, as
// ListScopeAccess does; with shared reads, from the list the grant reads of
// that scope share (read ahead like theirs). For a read, not for a write:
// a write reads ListScopeAccess afresh.
func (c *Client) ScopeGrants(ctx context.Context, scope string) ([]AccessGrant, error) {
	if err := checkScopeName(scope); err != nil {
		return nil, err
	}
	if c.shared == nil {
		return c.ListScopeAccess(ctx, scope)
	}
	c.shared.want(aheadGrants, c.readGrantsAhead)
	out, ok := c.shared.grantsOf(scope).all(ctx, c.grantLookup(scope, ""))
	if !ok {
		return c.ListScopeAccess(ctx, scope)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ConsumerOrgno < out[j].ConsumerOrgno })
	return out, nil
}

// LoadedScopeGrants is the list of scope's grants that this client's
// shared reads hold, when they hold it whole and nothing in it was written
// since; it never sends a request.
func (c *Client) LoadedScopeGrants(scope string) ([]AccessGrant, bool) {
	if c.shared == nil {
		return nil, false
	}
	return c.shared.grantsOf(scope).loadedList()
}

// GetScopeAccess reads the grant of scope to consumerOrgno. No grant gives
// an *APIError for which IsNotFound is true. With shared reads, it is served
// from the list of the scope's grants.
func (c *Client) GetScopeAccess(ctx context.Context, scope, consumerOrgno string) (*AccessGrant, error) {
	if err := checkOrgno("consumer", consumerOrgno); err != nil {
		return nil, err
	}
	if err := checkScopeName(scope); err != nil {
		return nil, err
	}
	if c.shared == nil {
		return c.getScopeAccess(ctx, scope, consumerOrgno)
	}
	c.shared.want(aheadGrants, c.readGrantsAhead)
	g, err := c.shared.grantsOf(scope).get(ctx, consumerOrgno, c.grantLookup(scope, consumerOrgno))
	if err != nil {
		return nil, err
	}
	return &g, nil
}

// readGrantsAhead loads a scope's grant list for later reads; a failure
// is left for the read to meet.
func (c *Client) readGrantsAhead(ctx context.Context, scope string) {
	_ = c.shared.grantsOf(scope).load(ctx, c.grantLookup(scope, ""))
}

// grantLookup reads the grants of scope from one list per scope; consumer
// is the one a single read asks for.
func (c *Client) grantLookup(scope, consumerOrgno string) lookup[AccessGrant] {
	return lookup[AccessGrant]{
		flight: &c.shared.flight, flightKey: "grants " + scope,
		single: func(ctx context.Context) (AccessGrant, error) {
			return deref(c.getScopeAccess(ctx, scope, consumerOrgno))
		},
		list: func(ctx context.Context) (map[string]AccessGrant, error) {
			list, err := c.ListScopeAccess(ctx, scope)
			if err != nil {
				return nil, err
			}
			byConsumer := make(map[string]AccessGrant, len(list))
			for _, g := range list {
				if g.Scope == "" || g.Scope == scope {
					byConsumer[g.ConsumerOrgno] = g
				}
			}
			return byConsumer, nil
		},
		// The list holds every grant of the scope, in any state: one it
		// lacks does not exist, as the single read would say.
		absent: func() (AccessGrant, error) { return AccessGrant{}, noGrantError(scope, consumerOrgno) },
	}
}

func (c *Client) getScopeAccess(ctx context.Context, scope, consumerOrgno string) (*AccessGrant, error) {
	grants, err := c.listAccess(ctx, "/scopes/access", url.Values{"scope": {scope}, "consumer_orgno": {consumerOrgno}})
	if err != nil {
		return nil, err
	}
	for i := range grants {
		if grants[i].ConsumerOrgno == consumerOrgno && (grants[i].Scope == "" || grants[i].Scope == scope) {
			return &grants[i], nil
		}
	}
	return nil, noGrantError(scope, consumerOrgno)
}

// noGrantError is the 404 of a grant that does not exist.
func noGrantError(scope, consumerOrgno string) *APIError {
	return &APIError{
		Method:     http.MethodGet,
		Path:       "/scopes/access",
		StatusCode: http.StatusNotFound,
		Message:    fmt.Sprintf("organisation %s has no grant of scope %s", consumerOrgno, scope),
	}
}

// ListAccessForConsumer lists what one consumer has of the caller's scopes.
func (c *Client) ListAccessForConsumer(ctx context.Context, consumerOrgno string) ([]AccessGrant, error) {
	if err := checkOrgno("consumer", consumerOrgno); err != nil {
		return nil, err
	}
	return c.listAccess(ctx, "/scopes/access", url.Values{"consumer_orgno": {consumerOrgno}})
}

// ListAccessGrantedToMe lists the grants given to the caller by other
// organisations (the consumer's view). Only APPROVED ones give access.
func (c *Client) ListAccessGrantedToMe(ctx context.Context) ([]AccessGrant, error) {
	return c.listAccess(ctx, "/scopes/access/all", nil)
}

func (c *Client) listAccess(ctx context.Context, path string, q url.Values) ([]AccessGrant, error) {
	return readList[AccessGrant](ctx, c, request{method: http.MethodGet, path: path, query: q})
}
