package clients

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

// refuseLoginClient stops a token request for a client that signs people
// in (ID-porten, API-klient, Ansattporten): Maskinporten gives such a
// client no token, and its answer says only that the client failed to
// authenticate. The kind is read with the provider's own credentials;
// when the client cannot be read (another organisation's, not there yet,
// the portal down), the request goes ahead and Maskinporten answers.
func refuseLoginClient(ctx context.Context, data *framework.ProviderData, clientID string, diags *diag.Diagnostics) bool {
	cl, err := data.Client.GetIntegration(ctx, clientID)
	if err != nil || slices.Contains(integrationTypes, cl.IntegrationType) {
		return false
	}
	diags.AddAttributeError(path.Root("client_id"), "A login client gets no Maskinporten token",
		fmt.Sprintf("Client %s is an %s client: it signs people in, and Maskinporten gives it no token of its own. "+
			"Maskinporten tokens are for maskinporten and krr clients (krr_client). A login client gets its tokens "+
			"when a person signs in with the authorization code flow: "+
			"https://docs.digdir.no/docs/idporten/oidc/oidc_guide_idporten. Nothing was sent to the token endpoint.",
			clientID, cl.IntegrationType))
	return true
}
