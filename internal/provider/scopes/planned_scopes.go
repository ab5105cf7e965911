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
type PlannedScopes struct {
	mu     sync.Mutex
	byName map[string]plannedScope
}

func (p *PlannedScopes) record(name string, s plannedScope) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.byName == nil {
		p.byName = map[string]plannedScope{}
	}
	p.byName[name] = s
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
