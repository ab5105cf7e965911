package provider

import (
	"context"
	"slices"
	"strings"
	"sync"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
)

// Where a scope the organisation may use comes from.
const (
	scopeSourceOwn     = "own"     // the organisation owns it
	scopeSourceGranted = "granted" // its owner gave the organisation access (APPROVED)
	scopeSourceOpen    = "open"    // accessible_for_all
)

// availableScope is a scope the organisation may put on a client.
type availableScope struct {
	Name        string
	Source      string
	OwnerOrgno  string
	Description string
	// AllowedIntegrationTypes: empty means any. A private scope granted by
	// another organisation is not in the public catalogue, so its
	// restrictions are unknown here and it counts as allowing any.
	AllowedIntegrationTypes []string
}

func (s availableScope) allows(integrationType string) bool {
	return len(s.AllowedIntegrationTypes) == 0 ||
		slices.ContainsFunc(s.AllowedIntegrationTypes, func(t string) bool { return strings.EqualFold(t, integrationType) })
}

// availableScopesCache holds, for one provider instance, what the caller
// may use, so that a plan with many clients asks the portal three times in
// all rather than three times a client.
type availableScopesCache struct {
	mu     sync.Mutex
	loaded bool
	orgno  string
	scopes []availableScope
}

// availableScopes lists the scopes the organisation the credentials act
// for may put on a client: its own, those granted to it, and those open to
// all; sorted by name, each once.
func (d *providerData) availableScopes(ctx context.Context) (string, []availableScope, error) {
	c := &d.available
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.loaded {
		return c.orgno, c.scopes, nil
	}
	orgno, err := d.Client.CallerOrgno(ctx)
	if err != nil {
		return "", nil, err
	}
	own, err := d.Client.ListScopes(ctx, false)
	if err != nil {
		return "", nil, err
	}
	granted, err := d.Client.ListAccessGrantedToMe(ctx)
	if err != nil {
		return "", nil, err
	}
	catalogue, err := d.Client.ListPublicScopes(ctx, portal.PublicScopeFilter{})
	if err != nil {
		return "", nil, err
	}

	byName := map[string]availableScope{}
	fromScope := func(s portal.Scope, source string) availableScope {
		return availableScope{Name: s.Name, Source: source, OwnerOrgno: s.OwnerOrgno, Description: s.Description,
			AllowedIntegrationTypes: s.AllowedIntegrationTypes}
	}
	for _, s := range own {
		byName[s.Name] = fromScope(s, scopeSourceOwn)
	}
	public := map[string]portal.Scope{}
	for _, s := range catalogue {
		public[s.Name] = s
	}
	for _, g := range granted {
		if _, seen := byName[g.Scope]; seen || g.State != portal.GrantApproved {
			continue
		}
		if s, ok := public[g.Scope]; ok {
			byName[g.Scope] = fromScope(s, scopeSourceGranted)
		} else {
			byName[g.Scope] = availableScope{Name: g.Scope, Source: scopeSourceGranted, OwnerOrgno: g.OwnerOrgno}
		}
	}
	for _, s := range catalogue {
		if _, seen := byName[s.Name]; !seen && s.AccessibleForAll && s.Active {
			byName[s.Name] = fromScope(s, scopeSourceOpen)
		}
	}

	scopes := make([]availableScope, 0, len(byName))
	for _, s := range byName {
		scopes = append(scopes, s)
	}
	slices.SortFunc(scopes, func(a, b availableScope) int { return strings.Compare(a.Name, b.Name) })
	c.orgno, c.scopes, c.loaded = orgno, scopes, true
	return orgno, scopes, nil
}

// closeScopeNames returns up to five available names within a small edit
// distance of name: the likely typo behind a scope that is not available.
func closeScopeNames(name string, available []availableScope) []string {
	limit := max(3, len(name)/5)
	var near []string
	for _, s := range available {
		if editDistance(name, s.Name) <= limit {
			near = append(near, s.Name)
		}
		if len(near) == 5 {
			break
		}
	}
	return near
}

// editDistance is the Levenshtein distance of two strings, by runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
