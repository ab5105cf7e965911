package scopes

import (
	"context"
	"slices"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

// scopeDataModel is a scope as the portal holds it: what the data sources
// show, and the part of krr_scope's state that comes from the portal.
type scopeDataModel struct {
	Name                       types.String `tfsdk:"name"`
	Prefix                     types.String `tfsdk:"prefix"`
	Subscope                   types.String `tfsdk:"subscope"`
	Description                types.String `tfsdk:"description"`
	LongDescription            types.String `tfsdk:"long_description"`
	Visibility                 types.String `tfsdk:"visibility"`
	TokenType                  types.String `tfsdk:"token_type"`
	AllowedIntegrationTypes    types.Set    `tfsdk:"allowed_integration_types"`
	AtMaxAge                   types.Int64  `tfsdk:"at_max_age"`
	AuthorizationMaxLifetime   types.Int64  `tfsdk:"authorization_max_lifetime"`
	RequiresUserConsent        types.Bool   `tfsdk:"requires_user_consent"`
	RequiresUserAuthentication types.Bool   `tfsdk:"requires_user_authentication"`
	RequiresPseudonymousTokens types.Bool   `tfsdk:"requires_pseudonymous_tokens"`
	AccessibleForAll           types.Bool   `tfsdk:"accessible_for_all"`
	DelegationSource           types.String `tfsdk:"delegation_source"`
	EnforcedAudForAccessToken  types.String `tfsdk:"enforced_aud_for_access_token"`
	OwnerOrgno                 types.String `tfsdk:"owner_orgno"`
	Active                     types.Bool   `tfsdk:"active"`
	Created                    types.String `tfsdk:"created"`
	LastUpdated                types.String `tfsdk:"last_updated"`
}

// scopeModel is krr_scope's state: the portal's scope, its id, and the
// provider-only argument revoke_access_on_destroy.
type scopeModel struct {
	ID types.String `tfsdk:"id"`
	scopeDataModel
	RevokeAccessOnDestroy types.Bool `tfsdk:"revoke_access_on_destroy"`
}

// toPortal is the full object a PUT or POST sends: every changeable field,
// active included (a PUT without it would deactivate the scope).
func (m scopeModel) toPortal(ctx context.Context, diags *diag.Diagnostics) portal.Scope {
	var integrationTypes []string
	diags.Append(m.AllowedIntegrationTypes.ElementsAs(ctx, &integrationTypes, false)...)
	sort.Strings(integrationTypes)
	return portal.Scope{
		Prefix:                     m.Prefix.ValueString(),
		Subscope:                   m.Subscope.ValueString(),
		Description:                m.Description.ValueString(),
		LongDescription:            m.LongDescription.ValueString(),
		Active:                     true,
		AllowedIntegrationTypes:    integrationTypes,
		TokenType:                  m.TokenType.ValueString(),
		Visibility:                 m.Visibility.ValueString(),
		RequiresUserConsent:        m.RequiresUserConsent.ValueBool(),
		RequiresUserAuthentication: m.RequiresUserAuthentication.ValueBool(),
		RequiresPseudonymousTokens: m.RequiresPseudonymousTokens.ValueBool(),
		AccessibleForAll:           m.AccessibleForAll.ValueBool(),
		DelegationSource:           m.DelegationSource.ValueString(),
		AtMaxAge:                   m.AtMaxAge.ValueInt64(),
		AuthorizationMaxLifetime:   m.AuthorizationMaxLifetime.ValueInt64(),
		EnforcedAudForAccessToken:  m.EnforcedAudForAccessToken.ValueString(),
	}
}

// fromPortal copies the portal's answer into the model; id follows name.
func (m *scopeModel) fromPortal(ctx context.Context, s *portal.Scope, diags *diag.Diagnostics) {
	m.ID = types.StringValue(s.Name)
	m.scopeDataModel = scopeDataFromPortal(ctx, s, diags)
}

func scopeDataFromPortal(ctx context.Context, s *portal.Scope, diags *diag.Diagnostics) scopeDataModel {
	set, d := types.SetValueFrom(ctx, types.StringType, framework.NonNilStrings(s.AllowedIntegrationTypes))
	diags.Append(d...)
	return scopeDataModel{
		Name:                       types.StringValue(s.Name),
		Prefix:                     types.StringValue(s.Prefix),
		Subscope:                   types.StringValue(s.Subscope),
		Description:                types.StringValue(s.Description),
		LongDescription:            types.StringValue(s.LongDescription),
		Visibility:                 types.StringValue(framework.OrDefault(s.Visibility, portal.VisibilityPublic)),
		TokenType:                  types.StringValue(framework.OrDefault(s.TokenType, portal.TokenTypeSelfContained)),
		AllowedIntegrationTypes:    set,
		AtMaxAge:                   types.Int64Value(s.AtMaxAge),
		AuthorizationMaxLifetime:   types.Int64Value(s.AuthorizationMaxLifetime),
		RequiresUserConsent:        types.BoolValue(s.RequiresUserConsent),
		RequiresUserAuthentication: types.BoolValue(s.RequiresUserAuthentication),
		RequiresPseudonymousTokens: types.BoolValue(s.RequiresPseudonymousTokens),
		AccessibleForAll:           types.BoolValue(s.AccessibleForAll),
		DelegationSource:           types.StringValue(s.DelegationSource),
		EnforcedAudForAccessToken:  types.StringValue(s.EnforcedAudForAccessToken),
		OwnerOrgno:                 types.StringValue(s.OwnerOrgno),
		Active:                     types.BoolValue(s.Active),
		Created:                    types.StringValue(s.Created),
		LastUpdated:                types.StringValue(s.LastUpdated),
	}
}

// sameScope tells whether a scope found under a name is the one a create
// asked for: every changeable field as planned.
func sameScope(found *portal.Scope, asked portal.Scope) bool {
	a, b := slices.Clone(found.AllowedIntegrationTypes), slices.Clone(asked.AllowedIntegrationTypes)
	slices.Sort(a)
	slices.Sort(b)
	return found.Description == asked.Description && found.LongDescription == asked.LongDescription &&
		slices.Equal(a, b) && found.TokenType == asked.TokenType && found.Visibility == asked.Visibility &&
		found.RequiresUserConsent == asked.RequiresUserConsent &&
		found.RequiresUserAuthentication == asked.RequiresUserAuthentication &&
		found.RequiresPseudonymousTokens == asked.RequiresPseudonymousTokens &&
		found.AccessibleForAll == asked.AccessibleForAll && found.DelegationSource == asked.DelegationSource &&
		found.AtMaxAge == asked.AtMaxAge && found.AuthorizationMaxLifetime == asked.AuthorizationMaxLifetime &&
		found.EnforcedAudForAccessToken == asked.EnforcedAudForAccessToken
}
