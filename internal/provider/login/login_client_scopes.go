package login

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/scopes"
)

// Other organisations' scopes on api_klient and ansattporten clients are
// judged as krr_client's are, by scopes.Rules: ID-porten's own scopes
// (openid, profile, eidas, no_pid) are left out, since they are nobody's
// prefix and scopes.Rules would call them impossible; scopeRules judges
// them.

// apiScopes are the known elements of set that are scope names
// (prefix:subscope), for the kinds whose clients may carry them.
func apiScopes(kind string, set types.Set) []string {
	if kind == typeIDporten { // refused by scopeRules already, with Digdir's rule
		return nil
	}
	return scopes.KnownNames(set)
}

// planScopeCheck is the plan-time half: a scope that cannot become usable
// whatever the apply does (its prefix is no organisation's, a KRR scope
// on the wrong kind, …) is an error; any other that is not usable now is
// a warning, and checked again before the write.
func (r *loginClientResource) planScopeCheck(ctx context.Context, plan, prior loginClientModel, diags *diag.Diagnostics) {
	kind := framework.KnownString(plan.IntegrationType)
	named := apiScopes(kind, plan.Scopes)
	if len(named) == 0 {
		return
	}
	rules := scopes.RulesOf(r.Data)
	facts, _, err := rules.Facts(ctx)
	if err != nil {
		framework.AddPortalError(diags, "Unable to check the login client's scopes", err, r.Data.Environment)
		return
	}
	judge := rules.Judge(facts, &rules.Planned)
	carried := map[string]bool{}
	for _, name := range scopes.KnownNames(prior.Scopes) {
		carried[name] = true
	}
	for _, name := range named {
		v, err := judge.Decide(ctx, name, kind)
		switch {
		case err != nil:
			framework.AddPortalError(diags, "Unable to check the login client's scopes", err, r.Data.Environment)
			return
		case v.Usable:
		case v.Certain:
			diags.AddAttributeError(path.Root("scopes"), v.Summary, v.Detail)
		case carried[name]:
			diags.AddAttributeWarning(path.Root("scopes"), "Scope on the client no longer usable",
				fmt.Sprintf("Login client %s (%s) carries scope %s, which its organisation can no longer use. %s "+
					"Until that changes, the portal refuses any change to the client: have access restored, or remove "+
					"the scope from scopes.", prior.ID.ValueString(), prior.ClientName.ValueString(), name, v.Detail))
		default:
			diags.AddAttributeWarning(path.Root("scopes"), v.Summary+" (checked again at apply)", v.Detail+
				" The plan goes ahead, since a change in this same apply may still make the scope usable (a grant "+
				"by its owner through another provider block, or a krr_scope that creates it). The provider checks "+
				"again just before it writes the client, and stops there, with nothing written, if the scope is "+
				"still not usable.")
		}
	}
}

// scopesUsableBeforeWrite is the apply-time half: every scope name the
// client carries must be usable now, judged from a fresh read when the
// facts read earlier in this run refuse one (a grant made earlier in this
// apply is not in them). It returns false, with an error on scopes, when
// the write must not go.
func (r *loginClientResource) scopesUsableBeforeWrite(ctx context.Context, in portal.Integration, verb string, diags *diag.Diagnostics) bool {
	var named []string
	if in.IntegrationType != typeIDporten {
		for _, s := range in.Scopes {
			if !builtinScope(s) {
				named = append(named, s)
			}
		}
	}
	if len(named) == 0 {
		return true
	}
	refused, err := scopes.RulesOf(r.Data).UnusableBeforeWrite(ctx, named, in.IntegrationType)
	if err != nil {
		framework.AddPortalError(diags, "Unable to check the login client's scopes", err, r.Data.Environment)
		return false
	}
	for _, v := range refused {
		diags.AddAttributeError(path.Root("scopes"), v.Summary, fmt.Sprintf("%s Nothing was written: login client "+
			"%q has not been %s.", v.Detail, in.ClientName, verb))
	}
	return len(refused) == 0
}
