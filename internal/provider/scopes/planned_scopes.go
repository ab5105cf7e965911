package scopes

import "sync"

// plannedScope is what a krr_scope planned by this provider instance will
// be once the apply has run: active, with these integration types.
type plannedScope struct {
	// AllowedIntegrationTypes as planned; typesKnown is false while the
	// plan does not know them yet.
	AllowedIntegrationTypes []string
	TypesKnown              bool
}

// PlannedScopes records the scopes planned in this provider instance, so
// that a client or a grant planned after them (Terraform plans a resource
// after the ones it refers to) is not warned about a scope that this same
// apply creates or brings back. It only ever removes a warning: what it
// does not hold is judged from the portal alone.
//
// It also holds the scopes the plan deactivates (a krr_scope destroyed, or
// replaced under a new name), so that a client's "close in name" hint does
// not offer a scope that this apply takes away.
type PlannedScopes struct {
	mu          sync.Mutex
	byName      map[string]plannedScope
	deactivated map[string]bool
}

func (p *PlannedScopes) record(name string, s plannedScope) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.byName == nil {
		p.byName = map[string]plannedScope{}
	}
	p.byName[name] = s
	delete(p.deactivated, name) // replaced under the same name: it stays
}

// recordDeactivated notes that the plan deactivates name, unless the plan
// also makes a scope of that name (a replace under the same name).
func (p *PlannedScopes) recordDeactivated(name string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, made := p.byName[name]; made {
		return
	}
	if p.deactivated == nil {
		p.deactivated = map[string]bool{}
	}
	p.deactivated[name] = true
}

// deactivates: the plan deactivates name. Nil (at apply) knows of none.
func (p *PlannedScopes) deactivates(name string) bool {
	if p == nil {
		return false
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.deactivated[name]
}

func (p *PlannedScopes) lookup(name string) (plannedScope, bool) {
	if p == nil {
		return plannedScope{}, false
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	s, ok := p.byName[name]
	return s, ok
}
