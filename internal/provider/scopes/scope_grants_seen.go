package scopes

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
)

// A destroy reads each scope's grants twice without this: once in the
// refresh, where krr_scope_access and krr_scope_consumers read the list,
// and once more when the scope's Delete looks for grants left to revoke
// (revoke_access_on_destroy). terraform destroy runs the refresh, the
// destroy plan and the apply in three provider processes, so the list
// travels in private state:
//   - the refresh: a grant resource keeps what it saw of its scope's
//     approved grants (krr_scope_access only the one whose consumer comes
//     first in the list, so that a scope's list is kept once);
//   - the destroy plan: each grant resource, planned before its scope,
//     hands the record to the provider instance (Rules.grantsSeen), and the
//     scope's destroy plan takes it into its own private state;
//   - the apply: the scope's Delete, and krr_scope_consumers', revoke what
//     the record lists, less what their own process revoked since
//     (portal.ApprovedAfterOwnWrites), when the record is fresh; otherwise
//     they read the list as before.
// The refresh reads nothing more for this, and a plan that destroys nothing
// does nothing more.

// grantsSeenKey is the private-state key of a scope's grants as last read.
const grantsSeenKey = "approved_grants_seen"

// grantsSeenFresh is how old a list the Delete trusts. A refresh and the
// apply that follows it take seconds to minutes; a saved destroy plan
// applied later than this reads the list again.
const grantsSeenFresh = 10 * time.Minute

// grantsSeen is what a refresh saw of a scope's approved grants.
type grantsSeen struct {
	// At is when the list was read; zero when there is no list to go by,
	// and the Delete must read.
	At       time.Time
	Approved []grantSeenTo
}

type grantSeenTo struct {
	Orgno string
	Name  string
}

// grantsSeenRecord is grantsSeen as private state keeps it. The record
// stays in the grant resource's state until its next write, and Terraform
// writes the whole state file again after each resource it applies or
// destroys, so the record is kept small: seconds, the organisation numbers
// as a list, and only the names the list gave.
type grantsSeenRecord struct {
	At     int64             `json:"at"` // Unix seconds
	Orgnos []string          `json:"orgnos"`
	Names  map[string]string `json:"names,omitempty"`
}

// privateState is what both ReadResponse.Private and DeleteRequest.Private
// offer.
type privateState interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

type privateStateSetter interface {
	SetKey(ctx context.Context, key string, value []byte) diag.Diagnostics
}

// loadGrantsSeen reads the record; ok is false when there is none.
func loadGrantsSeen(ctx context.Context, p privateState) (grantsSeen, bool) {
	if p == nil {
		return grantsSeen{}, false
	}
	raw, diags := p.GetKey(ctx, grantsSeenKey)
	var rec grantsSeenRecord
	if diags.HasError() || len(raw) == 0 || json.Unmarshal(raw, &rec) != nil {
		return grantsSeen{}, false
	}
	g := grantsSeen{Approved: make([]grantSeenTo, 0, len(rec.Orgnos))}
	if rec.At > 0 {
		g.At = time.Unix(rec.At, 0)
	}
	for _, orgno := range rec.Orgnos {
		g.Approved = append(g.Approved, grantSeenTo{Orgno: orgno, Name: rec.Names[orgno]})
	}
	return g, true
}

// storeGrantsSeen writes g; a record that cannot be written is left out,
// and the Delete reads the list.
func storeGrantsSeen(ctx context.Context, p privateStateSetter, g grantsSeen) {
	rec := grantsSeenRecord{At: g.At.Unix(), Orgnos: make([]string, 0, len(g.Approved))}
	if g.At.IsZero() {
		rec.At = 0
	}
	for _, a := range g.Approved {
		rec.Orgnos = append(rec.Orgnos, a.Orgno)
		if a.Name != "" {
			if rec.Names == nil {
				rec.Names = map[string]string{}
			}
			rec.Names[a.Orgno] = a.Name
		}
	}
	if raw, err := json.Marshal(rec); err == nil {
		_ = p.SetKey(ctx, grantsSeenKey, raw)
	}
}

