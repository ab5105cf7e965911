package scopes

import "github.com/platform-iac/terraform-provider-krr/internal/provider/framework"

// Rules is what one provider instance knows about the scopes that its
// clients and grants may use: the organisation's prefixes and every
// organisation's, the scope facts, the scopes it plans, and which resource
// manages each scope's grants. It is read once per plan or apply and shared
// by every resource of the instance.
type Rules struct {
	*framework.ProviderData
	prefixes    prefixCache
	allPrefixes prefixDirectory
	facts       scopeFactsCache
	Planned     PlannedScopes
	// grantManagers: which resources manage each scope's grants in this plan.
	grantManagers grantManagers
	// grantsSeen: the grant lists a destroy plan hands from the grant
	// resources to their scopes (scope_grants_seen.go).
	grantsSeen grantsSeenByScope
	// newScopes: the scopes this provider instance made with a POST the
	// portal answered, which have no grant yet.
	newScopes newScopes
}

type scopeRulesKey struct{}

// RulesOf returns the scope rules of the provider instance d.
func RulesOf(d *framework.ProviderData) *Rules {
	return framework.InstanceState(d, scopeRulesKey{}, func() *Rules { return &Rules{ProviderData: d} })
}
