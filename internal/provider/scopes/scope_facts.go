package scopes

import (
	"context"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
)

// Facts is what the portal says about the scopes the organisation the
// credentials act for may put on a client: its own scopes (active or not),
// the grants given to it (any state), and the public catalogue (active or
// not, so that a scope its owner deactivated can be told from one that was
// never shared). The plan-time and apply-time checks of krr_client judge a
// scope from it.
type Facts struct {
	Caller    string
	Own       map[string]portal.Scope       // the caller's scopes, by name
	Granted   map[string]portal.AccessGrant // grants given to the caller, by scope
	Catalogue map[string]portal.Scope       // the public catalogue, by name
}

// scopeFactsCache holds one provider instance's Facts. A plan with many
// clients reads them once; a check at apply that finds a scope not usable
// reads them again (refresh), since a grant made earlier in the same apply,
// by another provider block, is not in what was read before it.
type scopeFactsCache struct {
	mu    sync.Mutex
	facts *Facts
	gen   int // counts loads, so that concurrent refreshes load once
	ahead sync.Once
}

// Facts returns the cached facts, reading them on first use. gen
// identifies this copy for RefreshFacts.
func (d *Rules) Facts(ctx context.Context) (*Facts, int, error) {
	c := &d.facts
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.facts == nil {
		if err := c.load(ctx, d.Client); err != nil {
			return nil, 0, err
		}
	}
	return c.facts, c.gen, nil
}

// ReadFactsAhead starts reading the facts in the background, once:
// a client's refresh is followed by its plan, which needs them, and reading
// them while Terraform refreshes saves the plan a wait.
func (d *Rules) ReadFactsAhead() {
	d.facts.ahead.Do(func() {
		go func() { _, _, _ = d.Facts(context.Background()) }()
	})
}

// RefreshFacts reads the facts again, unless another caller already did
// after the copy seen (gen): writers that find the same stale copy at the
// same time cause one read, not one each.
func (d *Rules) RefreshFacts(ctx context.Context, seen int) (*Facts, error) {
	c := &d.facts
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.facts == nil || c.gen == seen {
		if err := c.load(ctx, d.Client); err != nil {
			return nil, err
		}
	}
	return c.facts, nil
}

// generation identifies the copy held now, for a caller that wants a read
// newer than it.
func (c *scopeFactsCache) generation() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

func (c *scopeFactsCache) load(ctx context.Context, client *portal.Client) error {
	caller, err := client.CallerOrgno(ctx)
	if err != nil {
		return err
	}
	// Three lists, read at once: a plan waits for them before it can
	// check the first client.
	var (
		own       []portal.Scope
		granted   []portal.AccessGrant
		catalogue []portal.Scope
	)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) { own, err = client.ListScopes(gctx, true); return err })
	g.Go(func() (err error) { granted, err = client.ListAccessGrantedToMe(gctx); return err })
	g.Go(func() (err error) {
		catalogue, err = client.ListPublicScopes(gctx, portal.PublicScopeFilter{IncludeInactive: true})
		return err
	})
	if err := g.Wait(); err != nil {
		return err
	}
	f := &Facts{
		Caller:    caller,
		Own:       make(map[string]portal.Scope, len(own)),
		Granted:   make(map[string]portal.AccessGrant, len(granted)),
		Catalogue: make(map[string]portal.Scope, len(catalogue)),
	}
	for _, s := range own {
		f.Own[s.Name] = s
	}
	for _, g := range granted {
		// One grant per scope and consumer; should a list ever hold two,
		// an approved one wins.
		if prev, seen := f.Granted[g.Scope]; !seen || prev.State != portal.GrantApproved {
			f.Granted[g.Scope] = g
		}
	}
	for _, s := range catalogue {
		f.Catalogue[s.Name] = s
	}
	c.facts = f
	c.gen++
	return nil
}

// prefixDirectory holds every organisation's prefixes (GET /prefix/all, an
// open endpoint), read once per provider instance: prefixes are given out
// by Digdir, never by the API, so they do not change during a run.
type prefixDirectory struct {
	mu       sync.Mutex
	byPrefix map[string]portal.Prefix
}

// prefixOwner returns who owns a prefix, and false when it is no
// organisation's.
func (d *Rules) prefixOwner(ctx context.Context, prefix string) (portal.Prefix, bool, error) {
	c := &d.allPrefixes
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byPrefix == nil {
		list, err := d.Client.ListAllPrefixes(ctx)
		if err != nil {
			return portal.Prefix{}, false, err
		}
		c.byPrefix = make(map[string]portal.Prefix, len(list))
		for _, p := range list {
			c.byPrefix[p.Prefix] = p
		}
	}
	p, ok := c.byPrefix[prefix]
	return p, ok, nil
}
