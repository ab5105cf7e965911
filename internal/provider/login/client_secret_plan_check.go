package login

import (
	"context"
	"fmt"
	"slices"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

var pathClientID = path.Root("client_id")

// clock is the clock of rotate_after_days and of a secret's created; tests
// set it (SetClockForTest) while a provider they serve in-process reads it.
var clock atomic.Pointer[func() time.Time]

func now() time.Time {
	if c := clock.Load(); c != nil {
		return (*c)()
	}
	return time.Now()
}

// ModifyPlan refuses, when certain, a secret for a client that has none,
// and replaces a secret older than rotate_after_days.
func (r *clientSecretResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.Data == nil {
		return
	}
	var plan clientSecretModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if req.State.Raw.IsNull() {
		r.planNewSecret(ctx, plan, resp)
		return
	}
	var prior clientSecretModel
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	created, err := time.Parse(time.RFC3339, prior.Created.ValueString())
	if err != nil {
		return // a state written by hand; the next rotation sets it right
	}
	if plan.RotateAfterDays.IsNull() || plan.RotateAfterDays.IsUnknown() {
		warnExpiry(prior, created, resp)
		return
	}
	days := plan.RotateAfterDays.ValueInt64()
	age := now().Sub(created)
	if age <= time.Duration(days)*24*time.Hour {
		return
	}
	// The secret's own attributes change, so that Terraform takes the
	// replacement asked for on client_secret (it replaces only for a path
	// whose value changes).
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("client_secret"), types.StringUnknown())...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("created"), types.StringUnknown())...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("expires"), types.StringUnknown())...)
	resp.RequiresReplace = append(resp.RequiresReplace, path.Root("client_secret"))
	resp.Diagnostics.AddAttributeWarning(path.Root("rotate_after_days"), "Client secret due for rotation",
		fmt.Sprintf("The secret of client %s was made %s, %d days ago, and rotate_after_days is %d: this plan "+
			"replaces it with a new one. The old secret stops working when the new one is made; roll the new "+
			"client_secret out to the application in the same change.",
			prior.ClientID.ValueString(), prior.Created.ValueString(), int64(age/(24*time.Hour)), days))
}

// planNewSecret refuses a new secret for a client that certainly cannot
// have one: one this plan gives a method without a secret (a
// krr_login_client planned before, in this provider instance), or one the
// portal holds without a secret that this plan does not change. A client
// the plan cannot see yet (its id not known, not in the portal yet) is
// checked at apply, before the write.
func (r *clientSecretResource) planNewSecret(ctx context.Context, plan clientSecretModel, resp *resource.ModifyPlanResponse) {
	id := framework.KnownString(plan.ClientID)
	if id == "" {
		return
	}
	if method, planned := plannedMethodsOf(r.Data).lookup(id); planned {
		if !usesSecret(method) {
			resp.Diagnostics.AddAttributeError(pathClientID, "Client cannot have a secret", fmt.Sprintf(
				"This plan gives client %s token_endpoint_auth_method %q: only a client that signs in with "+
					"client_secret_basic or client_secret_post has a secret. Change its krr_login_client's "+
					"token_endpoint_auth_method, or remove this krr_client_secret (with private_key_jwt, register the "+
					"application's key with krr_client_jwks instead).", id, method))
		}
		return
	}
	client, err := r.Data.Client.GetIntegration(ctx, id)
	switch {
	case portal.IsNotFound(err):
		return // made in this apply, perhaps: checked before the write
	case err != nil:
		framework.AddPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to read client %s", id), err, r.Data.Environment)
		return
	}
	if why := secretRefusal(client); why != "" && !slices.Contains(loginIntegrationTypes, client.IntegrationType) {
		// Certain: a maskinporten or krr client always signs in with a
		// key (krr_client allows nothing else).
		resp.Diagnostics.AddAttributeError(pathClientID, "Client cannot have a secret", why)
		return
	} else if why != "" {
		// Not certain: a krr_login_client planned after this resource
		// may still change the client in this apply.
		resp.Diagnostics.AddAttributeWarning(pathClientID, "Client cannot have a secret now (checked again at apply)",
			why+" The plan goes ahead, since a change in this same apply may still give the client a secret "+
				"method; the provider checks again just before it asks for the secret, and stops there, with nothing "+
				"written, if the client still cannot have one.")
	}
}

// warnExpiry says, when nothing rotates the secret by age, that it has
// expired in the portal or will within 30 days, and what to do.
func warnExpiry(prior clientSecretModel, created time.Time, resp *resource.ModifyPlanResponse) {
	expires := created.Add(secretLifetimeDays * 24 * time.Hour)
	left := expires.Sub(now())
	if left > 30*24*time.Hour {
		return
	}
	what := fmt.Sprintf("expires on %s, in %d days", expires.Format(time.DateOnly), int64(left/(24*time.Hour)))
	if left <= 0 {
		what = "expired on " + expires.Format(time.DateOnly) + ": the portal no longer accepts it"
	}
	resp.Diagnostics.AddAttributeWarning(path.Root("rotation_triggers"), "Client secret expiring",
		fmt.Sprintf("The secret of client %s, made %s, %s. Rotate it: change rotation_triggers, or set "+
			"rotate_after_days (for example 300) so that plans rotate it in time.", prior.ClientID.ValueString(),
			prior.Created.ValueString(), what))
}
