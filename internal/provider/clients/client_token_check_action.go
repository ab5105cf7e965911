package clients

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

var _ action.ActionWithConfigure = (*clientTokenCheckAction)(nil)

// clientTokenCheckAction proves that a client gets a token from
// Maskinporten for its scopes (Terraform 1.14+), where an older Terraform
// opens the ephemeral krr_maskinporten_token. It is meant to be triggered
// from a key set (action_trigger after create and update), so that an apply
// that rotates a client's keys fails, in Maskinporten's own words, when the
// client cannot get a token with the new key. It keeps nothing: no token
// reaches state, plan or log.
type clientTokenCheckAction struct {
	data *framework.ProviderData
}

type clientTokenCheckModel struct {
	ClientID       types.String `tfsdk:"client_id"`
	KeyID          types.String `tfsdk:"key_id"`
	PrivateKeyFile types.String `tfsdk:"private_key_file"`
	Scopes         types.Set    `tfsdk:"scopes"`
	WaitFor        types.String `tfsdk:"wait_for"`
}

func newClientTokenCheck() action.Action {
	return &clientTokenCheckAction{}
}

func (a *clientTokenCheckAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_client_token_check"
}

func (a *clientTokenCheckAction) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.data = framework.ProviderDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (a *clientTokenCheckAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Checks that a client gets an access token from Maskinporten for its scopes, with the " +
			"JWT grant signed by one of its keys, at the token endpoint and audience of the provider's environment. " +
			"Trigger it from the client's `krr_client_jwks` with `action_trigger` (after create and update), so " +
			"that an apply which makes a client or rotates its keys proves the client works, and fails with " +
			"Maskinporten's own words when it does not. New clients and keys take up to two minutes to be known " +
			"at Maskinporten: until `wait_for` has passed, an answer that the client or key is not known is asked " +
			"again. The token itself is thrown away. Needs Terraform 1.14 or later; on older versions, and on " +
			"OpenTofu, use the ephemeral `krr_maskinporten_token`.",
		Attributes: map[string]schema.Attribute{
			"client_id": schema.StringAttribute{
				MarkdownDescription: tokenClientIDDescription,
				Required:            true,
				Validators:          []validator.String{ClientIDFormat()},
			},
			"key_id": schema.StringAttribute{
				MarkdownDescription: tokenKeyIDDescription,
				Required:            true,
				Validators:          []validator.String{ClientIDFormat()},
			},
			// A file, not the key: an action's arguments are kept in a saved
			// plan, and terraform-plugin-framework 1.19 refuses write-only
			// arguments of actions (ValidateActionConfig never allows them),
			// so a key given here would be written into every plan file.
			"private_key_file": schema.StringAttribute{
				MarkdownDescription: "The path of a file that holds the private half of that key, RSA in PEM " +
					"(PKCS#1 or PKCS#8), read when the action runs. A path and not the key itself, so that the key " +
					"is never written into a saved plan: a pipeline writes its secret to a file first. To hand a " +
					"key held in memory (an ephemeral value), use the ephemeral `krr_maskinporten_token` instead.",
				Required:   true,
				Validators: []validator.String{framework.NotBlankValidator{}},
			},
			"scopes": schema.SetAttribute{
				MarkdownDescription: tokenScopesDescription,
				Required:            true,
				ElementType:         types.StringType,
				Validators:          tokenScopesValidators(),
			},
			"wait_for": schema.StringAttribute{
				MarkdownDescription: tokenWaitForDescription,
				Optional:            true,
				Validators:          []validator.String{framework.DurationValidator{}},
			},
		},
	}
}

func (a *clientTokenCheckAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m clientTokenCheckModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	var scopes []string
	resp.Diagnostics.Append(m.Scopes.ElementsAs(ctx, &scopes, false)...)
	if resp.Diagnostics.HasError() || a.data == nil {
		return
	}
	progress := func(msg string) {
		if resp.SendProgress != nil {
			resp.SendProgress(action.InvokeProgressEvent{Message: msg})
		}
	}
	keyFile := m.PrivateKeyFile.ValueString()
	pem, err := os.ReadFile(keyFile)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("private_key_file"), "Unable to read the private key",
			fmt.Sprintf("private_key_file %q cannot be read: %s.", keyFile, err))
		return
	}
	clientID := m.ClientID.ValueString()
	progress(fmt.Sprintf("asking Maskinporten for a token for client %s, signed with key %s", clientID, m.KeyID.ValueString()))
	tok, ok := requestClientToken(ctx, a.data, tokenArgs{
		ClientID:      clientID,
		KeyID:         m.KeyID.ValueString(),
		PrivateKeyPEM: string(pem),
		Scopes:        scopes,
		WaitFor:       framework.KnownString(m.WaitFor),
		KeyAttribute:  "private_key_file",
	}, progress, &resp.Diagnostics)
	if !ok {
		return
	}
	granted := strings.Fields(tok.Scope)
	var missing []string
	for _, s := range scopes {
		if !slices.Contains(granted, s) {
			missing = append(missing, s)
		}
	}
	if len(missing) > 0 {
		resp.Diagnostics.AddError(fmt.Sprintf("Maskinporten gave client %s a token without every scope", clientID),
			fmt.Sprintf("The token holds %q, not %s. Check that the client carries each scope in scopes and "+
				"that the organisation may still use it.", tok.Scope, strings.Join(missing, ", ")))
		return
	}
	consumer := "an unknown organisation"
	if orgno, err := portal.OrgnoFromAccessToken(tok.AccessToken); err == nil {
		consumer = "organisation " + orgno
	}
	progress(fmt.Sprintf("client %s got a token for %s, acting for %s", clientID, tok.Scope, consumer))
}
