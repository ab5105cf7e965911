package onbehalfof

import (
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
)

// recordModel is krr_client_onbehalfof's state.
type recordModel struct {
	ID               types.String `tfsdk:"id"`
	ClientID         types.String `tfsdk:"client_id"`
	OnBehalfOf       types.String `tfsdk:"onbehalfof"`
	Orgno            types.String `tfsdk:"orgno"`
	Name             types.String `tfsdk:"name"`
	Description      types.String `tfsdk:"description"`
	URI              types.String `tfsdk:"uri"`
	LogoURI          types.String `tfsdk:"logo_uri"`
	OrganizationName types.String `tfsdk:"organization_name"`
	Created          types.String `tfsdk:"created"`
	LastUpdated      types.String `tfsdk:"last_updated"`
}

// fromPortal reads every attribute back from the portal's record, so that
// a change made outside Terraform shows in the next plan. The optional
// texts the portal holds as "" are null: the schema refuses "".
func (m *recordModel) fromPortal(clientID string, r *portal.OnBehalfOf) {
	m.ID = types.StringValue(portal.OnBehalfOfID(clientID, r.OnBehalfOf))
	m.ClientID = types.StringValue(clientID)
	m.OnBehalfOf = types.StringValue(r.OnBehalfOf)
	m.Orgno = types.StringValue(r.Orgno)
	m.Name = types.StringValue(r.Name)
	m.Description = optional(r.Description)
	m.URI = optional(r.URI)
	m.LogoURI = optional(r.LogoURI)
	m.OrganizationName = types.StringValue(r.OrganizationName)
	m.Created = types.StringValue(r.Created)
	m.LastUpdated = types.StringValue(r.LastUpdated)
}

// toPortal is the record a create or an update sends: every field, since
// PUT replaces the whole record.
func (m *recordModel) toPortal() portal.OnBehalfOf {
	return portal.OnBehalfOf{
		OnBehalfOf:       m.OnBehalfOf.ValueString(),
		Name:             m.Name.ValueString(),
		Orgno:            m.Orgno.ValueString(),
		Description:      m.Description.ValueString(),
		URI:              m.URI.ValueString(),
		LogoURI:          m.LogoURI.ValueString(),
		OrganizationName: known(m.OrganizationName),
	}
}

func optional(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

func known(s types.String) string {
	if s.IsNull() || s.IsUnknown() {
		return ""
	}
	return s.ValueString()
}

// sameFields: the record found holds what is planned, the portal's own
// fields aside.
func sameFields(found *portal.OnBehalfOf, want portal.OnBehalfOf) bool {
	return found.Name == want.Name && found.Description == want.Description && found.URI == want.URI &&
		found.LogoURI == want.LogoURI
}
