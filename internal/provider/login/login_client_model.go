package login

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/clients"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

// loginClientModel is krr_login_client's state.
type loginClientModel struct {
	ID                                types.String `tfsdk:"id"`
	ClientID                          types.String `tfsdk:"client_id"`
	IntegrationType                   types.String `tfsdk:"integration_type"`
	ClientName                        types.String `tfsdk:"client_name"`
	Description                       types.String `tfsdk:"description"`
	ApplicationType                   types.String `tfsdk:"application_type"`
	TokenEndpointAuthMethod           types.String `tfsdk:"token_endpoint_auth_method"`
	RedirectURIs                      types.Set    `tfsdk:"redirect_uris"`
	PostLogoutRedirectURIs            types.Set    `tfsdk:"post_logout_redirect_uris"`
	FrontchannelLogoutURI             types.String `tfsdk:"frontchannel_logout_uri"`
	FrontchannelLogoutSessionRequired types.Bool   `tfsdk:"frontchannel_logout_session_required"`
	SSODisabled                       types.Bool   `tfsdk:"sso_disabled"`
	CodeChallengeMethod               types.String `tfsdk:"code_challenge_method"`
	RefreshTokenUsage                 types.String `tfsdk:"refresh_token_usage"`
	GrantTypes                        types.Set    `tfsdk:"grant_types"`
	Scopes                            types.Set    `tfsdk:"scopes"`
	AccessTokenLifetime               types.Int64  `tfsdk:"access_token_lifetime"`
	AuthorizationLifetime             types.Int64  `tfsdk:"authorization_lifetime"`
	RefreshTokenLifetime              types.Int64  `tfsdk:"refresh_token_lifetime"`
	LogoURI                           types.String `tfsdk:"logo_uri"`
	ClientURI                         types.String `tfsdk:"client_uri"`
	Active                            types.Bool   `tfsdk:"active"`
	ClientOrgno                       types.String `tfsdk:"client_orgno"`
	SupplierOrgno                     types.String `tfsdk:"supplier_orgno"`
	Created                           types.String `tfsdk:"created"`
	LastUpdated                       types.String `tfsdk:"last_updated"`
}

func sortedStrings(ctx context.Context, set types.Set, diags *diag.Diagnostics) []string {
	var out []string
	diags.Append(set.ElementsAs(ctx, &out, false)...)
	sort.Strings(out)
	return out
}

// applyTo lays the planned fields over the client the portal holds (or an
// empty one on create), so that what this resource does not manage
// (client_uri, and fields the portal may add) survives the full-replace
// PUT. The client secret is never sent (lesson 4).
func (m loginClientModel) applyTo(ctx context.Context, in *portal.Integration, diags *diag.Diagnostics) {
	in.ClientSecret = ""
	in.ClientName = m.ClientName.ValueString()
	in.Description = m.Description.ValueString()
	in.IntegrationType = m.IntegrationType.ValueString()
	in.ApplicationType = m.ApplicationType.ValueString()
	in.TokenEndpointAuthMethod = m.TokenEndpointAuthMethod.ValueString()
	in.RedirectURIs = sortedStrings(ctx, m.RedirectURIs, diags)
	in.PostLogoutRedirectURIs = sortedStrings(ctx, m.PostLogoutRedirectURIs, diags)
	in.FrontchannelLogoutURI = m.FrontchannelLogoutURI.ValueString()
	in.FrontchannelLogoutSessionRequired = m.FrontchannelLogoutSessionRequired.ValueBool()
	in.SSODisabled = m.SSODisabled.ValueBool()
	in.CodeChallengeMethod = m.CodeChallengeMethod.ValueString()
	in.RefreshTokenUsage = m.RefreshTokenUsage.ValueString()
	in.GrantTypes = sortedStrings(ctx, m.GrantTypes, diags)
	in.Scopes = sortedStrings(ctx, m.Scopes, diags)
	in.AccessTokenLifetime = m.AccessTokenLifetime.ValueInt64()
	in.AuthorizationLifetime = m.AuthorizationLifetime.ValueInt64()
	in.RefreshTokenLifetime = m.RefreshTokenLifetime.ValueInt64()
	in.LogoURI = m.LogoURI.ValueString()
	in.Active = true
}

