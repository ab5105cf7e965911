package login

import "github.com/platform-iac/terraform-provider-krr/internal/portal"

// The values of a login client's fields (portal-api.md §12).
const (
	typeIDporten     = "idporten"
	typeAPIKlient    = "api_klient"
	typeAnsattporten = "ansattporten"

	appWeb     = portal.ApplicationTypeWeb
	appBrowser = "browser"
	appNative  = "native"

	authBasic      = "client_secret_basic"
	authPost       = "client_secret_post"
	authPrivateKey = portal.AuthMethodPrivateKeyJWT
	authNone       = "none"

	pkceS256 = "S256"
	pkceNone = "none"

	refreshOnetime = "ONETIME"
	refreshReuse   = "REUSE"

	grantAuthorizationCode = "authorization_code"
	grantRefreshToken      = "refresh_token"
	grantImplicit          = "implicit"
)

// loginIntegrationTypes are the kinds krr_login_client makes; krr_client
// makes the others.
var loginIntegrationTypes = []string{typeIDporten, typeAPIKlient, typeAnsattporten}

var (
	applicationTypes = []string{appWeb, appBrowser, appNative}
	authMethods      = []string{authBasic, authPost, authPrivateKey, authNone}
)

// usesSecret tells whether a sign-in method has a client secret: only
// these make the portal generate one, and leaving them removes it.
func usesSecret(method string) bool { return method == authBasic || method == authPost }

// ID-porten's OpenID Connect scopes: built into the portal's catalogue,
// nobody's prefix:subscope, so they are judged here and never by
// scopes.Rules.
const (
	scopeOpenID  = "openid"
	scopeProfile = "profile"
	scopeEIDAS   = "eidas"
	scopeNoPID   = "no_pid"
)

// idportenScopes are the only scopes an idporten client may carry.
var idportenScopes = []string{scopeOpenID, scopeProfile, scopeEIDAS, scopeNoPID}

// builtinScope tells whether name is one of the protocol scopes above.
func builtinScope(name string) bool {
	for _, s := range idportenScopes {
		if s == name {
			return true
		}
	}
	return false
}

// Defaults of a login client's lifetimes: those of §6.
const (
	defaultAccessTokenLifetime   = 120
	defaultAuthorizationLifetime = 7200
	defaultRefreshTokenLifetime  = 600
)

// secretLifetimeDays is how long the portal keeps a client secret (§12).
const secretLifetimeDays = 360
