package login

import "github.com/hashicorp/terraform-plugin-framework/types"

// clientSecretModel is krr_client_secret's state.
type clientSecretModel struct {
	ID               types.String `tfsdk:"id"`
	ClientID         types.String `tfsdk:"client_id"`
	RotationTriggers types.Map    `tfsdk:"rotation_triggers"`
	RotateAfterDays  types.Int64  `tfsdk:"rotate_after_days"`
	ClientSecret     types.String `tfsdk:"client_secret"`
	Created          types.String `tfsdk:"created"`
	Expires          types.String `tfsdk:"expires"`
}
