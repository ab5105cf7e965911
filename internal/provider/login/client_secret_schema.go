package login

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/provider/clients"
)

func clientSecretSchema() schema.Schema {
	unchanging := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	return schema.Schema{
		MarkdownDescription: "The secret of a login client that signs in with `client_secret_basic` or " +
			"`client_secret_post`: made by the portal when this resource is created, and made anew (rotated) " +
			"when it is replaced.\n\n" +
			"**The secret is stored in the Terraform state**, in plain text, as `client_secret`. It is Sensitive: " +
			"Terraform shows it as `(sensitive value)` in plans and output, and the provider never logs it; but " +
			"the state holds it, and so does a plan saved with `-out` (a plan file carries the state). Protect " +
			"both: an encrypted backend, and access restricted to those who may hold the secret. Wherever the application can sign a JWT, prefer " +
			"`token_endpoint_auth_method = \"private_key_jwt\"` with keys through `krr_client_jwks`: then there is " +
			"no secret to keep at all.\n\n" +
			"Rotation: any change of `rotation_triggers` makes a new secret, and `rotate_after_days` makes the plan " +
			"replace a secret older than that many days (a secret lives at most 360 days in the portal). The " +
			"portal keeps one secret per client, and the old one stops working as the new one is made: roll the " +
			"new secret out to the application in the same change. `lifecycle { create_before_destroy = true }` " +
			"gives the new secret before the old resource goes.\n\n" +
			"Destroying this resource only forgets the secret: nothing is sent to the portal, and the secret keeps " +
			"working until it expires, is rotated, or the client stops using a secret. (A destroy that rotated would " +
			"kill the new secret of a replacement made with `create_before_destroy`.)\n\n" +
			"The portal never shows a secret again, so a secret cannot be imported, and a secret changed outside " +
			"Terraform (\"Generer ny hemmelighet\" in the web portal) cannot be seen: rotate it here instead.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The client id.",
				Computed:            true,
				PlanModifiers:       unchanging,
			},
			"client_id": schema.StringAttribute{
				MarkdownDescription: "The id of the client whose secret this is: a login client with " +
					"`token_endpoint_auth_method` `client_secret_basic` or `client_secret_post`. Changing it makes a " +
					"secret for the other client.",
				Required:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:    []validator.String{clients.ClientIDFormat()},
			},
			"rotation_triggers": schema.MapAttribute{
				MarkdownDescription: "Any values: a change of any of them makes a new secret (e.g. " +
					"`{ rotated = \"2026-06\" }`, or a `time_rotating`'s id).",
				Optional:      true,
				ElementType:   types.StringType,
				PlanModifiers: []planmodifier.Map{mapplanmodifier.RequiresReplace()},
			},
			"rotate_after_days": schema.Int64Attribute{
				MarkdownDescription: "When set (1 to 359), a plan made when the secret is older than this many days " +
					"replaces it, with a warning that says why. A secret lives at most 360 days in the portal.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(1, secretLifetimeDays-1)},
			},
			"client_secret": schema.StringAttribute{
				MarkdownDescription: "The secret. Sensitive; stored in the state.",
				Computed:            true,
				Sensitive:           true,
				PlanModifiers:       unchanging,
			},
			"created": schema.StringAttribute{
				MarkdownDescription: "When the provider made the secret (RFC 3339).",
				Computed:            true,
				PlanModifiers:       unchanging,
			},
			"expires": schema.StringAttribute{
				MarkdownDescription: "When the secret expires in the portal: `created` plus 360 days (RFC 3339).",
				Computed:            true,
				PlanModifiers:       unchanging,
			},
		},
	}
}
