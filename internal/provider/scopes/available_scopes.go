package scopes

import (
	"context"
	"slices"
	"strings"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
)

// Where a scope the organisation may use comes from.
const (
	scopeSourceOwn     = "own"     // the organisation owns it
	scopeSourceGranted = "granted" // its owner gave the organisation access (APPROVED)
	scopeSourceOpen    = "open"    // accessible_for_all
)

// AvailableScope is a scope the organisation may put on a client.
type AvailableScope struct {
	Name        string
	Source      string
	OwnerOrgno  string
	Description string
	// AllowedIntegrationTypes: empty means any. A private scope granted by
	// another organisation is not in the public catalogue, so its
	// restrictions are unknown here and it counts as allowing any.
	AllowedIntegrationTypes []string
}

func (s AvailableScope) Allows(integrationType string) bool {
	return typeAllowed(s.AllowedIntegrationTypes, integrationType)
}

// typeAllowed tells whether a scope with the allowed integration types
// (empty: any) may be used by a client of integrationType.
func typeAllowed(allowed []string, integrationType string) bool {
	return len(allowed) == 0 || slices.ContainsFunc(allowed, func(t string) bool { return strings.EqualFold(t, integrationType) })
}

// Available lists the scopes the organisation the credentials act
// for may put on a client: its own active ones, those granted to it and
// still active, and those open to all; sorted by name, each once. It reads
// the portal again rather than the facts an earlier check read.
func (d *Rules) Available(ctx context.Context) (string, []AvailableScope, error) {
	facts, err := d.RefreshFacts(ctx, d.facts.generation())
	if err != nil {
		return "", nil, err
	}
	return facts.Caller, facts.available(), nil
}

func (f *Facts) available() []AvailableScope {
	byName := map[string]AvailableScope{}
	fromScope := func(s portal.Scope, source string) AvailableScope {
		return AvailableScope{Name: s.Name, Source: source, OwnerOrgno: s.OwnerOrgno, Description: s.Description,
			AllowedIntegrationTypes: s.AllowedIntegrationTypes}
	}
	for _, s := range f.Own {
		if s.Active {
			byName[s.Name] = fromScope(s, scopeSourceOwn)
		}
	}
	for _, g := range f.Granted {
		if _, seen := byName[g.Scope]; seen || g.State != portal.GrantApproved {
			continue
		}
		s, public := f.Catalogue[g.Scope]
		switch {
		case public && !s.Active:
			// Deactivated by its owner: the grant stays, the scope is unusable.
		case public:
			byName[g.Scope] = fromScope(s, scopeSourceGranted)
		default:
			byName[g.Scope] = AvailableScope{Name: g.Scope, Source: scopeSourceGranted, OwnerOrgno: g.OwnerOrgno}
		}
	}
	for _, s := range f.Catalogue {
		if _, seen := byName[s.Name]; !seen && s.AccessibleForAll && s.Active {
			byName[s.Name] = fromScope(s, scopeSourceOpen)
		}
	}
	scopes := make([]AvailableScope, 0, len(byName))
	for _, s := range byName {
		scopes = append(scopes, s)
	}
	slices.SortFunc(scopes, func(a, b AvailableScope) int { return strings.Compare(a.Name, b.Name) })
	return scopes
}

// closeScopeNames returns up to five available names within a small edit
// distance of name: the likely typo behind a scope that is not available.
func closeScopeNames(name string, available []AvailableScope) []string {
	limit := max(3, len(name)/5)
	var near []string
	for _, s := range available {
		if s.Name != name && editDistance(name, s.Name) <= limit {
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