// fromPortal sets the model from the client as the portal holds it.
// Optional strings the portal holds empty are null, as a configuration
// that leaves them out has them; fields the portal leaves out at their
// default read as that default.
func (m *loginClientModel) fromPortal(ctx context.Context, in *portal.Integration, diags *diag.Diagnostics) {
	set := func(values []string) types.Set {
		s, d := types.SetValueFrom(ctx, types.StringType, framework.NonNilStrings(values))
		diags.Append(d...)
		return s
	}
	optional := func(s string) types.String {
		if s == "" {
			return types.StringNull()
		}
		return types.StringValue(s)
	}
	m.ID = types.StringValue(in.ClientID)
	m.ClientID = types.StringValue(in.ClientID)
	m.IntegrationType = types.StringValue(in.IntegrationType)
	m.ClientName = types.StringValue(in.ClientName)
	m.Description = types.StringValue(in.Description)
	m.ApplicationType = types.StringValue(framework.OrDefault(in.ApplicationType, appWeb))
	m.TokenEndpointAuthMethod = types.StringValue(in.TokenEndpointAuthMethod)
	m.RedirectURIs = set(in.RedirectURIs)
	m.PostLogoutRedirectURIs = set(in.PostLogoutRedirectURIs)
	m.FrontchannelLogoutURI = optional(in.FrontchannelLogoutURI)
	m.FrontchannelLogoutSessionRequired = types.BoolValue(in.FrontchannelLogoutSessionRequired)
	m.SSODisabled = types.BoolValue(in.SSODisabled)
	m.CodeChallengeMethod = types.StringValue(framework.OrDefault(in.CodeChallengeMethod, pkceS256))
	m.RefreshTokenUsage = types.StringValue(framework.OrDefault(in.RefreshTokenUsage, refreshOnetime))
	m.GrantTypes = set(in.GrantTypes)
	m.Scopes = set(in.Scopes)
	m.AccessTokenLifetime = types.Int64Value(in.AccessTokenLifetime)
	m.AuthorizationLifetime = types.Int64Value(in.AuthorizationLifetime)
	m.RefreshTokenLifetime = types.Int64Value(in.RefreshTokenLifetime)
	m.LogoURI = optional(in.LogoURI)
	m.ClientURI = types.StringValue(in.ClientURI)
	m.Active = types.BoolValue(in.Active)
	m.ClientOrgno = types.StringValue(in.ClientOrgno)
	m.SupplierOrgno = types.StringValue(in.SupplierOrgno)
	m.Created = types.StringValue(in.Created)
	m.LastUpdated = types.StringValue(in.LastUpdated)
}

// managedValues are the attributes the portal holds that the user sets,
// but active: a change to any of them is written with PUT.
func (m loginClientModel) managedValues() []attr.Value {
	return []attr.Value{m.ClientName, m.Description, m.ApplicationType, m.TokenEndpointAuthMethod,
		m.RedirectURIs, m.PostLogoutRedirectURIs, m.FrontchannelLogoutURI, m.FrontchannelLogoutSessionRequired,
		m.SSODisabled, m.CodeChallengeMethod, m.RefreshTokenUsage, m.GrantTypes, m.Scopes,
		m.AccessTokenLifetime, m.AuthorizationLifetime, m.RefreshTokenLifetime, m.LogoURI}
}

// managedFieldsDiffer tells whether the plan changes anything the portal
// holds other than active.
func (m loginClientModel) managedFieldsDiffer(prior loginClientModel) bool {
	a, b := m.managedValues(), prior.managedValues()
	for i := range a {
		if !a[i].Equal(b[i]) {
			return true
		}
	}
	return false
}

// sameLoginClient tells whether a client found under the id the provider
// chose is the one it asked for: then a create whose answer was lost, or
// that answered 409 on a retry, is adopted instead of made twice.
func sameLoginClient(found *portal.Integration, asked portal.Integration) bool {
	return found.ClientName == asked.ClientName && found.Description == asked.Description &&
		found.IntegrationType == asked.IntegrationType && found.ApplicationType == asked.ApplicationType &&
		found.TokenEndpointAuthMethod == asked.TokenEndpointAuthMethod &&
		clients.SortedEqual(found.RedirectURIs, asked.RedirectURIs) && clients.SortedEqual(found.Scopes, asked.Scopes)
}
