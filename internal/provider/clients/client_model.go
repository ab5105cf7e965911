package clients

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

// clientDataModel is a Maskinporten client as the portal holds it: what
// the data sources show, and the part of krr_client's state that comes from
// the portal.
type clientDataModel struct {
	ClientID                types.String `tfsdk:"client_id"`
	ClientName              types.String `tfsdk:"client_name"`
	Description             types.String `tfsdk:"description"`
	Scopes                  types.Set    `tfsdk:"scopes"`
	IntegrationType         types.String `tfsdk:"integration_type"`
	ClientOrgno             types.String `tfsdk:"client_orgno"`
	SupplierOrgno           types.String `tfsdk:"supplier_orgno"`
	ApplicationType         types.String `tfsdk:"application_type"`
	TokenEndpointAuthMethod types.String `tfsdk:"token_endpoint_auth_method"`
	GrantTypes              types.Set    `tfsdk:"grant_types"`
	AccessTokenLifetime     types.Int64  `tfsdk:"access_token_lifetime"`
	AuthorizationLifetime   types.Int64  `tfsdk:"authorization_lifetime"`
	RefreshTokenLifetime    types.Int64  `tfsdk:"refresh_token_lifetime"`
	Active                  types.Bool   `tfsdk:"active"`
	Created                 types.String `tfsdk:"created"`
	LastUpdated             types.String `tfsdk:"last_updated"`
}

// clientModel is krr_client's state: the portal's client and its id.
type clientModel struct {
	ID types.String `tfsdk:"id"`
	clientDataModel
}

// applyTo lays the planned, changeable fields over the client the portal
// holds (or an empty one on create), so that fields the provider does not
// manage survive the full-replace PUT.
func (m clientModel) applyTo(ctx context.Context, in *portal.Integration, diags *diag.Diagnostics) {
	var scopes []string
	diags.Append(m.Scopes.ElementsAs(ctx, &scopes, false)...)
	sort.Strings(scopes)
	layOver(in, portal.Integration{
		ClientName:            m.ClientName.ValueString(),
		Description:           m.Description.ValueString(),
		Scopes:                scopes,
		IntegrationType:       m.IntegrationType.ValueString(),
		ClientOrgno:           m.ClientOrgno.ValueString(),
		AccessTokenLifetime:   m.AccessTokenLifetime.ValueInt64(),
		AuthorizationLifetime: m.AuthorizationLifetime.ValueInt64(),
		RefreshTokenLifetime:  m.RefreshTokenLifetime.ValueInt64(),
	})
}

// layOver copies the fields krr_client manages from planned onto in, with
// the values Maskinporten and KRR clients must have (portal-api.md §6), and
// active.
func layOver(in *portal.Integration, planned portal.Integration) {
	in.ClientName = planned.ClientName
	in.Description = planned.Description
	in.Scopes = planned.Scopes
	in.IntegrationType = planned.IntegrationType
	in.ClientOrgno = planned.ClientOrgno
	in.AccessTokenLifetime = planned.AccessTokenLifetime
	in.AuthorizationLifetime = planned.AuthorizationLifetime
	in.RefreshTokenLifetime = planned.RefreshTokenLifetime
	in.Active = true
	in.ApplicationType = portal.ApplicationTypeWeb
	in.TokenEndpointAuthMethod = portal.AuthMethodPrivateKeyJWT
	in.GrantTypes = []string{portal.GrantTypeJWTBearer}
}

// managedFieldsDiffer tells whether the plan changes anything the portal
// holds other than active.
func (m clientModel) managedFieldsDiffer(prior clientModel) bool {
	return !m.ClientName.Equal(prior.ClientName) || !m.Description.Equal(prior.Description) ||
		!m.Scopes.Equal(prior.Scopes) || !m.AccessTokenLifetime.Equal(prior.AccessTokenLifetime) ||
		!m.AuthorizationLifetime.Equal(prior.AuthorizationLifetime) ||
		!m.RefreshTokenLifetime.Equal(prior.RefreshTokenLifetime)
}

func (m *clientModel) fromPortal(ctx context.Context, in *portal.Integration, diags *diag.Diagnostics) {
	m.ID = types.StringValue(in.ClientID)
	m.clientDataModel = clientDataFromPortal(ctx, in, diags)
}

func clientDataFromPortal(ctx context.Context, in *portal.Integration, diags *diag.Diagnostics) clientDataModel {
	scopeSet, d := types.SetValueFrom(ctx, types.StringType, framework.NonNilStrings(in.Scopes))
	diags.Append(d...)
	grantTypes, d := types.SetValueFrom(ctx, types.StringType, framework.NonNilStrings(in.GrantTypes))
	diags.Append(d...)
	return clientDataModel{
		ClientID:                types.StringValue(in.ClientID),
		ClientName:              types.StringValue(in.ClientName),
		Description:             types.StringValue(in.Description),
		Scopes:                  scopeSet,
		IntegrationType:         types.StringValue(in.IntegrationType),
		ClientOrgno:             types.StringValue(in.ClientOrgno),
		SupplierOrgno:           types.StringValue(in.SupplierOrgno),
		ApplicationType:         types.StringValue(in.ApplicationType),
		TokenEndpointAuthMethod: types.StringValue(in.TokenEndpointAuthMethod),
		GrantTypes:              grantTypes,
		AccessTokenLifetime:     types.Int64Value(in.AccessTokenLifetime),
		AuthorizationLifetime:   types.Int64Value(in.AuthorizationLifetime),
		RefreshTokenLifetime:    types.Int64Value(in.RefreshTokenLifetime),
		Active:                  types.BoolValue(in.Active),
		Created:                 types.StringValue(in.Created),
		LastUpdated:             types.StringValue(in.LastUpdated),
	}
}

// sameClient tells whether a client found under the id the provider chose
// is the one it asked for: then a create whose answer was lost, or that
// answered 409 on a retry, is adopted instead of made twice.
func sameClient(found *portal.Integration, asked portal.Integration) bool {
	return found.ClientName == asked.ClientName && found.Description == asked.Description &&
		found.IntegrationType == asked.IntegrationType &&
		(asked.ClientOrgno == "" || found.ClientOrgno == asked.ClientOrgno) &&
		SortedEqual(found.Scopes, asked.Scopes)
}
