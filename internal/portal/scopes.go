package portal

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
)

// ListScopes lists the caller's scopes; inactive (deactivated) ones too when
// includeInactive. This is the one read behind every scope, so that a cache
// can serve a whole plan from one call.
func (c *Client) ListScopes(ctx context.Context, includeInactive bool) ([]Scope, error) {
	q := url.Values{}
	if includeInactive {
		q.Set("inactive", "true")
	}
	return readList[Scope](ctx, c, request{method: http.MethodGet, path: "/scopes", query: q})
}

// GetScope reads one scope: 404 when there is none, 403 when another
// organisation owns it. With shared reads, it is served from the list of
// the caller's scopes.
func (c *Client) GetScope(ctx context.Context, name string) (*Scope, error) {
	if err := checkScopeName(name); err != nil {
		return nil, err
	}
	if c.shared == nil {
		return c.getScope(ctx, name)
	}
	c.shared.saw(aheadGrants, name, c.readGrantsAhead)
	s, err := c.shared.scopes.get(ctx, name, lookup[Scope]{
		flight: &c.shared.flight, flightKey: "scopes",
		single: func(ctx context.Context) (Scope, error) { return deref(c.getScope(ctx, name)) },
		list: func(ctx context.Context) (map[string]Scope, error) {
			list, err := c.ListScopes(ctx, true)
			return indexBy(list, err, func(s Scope) string { return s.Name })
		},
	})
	if err != nil {
		return nil, err
	}
	s.AllowedIntegrationTypes = slices.Clone(s.AllowedIntegrationTypes)
	return &s, nil
}

func (c *Client) getScope(ctx context.Context, name string) (*Scope, error) {
	var out Scope
	if err := c.do(ctx, request{method: http.MethodGet, path: "/scopes/scope", query: url.Values{"scope": {name}}}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// CreateScope creates s under one of the caller's prefixes. A name that
// exists, even deactivated, answers 409: bring a deactivated scope back with
// UpdateScope and Active true (lesson 4).
func (c *Client) CreateScope(ctx context.Context, s Scope) (*Scope, error) {
	defer c.wroteScope(s.Prefix + ":" + s.Subscope)
	var out Scope
	if err := c.do(ctx, request{method: http.MethodPost, path: "/scopes", body: s}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateScope replaces the scope's changeable fields with s's: read, change,
// write back the whole object; s.Active false deactivates it.
func (c *Client) UpdateScope(ctx context.Context, name string, s Scope) (*Scope, error) {
	if err := checkScopeName(name); err != nil {
		return nil, err
	}
	defer c.wroteScope(name)
	var out Scope
	if err := c.do(ctx, request{method: http.MethodPut, path: "/scopes", query: url.Values{"scope": {name}}, body: s}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeactivateScope deactivates a scope (nothing is deleted). Its grants are
// kept: revoke them first if consumers must lose it.
func (c *Client) DeactivateScope(ctx context.Context, name string) (*Scope, error) {
	if err := checkScopeName(name); err != nil {
		return nil, err
	}
	defer c.wroteScope(name)
	var out Scope
	if err := c.do(ctx, request{method: http.MethodDelete, path: "/scopes", query: url.Values{"scope": {name}}, allowEmpty: true}, &out); err != nil {
		return nil, err
	}
	if out.Name == "" {
		out.Name = name
	}
	return &out, nil
}

// ListPublicScopes reads the public catalogue (no token needed). A filter
// that finds nothing may be answered "does not have any": an empty list.
func (c *Client) ListPublicScopes(ctx context.Context, f PublicScopeFilter) ([]Scope, error) {
	q := url.Values{}
	if f.Prefix != "" {
		q.Set("prefix", f.Prefix)
	}
	if f.IncludeInactive {
		q.Set("inactive", "true")
	}
	if f.AccessibleForAll != nil {
		q.Set("accessible_for_all", strconv.FormatBool(*f.AccessibleForAll))
	}
	if f.IntegrationType != "" {
		q.Set("integration_type", f.IntegrationType)
	}
	if f.DelegatedSources != nil {
		q.Set("delegated_sources", strconv.FormatBool(*f.DelegatedSources))
	}
	return readList[Scope](ctx, c, request{method: http.MethodGet, path: "/scopes/all", query: q, open: true})
}

// wroteScope marks a scope as changed for shared reads.
func (c *Client) wroteScope(name string) {
	if c.shared != nil {
		c.shared.scopes.wrote(name)
	}
}
