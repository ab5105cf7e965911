package framework

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
)

// AddPortalError turns an error of the portal client into one diagnostic
// that says what failed, why, and what to do, in the provider's terms. The
// portal's correlation_id is always part of the detail, since it is what
// Digdir's service desk asks for.
func AddPortalError(diags *diag.Diagnostics, summary string, err error, environment string) {
	diags.AddError(summary, ExplainPortalError(err, environment))
}

func ExplainPortalError(err error, environment string) string {
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
	switch code := apiErr.StatusCode; {
	case code == 400:
		detail += "\n\nThe portal refused the request as invalid; the fields it names above are the ones to fix."
	case code == 401:
		detail += "\n\nThe portal refused the access token: it has expired, belongs to another environment than " +
			environment + ", or was not issued by Maskinporten for this API. Check access_token (KRR_ACCESS_TOKEN), " +
			"or the JWT grant settings token_endpoint and audience."
	case code == 403:
		detail += explainForbidden(apiErr, environment)
	case code == 404:
		detail += fmt.Sprintf("\n\nThe portal does not know the object in the %s environment: check its name or id, "+
			"and that base_url (KRR_BASE_URL) is this environment's.", environment)
	case code == 409:
		detail += "\n\nThe object is in a state that does not allow this: it exists already, or it is deactivated. " +
			"The portal's message above says which."
	case code == 428:
		detail += "\n\nThe organisation has not signed Samarbeidsportalen's terms of use; a person with the " +
			"authority to do so must sign them in the web portal first."
	case code >= 500:
		detail += "\n\nThe portal failed on its side. Apply again later; what was done is kept, and what was not is " +
			"done then. If it goes on, give Digdir's service desk (servicedesk@digdir.no) the correlation_id."
	}
	return detail
}

// explainForbidden says what to do about a 403, pointing the way the
// portal's message points: a token scope it names is the one to add; an
// object of another organisation is the seed FAQ's "I see another
// organisation's integrations", where token scopes do not help.
func explainForbidden(e *portal.APIError, environment string) string {
	switch e.Forbidden {
	case portal.ForbiddenTokenScope:
		return fmt.Sprintf("\n\nThe access token lacks %s. Add it to the provider's scopes (KRR_SCOPES) and make sure "+
			"the admin client may ask for it; in prod, Digdir must also give the admin client the rights "+
			"(servicedesk@digdir.no).", e.RequiredScope)
	case portal.ForbiddenOtherOwner:
		caller := "the organisation the credentials act for"
		if e.Caller != "" {
			caller = "organisation " + e.Caller
		}
		return fmt.Sprintf("\n\nThe object belongs to another organisation than %s, which the credentials act for "+
			"in the %s environment, so these credentials cannot see or change it. The organisation comes from the "+
			"credentials (the admin client), as Samarbeidsportalen's FAQ says of \"I see another organisation's "+
			"integrations\": use a provider block that signs in as the owner, or check the id or name. The data "+
			"source krr_organization shows which organisation the credentials act for; if it is the wrong one, ask "+
			"servicedesk@digdir.no.", caller, environment)
	}
	scope := e.RequiredScope
	if scope == "" {
		scope = "the scope this operation needs"
	}
	return fmt.Sprintf("\n\nEither the access token lacks %s, or the object belongs to another organisation. "+
		"Add the scope to the provider's scopes (KRR_SCOPES) and make sure the admin client has it; in prod the "+
		"admin client must also be given the rights by Digdir (servicedesk@digdir.no). The data source "+
		"krr_organization shows which organisation the credentials act for.", scope)
}

// WarnRemovedFromState is the warning for an object that is gone from the
// portal, so that the user knows why the plan creates it again. Read runs
// in the refresh of the very plan that then creates it, so the warning
// speaks of this plan, not a next one.
func WarnRemovedFromState(diags *diag.Diagnostics, kind, name, what string) {
	diags.AddWarning(fmt.Sprintf("%s %s removed from state", kind, name),
		fmt.Sprintf("%s %s %s, most likely changed outside of Terraform. It has been removed from the state, "+
			"so this plan creates it again if the configuration still has it.", kind, name, what))
}

// NoPrefixMessage is the seed FAQ's answer to an empty prefix field.
func NoPrefixMessage(orgno, environment string) string {
	return fmt.Sprintf("Organisation %s has no scope prefix in the %s environment, so it cannot create scopes. "+
		"Digdir's service desk gives out prefixes: ask servicedesk@digdir.no for one (for prod, use Digdir's order form).",
		orgno, environment)
}
