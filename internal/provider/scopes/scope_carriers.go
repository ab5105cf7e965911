package scopes

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

// scopeCarriers are the organisation's active clients by the scopes they
// carry, read once per provider instance (one plan): a destroy plan of many
// scopes asks the portal for the client list once. Clients this plan
// destroys are left out: Terraform destroys a client before the scopes it
// refers to, and plans it first, so a whole organisation's destroy warns
// of nothing.
type scopeCarriers struct {
	once    sync.Once
	byScope map[string][]carrier
	err     error

	mu        sync.Mutex
	destroyed map[string]bool // client ids this plan destroys
}

type carrier struct{ id, name string }

type scopeCarriersKey struct{}

func carriersOf(d *framework.ProviderData) *scopeCarriers {
	return framework.InstanceState(d, scopeCarriersKey{}, func() *scopeCarriers { return &scopeCarriers{} })
}

// RecordClientDestroyed notes, at plan, that this plan destroys (or
// deactivates) the client clientID, so that no scope's destroy warns that
// it still carries the scope.
func RecordClientDestroyed(d *framework.ProviderData, clientID string) {
	c := carriersOf(d)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.destroyed == nil {
		c.destroyed = map[string]bool{}
	}
	c.destroyed[clientID] = true
}

// of lists the clients that carry scope and that this plan keeps, as
// "client_id (client_name)", sorted.
func (c *scopeCarriers) of(ctx context.Context, d *framework.ProviderData, scope string) ([]string, error) {
	c.once.Do(func() {
		list, err := d.Client.ListIntegrations(ctx, false)
		if err != nil {
			c.err = err
			return
		}
		c.byScope = map[string][]carrier{}
		for _, cl := range list {
			if !cl.Active {
				continue // gets no tokens anyway
			}
			for _, s := range cl.Scopes {
				c.byScope[s] = append(c.byScope[s], carrier{cl.ClientID, cl.ClientName})
			}
		}
	})
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for _, cl := range c.byScope[scope] {
		if !c.destroyed[cl.id] {
			out = append(out, fmt.Sprintf("%s (%s)", cl.id, cl.name))
		}
	}
	sort.Strings(out)
	return out, c.err
}

// warnCarried warns, at plan, that this plan deactivates scope old (and
// revokes its grants) while clients the credentials can see still carry
// it: Terraform replaces a scope destroy-first, so a renamed or versioned
// scope (a new subscope) is gone before its successor exists and before
// the clients are moved to it. successor is the new name ("" on destroy).
// The warning only informs: a failure to list clients is logged, not an
// error, since the plan itself is sound.
func warnCarried(ctx context.Context, d *framework.ProviderData, old, successor string, diags *diag.Diagnostics) {
	clients, err := carriersOf(d).of(ctx, d, old)
	if err != nil {
		tflog.Warn(ctx, "could not list the organisation's clients to see which carry a scope this plan deactivates",
			map[string]any{"scope": old, "error": err.Error()})
		return
	}
	if len(clients) == 0 {
		return
	}
	// A replace is destroy-first unless the configuration says otherwise,
	// which ModifyPlan cannot see.
	what := "destroys it"
	if successor != "" {
		what = "replaces it with " + successor + ", and destroys it first unless the krr_scope has " +
			"create_before_destroy"
	}
	diags.AddWarning(fmt.Sprintf("Scope %s is still on clients", old),
		fmt.Sprintf("This plan %s: its grants are revoked and it is deactivated, while these clients of the "+
			"organisation still carry it: %s. Until they carry another scope, Maskinporten gives them no "+
			"tokens for it; clients of the "+
			"organisations it is granted to cannot be seen here, and lose it too. "+
			"To move them without an outage, put lifecycle { create_before_destroy = true } on this krr_scope "+
			"and on its krr_scope_access grants, so that the new scope and its grants exist first; have the "+
			"clients refer to krr_scope.<name>.name, or add the new scope to them in one apply and remove the old "+
			"one in a later apply, once the consumers have moved. The guide \"Offering an API\" shows the order.",
			what, strings.Join(clients, ", ")))
}
