package scopes

import "sync"

// newScopes are the scopes this provider instance made, each with a POST
// the portal answered with the new scope: nobody has been granted one yet,
// since only its owner grants and the owner is this apply. The
// krr_scope_consumers made for such a scope in the same apply writes its
// grants without reading the (empty) list first. A scope found under its
// name instead (an earlier attempt's, or a deactivated one brought back,
// which may keep old grants) is not one of them.
type newScopes struct {
	mu    sync.Mutex
	names map[string]bool
}

func (n *newScopes) record(name string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.names == nil {
		n.names = map[string]bool{}
	}
	n.names[name] = true
}

func (n *newScopes) has(name string) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.names[name]
}
