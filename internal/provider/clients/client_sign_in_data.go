package clients

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

// The data sources show every kind of client, the login clients of
// krr_login_client too, so they also show how a client signs people in.
// krr_client's own state has none of this: a Maskinporten client signs
// nobody in.

// listedClientModel is a client as krr_client and krr_clients show it.
type listedClientModel struct {
	clientDataModel
	signInDataModel
}

// signInDataModel is how a login client signs people in; empty for a
// Maskinporten or KRR client.
type signInDataModel struct {
	RedirectURIs           types.Set    `tfsdk:"redirect_uris"`
	PostLogoutRedirectURIs types.Set    `tfsdk:"post_logout_redirect_uris"`
	FrontchannelLogoutURI  types.String `tfsdk:"frontchannel_logout_uri"`
	SSODisabled            types.Bool   `tfsdk:"sso_disabled"`
	CodeChallengeMethod    types.String `tfsdk:"code_challenge_method"`
	RefreshTokenUsage      types.String `tfsdk:"refresh_token_usage"`
	LogoURI                types.String `tfsdk:"logo_uri"`
	ClientURI              types.String `tfsdk:"client_uri"`
}

// listedClientAttributes are clientDataAttributes and the sign-in ones.
func listedClientAttributes() map[string]schema.Attribute {
	attrs := clientDataAttributes()
	str := func(d string) schema.Attribute { return schema.StringAttribute{Computed: true, MarkdownDescription: d} }
	set := func(d string) schema.Attribute {
		return schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: d}
	}
	attrs["redirect_uris"] = set("Where a login client may send the signed-in person back to; empty for other kinds.")
	attrs["post_logout_redirect_uris"] = set("Where a login client may send the person after logout.")
	attrs["frontchannel_logout_uri"] = str("A login client's front-channel logout URI.")
	attrs["sso_disabled"] = schema.BoolAttribute{Computed: true, MarkdownDescription: "Whether single sign-on is off for a login client."}
	attrs["code_challenge_method"] = str("A login client's PKCE method: `S256` or `none`.")
	attrs["refresh_token_usage"] = str("`ONETIME` or `REUSE`, for a login client with refresh tokens.")
	attrs["logo_uri"] = str("The logo shown at sign-in.")
	attrs["client_uri"] = str("The client's home page, shown at sign-in.")
	return attrs
}

func listedClientFromPortal(ctx context.Context, in *portal.Integration, diags *diag.Diagnostics) listedClientModel {
	redirects, d := types.SetValueFrom(ctx, types.StringType, framework.NonNilStrings(in.RedirectURIs))
	diags.Append(d...)
	logouts, d := types.SetValueFrom(ctx, types.StringType, framework.NonNilStrings(in.PostLogoutRedirectURIs))
	diags.Append(d...)
	return listedClientModel{
		clientDataModel: clientDataFromPortal(ctx, in, diags),
		signInDataModel: signInDataModel{
			RedirectURIs:           redirects,
			PostLogoutRedirectURIs: logouts,
			FrontchannelLogoutURI:  types.StringValue(in.FrontchannelLogoutURI),
			SSODisabled:            types.BoolValue(in.SSODisabled),
			CodeChallengeMethod:    types.StringValue(in.CodeChallengeMethod),
			RefreshTokenUsage:      types.StringValue(in.RefreshTokenUsage),
			LogoURI:                types.StringValue(in.LogoURI),
			ClientURI:              types.StringValue(in.ClientURI),
		},
	}
}
