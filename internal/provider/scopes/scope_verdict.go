package scopes

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
)

// Verdict says whether a client of the caller's organisation may carry
// a scope, and if not, why, in the user's terms.
type Verdict struct {
	Usable bool
	// Certain: the scope cannot become usable whatever the rest of the apply
	// does (its prefix is no organisation's), so a plan may refuse it.
	// Anything else could still change before the client is written: a
	// grant by its owner through another provider block, a krr_scope that
	// creates it, an owner that widens its integration types.
	Certain bool
	Summary string
	Detail  string
}

// Judge judges scopes for clients of the organisation the credentials
// act for.
type Judge struct {
	facts       *Facts
	environment string
	// prefixOwner finds who owns a prefix (GET /prefix/all).
	prefixOwner func(ctx context.Context, prefix string) (portal.Prefix, bool, error)
	// planned holds the scopes this provider instance plans to create or
	// bring back; nil at apply, where only the portal counts.
	planned *PlannedScopes
}

func (d *Rules) Judge(facts *Facts, planned *PlannedScopes) Judge {
	return Judge{facts: facts, environment: d.Environment, prefixOwner: d.prefixOwner, planned: planned}
}

func usable() Verdict { return Verdict{Usable: true} }

// Decide decides for the scope name (already known to have the form
// prefix:subscope) on a client of integrationType ("" when not known yet).
// A scope that cannot be used comes with the usable scopes close in name:
// the likely typo behind it. Those the same plan deactivates are left out:
// offering the old version of a scope being renamed or versioned would
// send the user to a scope that is about to go.
func (j Judge) Decide(ctx context.Context, name, integrationType string) (Verdict, error) {
	v, err := j.verdict(ctx, name, integrationType)
	if err != nil || v.Usable {
		return v, err
	}
	available := slices.DeleteFunc(j.facts.available(), func(s AvailableScope) bool { return j.planned.deactivates(s.Name) })
	if near := closeScopeNames(name, available); len(near) > 0 {
		v.Detail += " Scopes close in name that it may use: " + strings.Join(near, ", ") + "."
	}
	return v, nil
}

func (j Judge) verdict(ctx context.Context, name, integrationType string) (Verdict, error) {
	f := j.facts
	if v, ok := j.krrVerdict(name, integrationType); ok { // KRR's own scopes: Digdir's fixed rule
		return v, nil
	}
	if p, ok := j.planned.lookup(name); ok {
		if p.TypesKnown {
			return j.typeVerdict(name, integrationType, p.AllowedIntegrationTypes), nil
		}
		return usable(), nil
	}
	if s, ok := f.Own[name]; ok {
		if !s.Active {
			return unusableScope("Scope is deactivated", fmt.Sprintf("Scope %s is organisation %s's own, and it is "+
				"deactivated in the %s environment. A krr_scope for it brings it back when applied; refer to its "+
				"name (scopes = [krr_scope.<name>.name]) so that the client is written after it.",
				name, f.Caller, j.environment)), nil
		}
		return j.typeVerdict(name, integrationType, s.AllowedIntegrationTypes), nil
	}

	prefix, _, _ := strings.Cut(name, ":")
	owner, exists, err := j.prefixOwner(ctx, prefix)
	if err != nil {
		return Verdict{}, err
	}
	switch {
	case !exists:
		v := unusableScope("Scope cannot exist", fmt.Sprintf("Scope %s cannot be used: %q is not any organisation's "+
			"prefix in the %s environment, so no scope of that name can exist. Check the name for a typo.",
			name, prefix, j.environment))
		v.Certain = true
		return v, nil
	case owner.OwnerOrgno == f.Caller:
		return unusableScope("Scope does not exist yet", fmt.Sprintf("Scope %s does not exist yet: %q is organisation "+
			"%s's own prefix, but it has no scope of that name in the %s environment. If a krr_scope in this "+
			"configuration creates it, refer to its name (scopes = [krr_scope.<name>.name]) so that the client "+
			"is written after it.", name, prefix, f.Caller, j.environment)), nil
	}

	ownerLabel := orgLabel(owner.OwnerOrgno, owner.OrganizationName)
	public, inCatalogue := f.Catalogue[name]
	grant, granted := f.Granted[name]
	switch {
	case inCatalogue && !public.Active:
		return unusableScope("Scope deactivated by its owner", fmt.Sprintf("Scope %s has been deactivated by its "+
			"owner, %s, in the %s environment. Maskinporten gives no tokens for it. Ask %s whether it has a "+
			"replacement, or remove it from the client.", name, ownerLabel, j.environment, ownerLabel)), nil
	case granted && grant.State == portal.GrantApproved, inCatalogue && public.AccessibleForAll:
		if inCatalogue {
			return j.typeVerdict(name, integrationType, public.AllowedIntegrationTypes), nil
		}
		// Another's private scope: its integration types cannot be seen.
		return usable(), nil
	case granted && grant.State == portal.GrantDenied:
		return unusableScope("Access to the scope revoked", fmt.Sprintf("Scope %s has not been shared with organisation "+
			"%s in the %s environment: its owner, %s, has revoked the organisation's access (the grant is %s). "+
			"Ask the API provider, %s, to give organisation %s access again.",
			name, f.Caller, j.environment, ownerLabel, grant.State, ownerLabel, f.Caller)), nil
	}
	v := unusableScope("Scope not shared with the organisation", fmt.Sprintf("Scope %s has not been shared with "+
		"organisation %s in the %s environment: it is neither the organisation's own, nor granted to it, nor open "+
		"to all. Samarbeidsportalen's FAQ: most likely the API provider has not given your organisation access, or "+
		"gave it in another environment. Ask the API provider, %s, to give organisation %s access in the %s "+
		"environment; the data source krr_available_scopes lists what the organisation may use.",
		name, f.Caller, j.environment, ownerLabel, f.Caller, j.environment))
	if granted && grant.State == portal.GrantRequested {
		v.Detail += " Access has been requested and is waiting for the owner's approval."
	}
	return v, nil
}

// typeVerdict checks the client's integration type against a scope's
// allowed ones (empty: any).
func (j Judge) typeVerdict(name, integrationType string, allowed []string) Verdict {
	if integrationType == "" || typeAllowed(allowed, integrationType) {
		return usable()
	}
	return unusableScope("Scope not allowed for this kind of client", fmt.Sprintf("Scope %s may not be used by %s "+
		"clients; its owner allows only: %s.", name, integrationType, strings.Join(allowed, ", ")))
}

func unusableScope(summary, detail string) Verdict {
	return Verdict{Summary: summary, Detail: detail}
}

// orgLabel names an organisation by number, and by name when it is known.
func orgLabel(orgno, name string) string {
	if name == "" {
		return "organisation " + orgno
	}
	return fmt.Sprintf("organisation %s (%s)", orgno, name)
}
