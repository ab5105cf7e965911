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
// scopes asks the portal for the client list once.
type scopeCarriers struct {
	once    sync.Once
	byScope map[string][]string // scope name: "client_id (client_name)", sorted
	err     error
}

type scopeCarriersKey struct{}

func carriersOf(d *framework.ProviderData) *scopeCarriers {
	return framework.InstanceState(d, scopeCarriersKey{}, func() *scopeCarriers { return &scopeCarriers{} })
}

func (c *scopeCarriers) of(ctx context.Context, d *framework.ProviderData, scope string) ([]string, error) {
	c.once.Do(func() {
		list, err := d.Client.ListIntegrations(ctx, false)
		if err != nil {
			c.err = err
			return
		}
		c.byScope = map[string][]string{}
		for _, cl := range list {
			if !cl.Active {
				continue // gets no tokens anyway
			}
			for _, s := range cl.Scopes {
				c.byScope[s] = append(c.byScope[s], fmt.Sprintf("%s (%s)", cl.ClientID, cl.ClientName))
			}
		}
		for _, names := range c.byScope {
			sort.Strings(names)
		}
	})
	return c.byScope[scope], c.err
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
			"tokens for it (a client that this plan destroys too goes first, and needs nothing); clients of the "+
			"organisations it is granted to cannot be seen here, and lose it too. "+
			"To move them without an outage, put lifecycle { create_before_destroy = true } on this krr_scope "+
			"and on its krr_scope_access grants, so that the new scope and its grants exist first; have the "+
			"clients refer to krr_scope.<name>.name, or add the new scope to them in one apply and remove the old "+
			"one in a later apply, once the consumers have moved. The guide \"Offering an API\" shows the order.",
			what, strings.Join(clients, ", ")))
}
