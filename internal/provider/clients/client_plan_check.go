package clients

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/scopes"
)

// ModifyPlan fills in what a new client's plan can already know (its
// organisation, and its id when client_id is set), and checks the client's
// scopes: the seed FAQ's "the scope is missing when I add scopes" becomes a
// diagnostic that says whom to ask.
//
// A plan-time check never refuses a plan that would succeed. It refuses only
// a scope that cannot exist (its prefix is no organisation's). Anything else
// that the portal shows as unusable may still become usable in this same
// apply: a grant by the scope's owner through another provider block, or a
// krr_scope that creates the scope. That is a warning here, and Create and
// Update check again, from a fresh read, just before they write.
//
// Values not known yet (the whole set, one element of it, the organisation)
// are left to that check at apply.
func (r *clientResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.Data == nil {
		return
	}
	if req.Plan.Raw.IsNull() {
		RecordDestroyed(ctx, r.Data, req.State)
		return
	}
	var plan, prior clientModel
	framework.ReadAttributes(ctx, req.Plan, &resp.Diagnostics, framework.Attr("client_id", &plan.ClientID),
		framework.Attr("integration_type", &plan.IntegrationType), framework.Attr("scopes", &plan.Scopes),
		framework.Attr("client_orgno", &plan.ClientOrgno))
	creating := req.State.Raw.IsNull()
	if !creating {
		framework.ReadAttributes(ctx, req.State, &resp.Diagnostics, framework.Attr("id", &prior.ID),
			framework.Attr("client_name", &prior.ClientName), framework.Attr("scopes", &prior.Scopes))
	}
	if resp.Diagnostics.HasError() {
		return
	}
	if creating && !plan.ClientID.IsUnknown() && !plan.ClientID.IsNull() {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), plan.ClientID)...)
	}

	checkKRRClientScopes(plan.IntegrationType, plan.Scopes, &resp.Diagnostics)
	named := scopes.KnownNames(plan.Scopes)
	fillOrgno := creating && plan.ClientOrgno.IsUnknown()
	if len(named) == 0 && !fillOrgno {
		return
	}
	caller, err := r.Data.Client.CallerOrgno(ctx)
	if err != nil {
		framework.AddPortalError(&resp.Diagnostics, "Unable to check the client's scopes", err, r.Data.Environment)
		return
	}
	if fillOrgno {
		plan.ClientOrgno = types.StringValue(caller)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("client_orgno"), caller)...)
	}
	// Only the caller's own grants can be seen: a supplier's client for
	// another organisation is checked by the portal.
	if len(named) == 0 || plan.ClientOrgno.IsUnknown() || plan.ClientOrgno.ValueString() != caller {
		return
	}
	rules := scopes.RulesOf(r.Data)
	facts, _, err := rules.Facts(ctx)
	if err != nil {
		framework.AddPortalError(&resp.Diagnostics, "Unable to check the client's scopes", err, r.Data.Environment)
		return
	}
	judge := rules.Judge(facts, &rules.Planned)
	carried := map[string]bool{}
	for _, name := range scopes.KnownNames(prior.Scopes) {
		carried[name] = true
	}
	for _, name := range named {
		v, err := judge.Decide(ctx, name, framework.KnownString(plan.IntegrationType))
		switch {
		case err != nil:
			framework.AddPortalError(&resp.Diagnostics, "Unable to check the client's scopes", err, r.Data.Environment)
			return
		case v.Usable:
		case v.Certain:
			resp.Diagnostics.AddAttributeError(path.Root("scopes"), v.Summary, v.Detail)
		case carried[name]:
			// The client has it already: its owner revoked the grant or
			// deactivated the scope since (item 5 of the consumer's view).
			resp.Diagnostics.AddAttributeWarning(path.Root("scopes"), "Scope on the client no longer usable",
				fmt.Sprintf("Client %s (%s) carries scope %s, which organisation %s can no longer use. %s Until that "+
					"changes, Maskinporten gives the client no token for the scope, and the portal refuses any "+
					"change to the client: have access restored, or remove the scope from scopes.",
					prior.ID.ValueString(), prior.ClientName.ValueString(), name, caller, v.Detail))
		default:
			resp.Diagnostics.AddAttributeWarning(path.Root("scopes"), v.Summary+" (checked again at apply)", v.Detail+" The plan goes ahead, "+
				"since a change in this same apply may still make the scope usable (a grant by its owner through "+
				"another provider block, or a krr_scope that creates it). The provider checks again just before it "+
				"writes the client, and stops there, with nothing written, if the scope is still not usable.")
		}
	}
}

// RecordDestroyed tells the scope rules that this plan destroys the client
// of state, so that its scopes' destroys do not warn about it.
func RecordDestroyed(ctx context.Context, d *framework.ProviderData, state tfsdk.State) {
	var id types.String
	if diags := state.GetAttribute(ctx, path.Root("client_id"), &id); !diags.HasError() && id.ValueString() != "" {
		scopes.RecordClientDestroyed(d, id.ValueString())
	}
}
