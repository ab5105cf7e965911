package onbehalfof

import (
	"context"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// onBehalfOfRule is what an onbehalfof may be: it goes into request paths
// and into the sign-in request (onbehalfof=<value>), so it is kept to
// characters that need no escaping, and holds no ':', so that the full id
// <client_id>::<onbehalfof> splits at its last "::".
var onBehalfOfRule = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

const onBehalfOfRuleText = "1 to 64 letters (a-z, A-Z), digits, '.', '_' and '-'"

// idFormat is the import ID.
const idFormat = "<client_id>::<onbehalfof>, e.g. 7f1c2d3e-4b5a-4c6d-8e9f-0a1b2c3d4e5f::kunde-991825827"

// parseID splits an import ID at its last "::". A client id may hold ':',
// an onbehalfof never does.
func parseID(id string) (clientID, onBehalfOf string, err error) {
	i := strings.LastIndex(id, "::")
	if i < 0 {
		return "", "", fmt.Errorf("%q has no \"::\"; expected %s", id, idFormat)
	}
	clientID, onBehalfOf = id[:i], id[i+2:]
	if problem := clientIDProblem(clientID); problem != "" {
		return "", "", fmt.Errorf("%q: the client id %s; expected %s", id, problem, idFormat)
	}
	if problem := onBehalfOfProblem(onBehalfOf); problem != "" {
		return "", "", fmt.Errorf("%q: the onbehalfof %s; expected %s", id, problem, idFormat)
	}
	return clientID, onBehalfOf, nil
}

func clientIDProblem(clientID string) string {
	if clientID == "" || strings.ContainsAny(clientID, " \t\r\n/") {
		return fmt.Sprintf("%q must be non-empty, without whitespace or '/'", clientID)
	}
	return ""
}

func onBehalfOfProblem(obo string) string {
	if !onBehalfOfRule.MatchString(obo) {
		return fmt.Sprintf("%q must be %s", obo, onBehalfOfRuleText)
	}
	return ""
}

// webURIValidator accepts an absolute http or https URI with a host.
type webURIValidator struct{}

func (webURIValidator) Description(context.Context) string {
	return "must be an absolute http or https URI, e.g. https://kunde.example.no"
}

func (v webURIValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v webURIValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	s := req.ConfigValue.ValueString()
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || strings.ContainsAny(s, " \t\r\n") {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid URI",
			fmt.Sprintf("%s is %q: it %s.", req.Path, s, v.Description(ctx)))
	}
}
