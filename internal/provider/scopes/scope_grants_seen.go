package scopes

import (
	"context"
	"encoding/json"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
)

// A destroy reads each scope's grants twice without this: once in the
// refresh, where krr_scope_access and krr_scope_consumers read the list,
// and once more when the scope's Delete looks for grants left to revoke.
// The two run in different provider processes, so the only way from one
// to the other is the scope's private state. The refresh keeps the
// approved grants it saw there; the Delete revokes those, brought up to
// date with the grant writes its own process made, when the list is
// fresh, and reads the list as before when it is not.

// grantsSeenKey is the private-state key of a scope's grants as last read.
const grantsSeenKey = "approved_grants_seen"

// grantsSeenFresh is how old a list the Delete trusts. A refresh and the
// apply that follows it take seconds to minutes; a saved destroy plan
// applied later than this reads the list again.
const grantsSeenFresh = 10 * time.Minute

// grantsSeen is what a refresh saw of a scope's approved grants.
type grantsSeen struct {
	// At is when the list was read; zero when the refresh did not read it
	// (the last list had no approved grant), and the Delete must read.
	At       time.Time     `json:"at"`
	Approved []grantSeenTo `json:"approved"`
}

type grantSeenTo struct {
	Orgno string `json:"orgno"`
	Name  string `json:"name,omitempty"`
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
	var g grantsSeen
	if p == nil {
		return g, false
	}
	raw, diags := p.GetKey(ctx, grantsSeenKey)
	if diags.HasError() || len(raw) == 0 || json.Unmarshal(raw, &g) != nil {
		return grantsSeen{}, false
	}
	return g, true
}

// storeGrantsSeen writes g; a record that cannot be written is left out,
// and the Delete reads the list.
func storeGrantsSeen(ctx context.Context, p privateStateSetter, g grantsSeen) {
	if raw, err := json.Marshal(g); err == nil {
		_ = p.SetKey(ctx, grantsSeenKey, raw)
	}
}

// clearGrantsSeen leaves a record that makes the Delete read the list.
func clearGrantsSeen(ctx context.Context, p privateStateSetter) {
	_ = p.SetKey(ctx, grantsSeenKey, []byte(`{}`))
}

// approvedOf is the record of the approved grants in a list just read.
func approvedOf(grants []portal.AccessGrant, at time.Time) grantsSeen {
	g := grantsSeen{At: at, Approved: []grantSeenTo{}}
	for _, a := range grants {
		if a.State == portal.GrantApproved {
			g.Approved = append(g.Approved, grantSeenTo{Orgno: a.ConsumerOrgno, Name: a.ConsumerOrganizationName})
		}
	}
	return g
}

// refreshGrantsSeen is the refresh's part: read the scope's grants from the
// list the grant reads of this run share, and keep the approved ones. A
// scope whose last list had none is not read again (most scopes that are
// open to all never have a grant); its record then says to read at Delete.
func (r *scopeResource) refreshGrantsSeen(ctx context.Context, name string, prior privateState, out privateStateSetter) {
	if last, ok := loadGrantsSeen(ctx, prior); ok && len(last.Approved) == 0 {
		clearGrantsSeen(ctx, out)
		return
	}
	grants, err := r.Data.Client.ScopeGrants(ctx, name)
	switch {
	case portal.IsNotFound(err):
		storeGrantsSeen(ctx, out, approvedOf(nil, time.Now()))
	case err != nil:
		clearGrantsSeen(ctx, out) // the Delete reads; the refresh itself is not the grants' to fail
	default:
		storeGrantsSeen(ctx, out, approvedOf(grants, time.Now()))
	}
}

// approvedToRevoke lists the scope's approved grants for its Delete: from
// the refresh's record when it is fresh, brought up to date with this
// process's own grant writes, and otherwise from the portal.
func (r *scopeResource) approvedToRevoke(ctx context.Context, name string, p privateState) ([]grantSeenTo, error) {
	if seen, ok := loadGrantsSeen(ctx, p); ok && !seen.At.IsZero() && time.Since(seen.At) < grantsSeenFresh {
		names := map[string]string{}
		orgnos := make([]string, 0, len(seen.Approved))
		for _, g := range seen.Approved {
			names[g.Orgno] = g.Name
			orgnos = append(orgnos, g.Orgno)
		}
		var out []grantSeenTo
		for _, orgno := range r.Data.Client.ApprovedAfterOwnWrites(name, orgnos) {
			out = append(out, grantSeenTo{Orgno: orgno, Name: names[orgno]})
		}
		return out, nil
	}
	grants, err := r.Data.Client.ListScopeAccess(ctx, name)
	if portal.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return approvedOf(grants, time.Time{}).Approved, nil
}
