package scopes

import (
	"fmt"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

// grantManagers records, per scope, which kind of resource manages its
// grants in this provider instance's plan. krr_scope_consumers holds a
// scope's whole list and revokes what it does not name, so a
// krr_scope_access on the same scope would be revoked by one and granted by
// the other on every apply. The second to be planned is refused; both are
// planned in the same process when they are in one configuration under one
// provider block, which is where the mistake is visible.
type grantManagers struct {
	mu      sync.Mutex
	byScope map[string]map[string]bool // scope → resource type → planned
}

// claim records that a resource of typeName plans to manage scope's
// grants, and adds an error at `at` if the other kind already does.
func (g *grantManagers) claim(scope, typeName string, at path.Path, diags *diag.Diagnostics) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.byScope == nil {
		g.byScope = map[string]map[string]bool{}
	}
	kinds := g.byScope[scope]
	if kinds == nil {
		kinds = map[string]bool{}
		g.byScope[scope] = kinds
	}
	kinds[typeName] = true
	if kinds["krr_scope_access"] && kinds["krr_scope_consumers"] {
		diags.AddAttributeError(at, "Scope's access managed twice", fmt.Sprintf("Both krr_scope_consumers and "+
			"krr_scope_access manage who may use scope %s. krr_scope_consumers holds the scope's complete list and "+
			"revokes every grant it does not name, so the two would undo each other on every apply. Use one: name "+
			"every organisation in krr_scope_consumers.consumer_orgnos, or keep krr_scope_access for each and drop "+
			"krr_scope_consumers.", scope))
	}
}
