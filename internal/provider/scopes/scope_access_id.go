package scopes

import (
	"fmt"
	"strings"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
)

// scopeAccessIDFormat is the import ID of krr_scope_access. The scope name
// may hold ":" and "/", but never ","; the organisation number never holds
// anything but digits, so splitting at the last "," is unambiguous.
const scopeAccessIDFormat = "<scope name>,<consumer orgno>, e.g. myprefix:api/person.read,991825827"

func AccessID(scope, consumerOrgno string) string { return scope + "," + consumerOrgno }

func parseScopeAccessID(id string) (scope, consumerOrgno string, err error) {
	i := strings.LastIndex(id, ",")
	if i < 0 {
		return "", "", fmt.Errorf("%q has no \",\"; expected %s", id, scopeAccessIDFormat)
	}
	scope, consumerOrgno = id[:i], id[i+1:]
	if err := CheckName(scope); err != nil {
		return "", "", fmt.Errorf("%q: %s; expected %s", id, err, scopeAccessIDFormat)
	}
	if err := portal.ValidOrgno(consumerOrgno); err != nil {
		return "", "", fmt.Errorf("%q: consumer organisation number %q: %s; expected %s", id, consumerOrgno, err, scopeAccessIDFormat)
	}
	return scope, consumerOrgno, nil
}