// dropGrantsSeen removes the record (the framework removes a key set to
// nothing).
func dropGrantsSeen(ctx context.Context, p privateStateSetter) {
	_ = p.SetKey(ctx, grantsSeenKey, nil)
}

// approvedOf is the record of the approved grants in a list just read.
func approvedOf(grants []portal.AccessGrant, at time.Time) grantsSeen {
	g := grantsSeen{At: at, Approved: []grantSeenTo{}}
	for _, a := range grants {
		if a.State == portal.GrantApproved {
			g.Approved = append(g.Approved, grantSeenTo{Orgno: a.ConsumerOrgno, Name: a.ConsumerOrganizationName})
		}
	}
	slices.SortFunc(g.Approved, func(a, b grantSeenTo) int { return strings.Compare(a.Orgno, b.Orgno) })
	return g
}

// grantsSeenByScope is what the destroy plan's grant resources handed on,
// by scope, for the scopes' destroy plans in the same process.
type grantsSeenByScope struct {
	mu      sync.Mutex
	byScope map[string]grantsSeen
}

// handOn keeps the record of a grant resource's private state for its
// scope's destroy plan; of two records, the newer counts.
func (g *grantsSeenByScope) handOn(ctx context.Context, scope string, p privateState) {
	seen, ok := loadGrantsSeen(ctx, p)
	if !ok || seen.At.IsZero() {
		return
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.byScope == nil {
		g.byScope = map[string]grantsSeen{}
	}
	if old, ok := g.byScope[scope]; !ok || seen.At.After(old.At) {
		g.byScope[scope] = seen
	}
}

// takeInto writes the record handed on for scope, if any, into the scope's
// planned private state.
func (g *grantsSeenByScope) takeInto(ctx context.Context, scope string, p privateStateSetter) {
	g.mu.Lock()
	seen, ok := g.byScope[scope]
	g.mu.Unlock()
	if ok {
		storeGrantsSeen(ctx, p, seen)
	}
}

// keepLeadersGrantsSeen is krr_scope_access's part of the refresh: when
// the scope's list was read for this refresh (shared, so nothing more is
// read) and consumer comes first among its approved grants, it keeps the
// list in the grant's private state.
func keepLeadersGrantsSeen(ctx context.Context, c *portal.Client, scope, consumer string, p privateStateSetter) {
	grants, ok := c.LoadedScopeGrants(scope)
	if !ok {
		return
	}
	// Every grant of the scope is refreshed: find the leader in one pass,
	// and build the record only for it.
	leader := ""
	for _, g := range grants {
		if g.State == portal.GrantApproved && (leader == "" || g.ConsumerOrgno < leader) {
			leader = g.ConsumerOrgno
		}
	}
	if leader != consumer {
		return
	}
	storeGrantsSeen(ctx, p, approvedOf(grants, time.Now()))
}

// approvedToRevoke lists a scope's approved grants for a Delete (the
// scope's, or krr_scope_consumers'): from the refresh's record in private
// state when it is fresh, brought up to date with this process's own grant
// writes, and otherwise from the portal.
func approvedToRevoke(ctx context.Context, c *portal.Client, name string, p privateState) ([]grantSeenTo, error) {
	if seen, ok := loadGrantsSeen(ctx, p); ok && !seen.At.IsZero() && time.Since(seen.At) < grantsSeenFresh {
		names := map[string]string{}
		orgnos := make([]string, 0, len(seen.Approved))
		for _, g := range seen.Approved {
			names[g.Orgno] = g.Name
			orgnos = append(orgnos, g.Orgno)
		}
		var out []grantSeenTo
		for _, orgno := range c.ApprovedAfterOwnWrites(name, orgnos) {
			out = append(out, grantSeenTo{Orgno: orgno, Name: names[orgno]})
		}
		return out, nil
	}
	grants, err := c.ListScopeAccess(ctx, name)
	if portal.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return approvedOf(grants, time.Time{}).Approved, nil
}
