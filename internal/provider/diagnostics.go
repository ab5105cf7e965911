package provider

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
)

// addPortalError turns an error of the portal client into one diagnostic
// that says what failed, why, and what to do, in the provider's terms. The
// portal's correlation_id is always part of the detail, since it is what
// Digdir's service desk asks for.
func addPortalError(diags *diag.Diagnostics, summary string, err error, environment string) {
	diags.AddError(summary, explainPortalError(err, environment))
}

func explainPortalError(err error, environment string) string {
	var tokenErr *portal.TokenError
	if errors.As(err, &tokenErr) {
		return fmt.Sprintf("%s.\n\nMaskinporten did not give the provider an access token. Check client_id (KRR_CLIENT_ID), "+
			"key_id (KRR_KEY_ID) and private_key (KRR_PRIVATE_KEY or KRR_PRIVATE_KEY_FILE), or certificate_file "+
			"(KRR_CERTIFICATE_FILE); that token_endpoint (KRR_TOKEN_ENDPOINT) and audience (KRR_AUDIENCE) belong to "+
			"the %s environment; and that the admin client may ask for the scopes in scopes (KRR_SCOPES).",
			strings.TrimSuffix(err.Error(), "."), environment)
	}
	var transportErr *portal.TransportError
	if errors.As(err, &transportErr) {
		return fmt.Sprintf("%s.\n\nCheck base_url (KRR_BASE_URL), and that this machine can reach it.",
			strings.TrimSuffix(err.Error(), "."))
	}
	var apiErr *portal.APIError
	if !errors.As(err, &apiErr) {
		return fmt.Sprintf("%s.\n\nCheck base_url (KRR_BASE_URL) and token_endpoint (KRR_TOKEN_ENDPOINT), and that "+
			"this machine can reach them.", strings.TrimSuffix(err.Error(), "."))
	}
	detail := strings.TrimSuffix(apiErr.Error(), ".") + "."
	switch apiErr.StatusCode {
	case 401:
		detail += "\n\nThe portal refused the access token: it has expired, belongs to another environment than " +
			environment + ", or was not issued by Maskinporten for this API. Check access_token (KRR_ACCESS_TOKEN), " +
			"or the JWT grant settings token_endpoint and audience."
	case 403:
		scope := apiErr.RequiredScope
		if scope == "" {
			scope = "the scope this operation needs"
		}
		detail += fmt.Sprintf("\n\nEither the access token lacks %s, or the object belongs to another organisation. "+
			"Add the scope to the provider's scopes (KRR_SCOPES) and make sure the admin client has it; in prod the "+
			"admin client must also be given the rights by Digdir (servicedesk@digdir.no). The data source "+
			"krr_organization shows which organisation the credentials act for.", scope)
	case 428:
		detail += "\n\nThe organisation has not signed Samarbeidsportalen's terms of use; a person with the " +
			"authority to do so must sign them in the web portal first."
	}
	return detail
}

// warnRemovedFromState is the warning for an object that is gone from the
// portal, so that the user knows why the plan creates it again.
func warnRemovedFromState(diags *diag.Diagnostics, kind, name, what string) {
	diags.AddWarning(fmt.Sprintf("%s %s removed from state", kind, name),
		fmt.Sprintf("%s %s %s, most likely changed outside of Terraform. It has been removed from the state, "+
			"so the next plan will create it again.", kind, name, what))
}
