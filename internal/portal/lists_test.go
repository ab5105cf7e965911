package portal

import (
	"context"
	"net/http"
	"testing"
)

// everyList is every list read of the client, by name.
func everyList(c *Client) map[string]func() (int, error) {
	ctx := context.Background()
	return map[string]func() (int, error){
		"ListScopes": func() (int, error) { l, err := c.ListScopes(ctx, true); return len(l), err },
		"ListPublicScopes": func() (int, error) {
			l, err := c.ListPublicScopes(ctx, PublicScopeFilter{Prefix: "x"})
			return len(l), err
		},
		"ListScopeAccess":       func() (int, error) { l, err := c.ListScopeAccess(ctx, "digdir:a"); return len(l), err },
		"ListAccessForConsumer": func() (int, error) { l, err := c.ListAccessForConsumer(ctx, "991825827"); return len(l), err },
		"ListAccessGrantedToMe": func() (int, error) { l, err := c.ListAccessGrantedToMe(ctx); return len(l), err },
		"ListIntegrations":      func() (int, error) { l, err := c.ListIntegrations(ctx, true); return len(l), err },
		"ListPrefixes":          func() (int, error) { l, err := c.ListPrefixes(ctx); return len(l), err },
		"ListAllPrefixes":       func() (int, error) { l, err := c.ListAllPrefixes(ctx); return len(l), err },
		"ListDelegationSources": func() (int, error) { l, err := c.ListDelegationSources(ctx); return len(l), err },
	}
}

// Every list read takes the portal's "does not have any" (404 or 400) as an
// empty list, and null as one too.
func TestEveryListReadsDoesNotHaveAnyAsEmpty(t *testing.T) {
	for _, status := range []int{http.StatusNotFound, http.StatusBadRequest} {
		c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
			portalError(w, status, "Organization 991825827 does not have any "+r.URL.Path[len("/api/v1/"):])
		})
		for name, list := range everyList(c) {
			if got, err := list(); err != nil || got != 0 {
				t.Errorf("%d: %s = %d, %v; want an empty list", status, name, got, err)
			}
		}
	}
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, nil) })
	for name, list := range everyList(c) {
		if got, err := list(); err != nil || got != 0 {
			t.Errorf("null: %s = %d, %v; want an empty list", name, got, err)
		}
	}
}

// A refusal is never an empty list, whatever its words: a token that "does
// not have any" of the scopes a call needs must not make a plan create
// what exists.
func TestRefusalThatSaysDoesNotHaveAnyIsAnError(t *testing.T) {
	for _, status := range []int{http.StatusUnauthorized, http.StatusForbidden, http.StatusInternalServerError} {
		c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
			portalError(w, status, "the token does not have any of the scopes this call needs")
		}, func(cfg *Config) { cfg.MaxRetries = -1 })
		for name, list := range everyList(c) {
			if _, err := list(); !hasStatus(err, status) {
				t.Errorf("%d: %s = %v, want the error", status, name, err)
			}
		}
	}
}
