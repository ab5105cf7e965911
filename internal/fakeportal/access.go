package fakeportal

import (
	"fmt"
	"net/http"
	"sort"
)

// grantView is the copy of g the API answers with, organisation names filled
// in from the seeded organisations ("" for one the fake does not know).
func (f *Fake) grantView(g *Grant) Grant {
	v := *g
	v.OwnerOrganizationName = f.orgName(g.OwnerOrgno)
	v.ConsumerOrganizationName = f.orgName(g.ConsumerOrgno)
	return v
}

func sortGrants(gs []Grant) {
	sort.Slice(gs, func(i, j int) bool {
		if gs[i].Scope != gs[j].Scope {
			return gs[i].Scope < gs[j].Scope
		}
		return gs[i].ConsumerOrgno < gs[j].ConsumerOrgno
	})
}

// GET /scopes/access?scope=NAME[&consumer_orgno=N]: every grant of one of the
// caller's scopes, any state. Without scope, consumer_orgno lists what that
// consumer has of all the caller's scopes.
func (f *Fake) listGrants(c *call) (any, error) {
	consumer := c.query("consumer_orgno")
	if consumer != "" {
		if err := checkOrgno("consumer_orgno", consumer); err != nil {
			return nil, err
		}
	}
	scopeName := c.query("scope")
	if scopeName == "" && consumer == "" {
		return nil, &apiError{Status: http.StatusBadRequest, Object: "ScopeAccess", Fields: []fieldError{{
			Field: "scope", Msg: "give the query parameter scope, consumer_orgno or both"}}}
	}
	if scopeName != "" {
		if _, err := f.callerScope(c); err != nil {
			return nil, err
		}
	}
	out := []Grant{}
	for _, g := range f.state.Grants {
		if g.OwnerOrgno != c.caller ||
			(scopeName != "" && g.Scope != scopeName) ||
			(consumer != "" && g.ConsumerOrgno != consumer) {
			continue
		}
		out = append(out, f.grantView(g))
	}
	if len(out) == 0 {
		// Nothing granted: the portal's "does not have any" (§11).
		switch {
		case scopeName == "":
			return nil, noneOf("organization "+consumer, "access to the scopes of organization "+c.caller)
		case consumer != "":
			return nil, noneOf("scope "+scopeName, "access grants for organization "+consumer)
		}
		return nil, noneOf("scope "+scopeName, "access grants")
	}
	sortGrants(out)
	return out, nil
}

// GET /scopes/access/all: grants given to the caller, the consumer's view,
// every state (a client counts the APPROVED ones). None is the portal's
// "does not have any" (§11).
func (f *Fake) grantsToCaller(c *call) (any, error) {
	out := []Grant{}
	for _, g := range f.state.Grants {
		if g.ConsumerOrgno == c.caller {
			out = append(out, f.grantView(g))
		}
	}
	if len(out) == 0 {
		return nil, noneOf("organization "+c.caller, "access grants to other organizations' scopes")
	}
	sortGrants(out)
	return out, nil
}

// PUT /scopes/access/{orgno}?scope=NAME: grant, or re-approve a revoked
// grant. Idempotent; no body.
func (f *Fake) grantAccess(c *call) (any, error) {
	consumer := c.param("orgno")
	if err := checkOrgno("consumer_orgno", consumer); err != nil {
		return nil, err
	}
	s, err := f.callerScope(c)
	if err != nil {
		return nil, err
	}
	if !s.Active {
		return nil, conflict(fmt.Sprintf("scope %s is inactive; bring it back with PUT and active true before giving access", s.Name))
	}
	key := GrantKey{Scope: s.Name, Consumer: consumer}
	g, ok := f.state.Grants[key]
	if !ok {
		ts := f.timestamp()
		g = &Grant{Scope: s.Name, OwnerOrgno: s.OwnerOrgno, ConsumerOrgno: consumer,
			State: GrantApproved, Created: ts, LastUpdated: ts}
		f.state.Grants[key] = g
		return f.grantView(g), nil
	}
	if g.State != GrantApproved {
		g.State = GrantApproved
		g.LastUpdated = f.touch(g.LastUpdated)
	}
	return f.grantView(g), nil
}

// DELETE /scopes/access/{orgno}?scope=NAME: revoke. The grant stays, DENIED
// [choice]; revoking what was never granted is 404.
func (f *Fake) revokeAccess(c *call) (any, error) {
	consumer := c.param("orgno")
	if err := checkOrgno("consumer_orgno", consumer); err != nil {
		return nil, err
	}
	s, err := f.callerScope(c)
	if err != nil {
		return nil, err
	}
	g, ok := f.state.Grants[GrantKey{Scope: s.Name, Consumer: consumer}]
	if !ok {
		return nil, notFound(fmt.Sprintf("organisation %s has no access to scope %s", consumer, s.Name))
	}
	if g.State != GrantDenied {
		g.State = GrantDenied
		g.LastUpdated = f.touch(g.LastUpdated)
	}
	return f.grantView(g), nil
}
