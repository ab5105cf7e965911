package login

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/provider/clients"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

// ModifyPlan fills in what a new client's plan can know already (its id
// when client_id is set, its organisation), and checks every rule of the
// combination table that the known values decide, before anything is
// written. A plan-time check never refuses a plan that would succeed: what
// is not known yet is checked again at apply, before the write.
func (r *loginClientResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		if r.Data != nil {
			clients.RecordDestroyed(ctx, r.Data, req.State)
		}
		return
	}
	var plan loginClientModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	creating := req.State.Raw.IsNull()
	var prior loginClientModel
	if !creating {
		resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	if creating && !plan.ClientID.IsUnknown() && !plan.ClientID.IsNull() {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), plan.ClientID)...)
	}
	production := r.Data != nil && r.Data.Environment == "prod"
	for _, b := range combinationRules(plan, production) {
		resp.Diagnostics.AddAttributeError(b.attr, b.summary, b.detail)
	}
	if advice := lifetimeAdvice(plan); advice != "" && (creating || lifetimesChange(plan, prior)) {
		resp.Diagnostics.AddAttributeWarning(path.Root("refresh_token_lifetime"), "Lifetimes against Digdir's advice", advice)
	}
	if !creating {
		warnSecretRemoved(plan, prior, &resp.Diagnostics)
	}
	if r.Data == nil || resp.Diagnostics.HasError() {
		return
	}
	if id := framework.KnownString(plan.ClientID); id != "" && !plan.TokenEndpointAuthMethod.IsUnknown() {
		plannedMethodsOf(r.Data).record(id, plan.TokenEndpointAuthMethod.ValueString())
	}
	if creating {
		caller, err := r.Data.Client.CallerOrgno(ctx)
		if err != nil {
			framework.AddPortalError(&resp.Diagnostics, "Unable to plan the login client", err, r.Data.Environment)
			return
		}
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("client_orgno"), types.StringValue(caller))...)
	}
	r.planScopeCheck(ctx, plan, prior, &resp.Diagnostics)
}

func lifetimesChange(plan, prior loginClientModel) bool {
	return !plan.AccessTokenLifetime.Equal(prior.AccessTokenLifetime) ||
		!plan.RefreshTokenLifetime.Equal(prior.RefreshTokenLifetime) ||
		!plan.AuthorizationLifetime.Equal(prior.AuthorizationLifetime)
}

// warnSecretRemoved makes visible what the portal does when a client stops
// using a secret: it removes the secret, so every application that signs
// in with it stops working, and any krr_client_secret of the client goes
// from state at its next refresh.
func warnSecretRemoved(plan, prior loginClientModel, diags *diag.Diagnostics) {
	from := prior.TokenEndpointAuthMethod.ValueString()
	if !usesSecret(from) || plan.TokenEndpointAuthMethod.IsUnknown() || usesSecret(plan.TokenEndpointAuthMethod.ValueString()) {
		return
	}
	diags.AddAttributeWarning(path.Root("token_endpoint_auth_method"), "The portal removes the client's secret",
		fmt.Sprintf("token_endpoint_auth_method changes from %q to %q on login client %s (%s). When it applies, the "+
			"portal removes the client's secret: an application that still signs in with it stops working at once, "+
			"and any krr_client_secret of this client is gone from the portal (it leaves the state at its next "+
			"refresh). Before applying: move the application to the new method (for private_key_jwt, register its "+
			"key with krr_client_jwks), and remove the client's krr_client_secret from the configuration.",
			from, plan.TokenEndpointAuthMethod.ValueString(), prior.ID.ValueString(), prior.ClientName.ValueString()))
}
