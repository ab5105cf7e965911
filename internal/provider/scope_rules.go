package provider

// scopeRules is what one provider instance knows about the scopes that its
// clients and grants may use: the organisation's prefixes and every
// organisation's, the scope facts, the scopes it plans, and which resource
// manages each scope's grants. It is read once per plan or apply and shared
// by every resource of the instance.
type scopeRules struct {
	*providerData
	prefixes    prefixCache
	allPrefixes prefixDirectory
	facts       scopeFactsCache
	planned     plannedScopes
	// grantManagers: which resources manage each scope's grants in this plan.
	grantManagers grantManagers
}

type scopeRulesKey struct{}

// scopeRulesOf returns the scope rules of the provider instance d.
func scopeRulesOf(d *providerData) *scopeRules {
	return instanceState(d, scopeRulesKey{}, func() *scopeRules { return &scopeRules{providerData: d} })
}
