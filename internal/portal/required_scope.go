package portal

import (
	"net/http"
	"strings"
)

// Token scopes of portal-api.md §2.
const (
	ScopeScopesRead  = "idporten:scopes.read"
	ScopeScopesWrite = "idporten:scopes.write"
	ScopeDCRRead     = "idporten:dcr.read"
	ScopeDCRWrite    = "idporten:dcr.write"
	ScopeDCRModify   = "idporten:dcr.modify"
	ScopeDCRSupplier = "idporten:dcr.supplier"
	// ScopeOnBehalfOfWrite allows writing on-behalf-of records only (§12).
	ScopeOnBehalfOfWrite = "idporten:dcr/onbehalfof.write"
)

// requiredScope maps an operation (method and path without base and query) to
// the token scope it needs, following the table of portal-api.md §2, so that a
// 401 or 403 can name it. Open endpoints need none and give "".
func requiredScope(method, path string) string {
	read := method == http.MethodGet || method == http.MethodHead
	switch {
	case path == "/scopes/all", path == "/prefix/all", path == "/delegationsources",
		strings.HasPrefix(path, "/organizations/"):
		return ""
	case path == "/prefix", strings.HasPrefix(path, "/scopes"):
		if read {
			return ScopeScopesRead
		}
		return ScopeScopesWrite
	case strings.HasPrefix(path, "/clients/") && strings.Contains(path, "/onbehalfof"):
		if read {
			return ScopeDCRRead
		}
		// §12: any of the three allows writing the records.
		return ScopeDCRWrite + " (or " + ScopeDCRModify + ", or " + ScopeOnBehalfOfWrite + ")"
	case strings.HasPrefix(path, "/clients/") && strings.Contains(path, "/jwks"):
		if read {
			return ScopeDCRRead
		}
		// dcr.modify allows key changes only; dcr.write allows them too.
		return ScopeDCRWrite + " (or " + ScopeDCRModify + ")"
	case strings.HasPrefix(path, "/clients"):
		if read {
			return ScopeDCRRead
		}
		return ScopeDCRWrite
	case path == "/organization/contacts":
		if read {
			return ScopeScopesRead
		}
		return ScopeScopesWrite
	}
	return ""
}
