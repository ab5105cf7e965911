package login

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/provider/scopes"
)

// ssoDefault gives sso_disabled the default of the client's kind when it
// is left out: true for ansattporten, which the portal forces, false for
// the others. A static default cannot depend on another attribute.
type ssoDefault struct{}

func (ssoDefault) Description(context.Context) string {
	return "defaults to true for ansattporten, false otherwise"
}

func (m ssoDefault) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (ssoDefault) PlanModifyBool(ctx context.Context, req planmodifier.BoolRequest, resp *planmodifier.BoolResponse) {
	if !req.ConfigValue.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var kind types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("integration_type"), &kind)...)
	if kind.IsUnknown() || kind.IsNull() {
		resp.PlanValue = types.BoolUnknown()
		return
	}
	resp.PlanValue = types.BoolValue(kind.ValueString() == typeAnsattporten)
}

// grantTypeValidator refuses a grant type a login client cannot have:
// implicit, deprecated, or anything but authorization_code and
// refresh_token (portal-api.md §12).
type grantTypeValidator struct{}

func (grantTypeValidator) Description(context.Context) string {
	return "authorization_code or refresh_token"
}

func (v grantTypeValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (grantTypeValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	switch g := req.ConfigValue.ValueString(); g {
	case grantAuthorizationCode, grantRefreshToken:
	case grantImplicit:
		resp.Diagnostics.AddAttributeError(req.Path, "Grant type implicit is deprecated",
			"grant_types holds \"implicit\": the implicit flow is deprecated and the portal refuses it. A login "+
				"client uses \"authorization_code\" (with PKCE), and \"refresh_token\" when it wants refresh tokens.")
	default:
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid grant type", fmt.Sprintf(
			"grant_types holds %q; a login client may have only \"authorization_code\" (always) and "+
				"\"refresh_token\". Machine clients with the JWT grant are krr_client's.", g))
	}
}

// loginScopeNameValidator accepts ID-porten's protocol scopes (openid,
// profile, eidas, no_pid) and scope names of the form prefix:subscope.
type loginScopeNameValidator struct{}

func (loginScopeNameValidator) Description(context.Context) string {
	return "openid, profile, eidas, no_pid, or a scope name prefix:subscope"
}

func (v loginScopeNameValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (loginScopeNameValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || builtinScope(req.ConfigValue.ValueString()) {
		return
	}
	if err := scopes.CheckName(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid scope name", req.Path.String()+": "+err.Error()+
			" (or one of ID-porten's scopes openid, profile, eidas, no_pid)")
	}
}
