package scopes

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

// prefixCache holds the caller's prefixes for one provider instance, so
// that a plan with many scopes asks the portal once.
type prefixCache struct {
	mu       sync.Mutex
	loaded   bool
	orgno    string
	prefixes []string
}

// checkOwnPrefix adds an attribute error on prefix unless the organisation
// owns it, with the seed FAQ's answer when it owns none.
func (d *Rules) checkOwnPrefix(ctx context.Context, prefix string, diags *diag.Diagnostics) {
	orgno, owned, err := d.ownPrefixes(ctx)
	if err != nil {
		framework.AddPortalError(diags, "Unable to check the scope prefix", err, d.Environment)
		return
	}
	switch {
	case slices.Contains(owned, prefix):
		return
	case len(owned) == 0:
		diags.AddAttributeError(path.Root("prefix"), "The organisation has no scope prefix", framework.NoPrefixMessage(orgno, d.Environment))
	default:
		diags.AddAttributeError(path.Root("prefix"), "Not the organisation's prefix",
			fmt.Sprintf("prefix %q is not one of organisation %s's prefixes in the %s environment (%s). Scopes can "+
				"only be created under the organisation's own prefixes; Digdir's service desk (servicedesk@digdir.no) "+
				"gives out new ones.", prefix, orgno, d.Environment, strings.Join(owned, ", ")))
	}
}

func (d *Rules) ownPrefixes(ctx context.Context) (string, []string, error) {
	c := &d.prefixes
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.loaded {
		return c.orgno, c.prefixes, nil
	}
	orgno, err := d.Client.CallerOrgno(ctx)
	if err != nil {
		return "", nil, err
	}
	list, err := d.Client.ListPrefixes(ctx)
	if err != nil {
		return "", nil, err
	}
	c.orgno, c.loaded = orgno, true
	for _, p := range list {
		if p.Active {
			c.prefixes = append(c.prefixes, p.Prefix)
		}
	}
	return c.orgno, c.prefixes, nil
}
