package fakeportal

import (
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
)

// Maskinporten's rules for a JWT grant (portal-api.md §2).
const (
	jwtBearerGrantType = "urn:ietf:params:oauth:grant-type:jwt-bearer"
	maxGrantLifetime   = 120 * time.Second
	clockTolerance     = 10 * time.Second
)

var grantAlgorithms = []jose.SignatureAlgorithm{jose.RS256, jose.RS384, jose.RS512}

// grantClaims are the claims of a JWT grant.
type grantClaims struct {
	jwt.Claims
	Scope string `json:"scope"`
}

type tokenAnswer struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int    `json:"expires_in"`
	Scope       string `json:"scope"`
}

// handleToken is POST /token: the RFC 7523 JWT bearer grant, verified for
// real, so that a client's signing (kid or x5c, alg, aud, lifetimes, jti) is
// tested and not just its plumbing.
func (f *Fake) handleToken(c *call) (any, error) {
	if mt, _, _ := mime.ParseMediaType(c.r.Header.Get("Content-Type")); mt != "application/x-www-form-urlencoded" {
		return nil, &oauthError{Status: http.StatusBadRequest, Code: "invalid_request",
			Desc: "the request must be form-encoded (application/x-www-form-urlencoded)"}
	}
	form, err := url.ParseQuery(string(c.body))
	if err != nil {
		return nil, &oauthError{Status: http.StatusBadRequest, Code: "invalid_request", Desc: "malformed form body"}
	}
	switch gt := form.Get("grant_type"); gt {
	case "":
		return nil, &oauthError{Status: http.StatusBadRequest, Code: "invalid_request", Desc: "grant_type is missing"}
	case jwtBearerGrantType:
	default:
		return nil, &oauthError{Status: http.StatusBadRequest, Code: "unsupported_grant_type",
			Desc: fmt.Sprintf("grant_type %q is not supported; use %s", gt, jwtBearerGrantType)}
	}
	assertion := form.Get("assertion")
	if assertion == "" {
		return nil, &oauthError{Status: http.StatusBadRequest, Code: "invalid_request", Desc: "assertion is missing"}
	}

	g, err := f.verifyGrant(assertion)
	if err != nil {
		return nil, err
	}
	lifetime := f.opts.TokenLifetime
	tok, err := f.signAccessToken(g.clientID, g.orgno, g.scope, lifetime)
	if err != nil {
		return nil, err
	}
	return tokenAnswer{AccessToken: tok, TokenType: "Bearer", ExpiresIn: int(lifetime / time.Second), Scope: g.scope}, nil
}

// verifiedGrant is a good grant: whose it is and what it asks for (the
// requested scopes, space-separated).
type verifiedGrant struct {
	orgno    string
	clientID string
	scope    string
}

// verifyGrant checks a grant and, when it is good, uses up its jti.
func (f *Fake) verifyGrant(assertion string) (*verifiedGrant, error) {
	tok, err := jwt.ParseSigned(assertion, grantAlgorithms)
	if err != nil {
		return nil, unreadableGrant("the assertion is not a JWS signed with RS256, RS384 or RS512: " + err.Error())
	}
	var unverified grantClaims
	if err := tok.UnsafeClaimsWithoutVerification(&unverified); err != nil {
		return nil, unreadableGrant("the assertion's claims are not readable: " + err.Error())
	}
	if unverified.Issuer == "" {
		return nil, refusedGrant("Invalid JWT claim iss: the assertion has none (it must be the client_id)")
	}
	f.countGrant(unverified.Issuer)

	f.mu.Lock()
	org, client, found := f.adminClient(unverified.Issuer)
	f.mu.Unlock()
	if !found {
		// Not an admin client of the API: perhaps a client made through
		// it, asking for a token for its own scopes.
		return f.verifyClientGrant(tok, unverified.Issuer)
	}

	key, err := grantVerificationKey(client, tok.Headers[0], assertion)
	if err != nil {
		return nil, err
	}
	var claims grantClaims
	if err := tok.Claims(key, &claims); err != nil {
		return nil, invalidGrant("the assertion's signature is not valid for the client's key")
	}

	requested, err := f.checkGrantClaims(&claims)
	if err != nil {
		return nil, err
	}
	allowed := client.Scopes
	if allowed == nil {
		allowed = allAPIScopes
	}
	for _, s := range requested {
		if !slices.Contains(allowed, s) {
			return nil, &oauthError{Status: http.StatusBadRequest, Code: "invalid_scope",
				Desc: fmt.Sprintf("client %s may not request the scope %s", client.ClientID, s)}
		}
	}

	if err := f.useJTI(client.ClientID, &claims); err != nil {
		return nil, err
	}
	return &verifiedGrant{orgno: org.Orgno, clientID: client.ClientID, scope: strings.Join(requested, " ")}, nil
}

// grantVerificationKey picks the key that must have signed the grant: the
// registered key named by kid, or the registered business certificate sent
// as x5c. A client with a registered key must use kid.
func grantVerificationKey(client AdminClient, h jose.Header, assertion string) (any, error) {
	x5c, err := headerX5c(assertion)
	if err != nil {
		return nil, unreadableGrant(err.Error())
	}
	switch {
	case h.KeyID != "":
		if client.PublicKey == nil || h.KeyID != client.KeyID {
			return nil, invalidGrant(fmt.Sprintf("kid %q is not a key registered on client %s", h.KeyID, client.ClientID))
		}
		return client.PublicKey, nil
	case len(x5c) > 0:
		if client.PublicKey != nil {
			return nil, invalidGrant(fmt.Sprintf("client %s has registered keys: sign with one of them and send its kid", client.ClientID))
		}
		if client.Certificate == nil {
			return nil, invalidGrant(fmt.Sprintf("client %s has no business certificate registered", client.ClientID))
		}
		der, err := base64.StdEncoding.DecodeString(x5c[0])
		if err != nil {
			return nil, invalidGrant("x5c[0] is not base64 DER")
		}
		leaf, err := x509.ParseCertificate(der)
		if err != nil {
			return nil, invalidGrant("x5c[0] is not a certificate: " + err.Error())
		}
		if !leaf.Equal(client.Certificate) {
			return nil, invalidGrant(fmt.Sprintf("the certificate in x5c is not the one registered for client %s", client.ClientID))
		}
		return leaf.PublicKey, nil
	}
	return nil, invalidGrant("the assertion's header must have kid or x5c")
}

// headerX5c reads x5c from the JWS header. go-jose keeps the parsed chain to
// itself unless it can verify it against roots, and a business certificate is
// checked here by equality with the registered one instead.
func headerX5c(compact string) ([]string, error) {
	first, _, _ := strings.Cut(compact, ".")
	raw, err := base64.RawURLEncoding.DecodeString(first)
	if err != nil {
		return nil, fmt.Errorf("the assertion's header is not base64url")
	}
	var h struct {
		X5c []string `json:"x5c"`
	}
	if err := json.Unmarshal(raw, &h); err != nil {
		return nil, fmt.Errorf("the assertion's header is not JSON")
	}
	return h.X5c, nil
}

// checkGrantClaims checks a grant's audience, lifetime, jti and scope, and
// answers the scopes it asks for.
func (f *Fake) checkGrantClaims(claims *grantClaims) ([]string, error) {
	f.mu.Lock()
	audience := f.issuer + "/"
	f.mu.Unlock()
	if len(claims.Audience) != 1 || claims.Audience[0] != audience {
		return nil, refusedGrant(fmt.Sprintf("Invalid JWT claim aud: must be %q (the issuer, trailing slash included), not %q",
			audience, strings.Join(claims.Audience, " ")))
	}
	if claims.IssuedAt == nil || claims.Expiry == nil {
		return nil, refusedGrant("Invalid JWT claims: the assertion must have iat and exp")
	}
	iat, exp := claims.IssuedAt.Time(), claims.Expiry.Time()
	if life := exp.Sub(iat); life <= 0 || life > maxGrantLifetime {
		return nil, refusedGrant(fmt.Sprintf("Invalid JWT claims: exp - iat must be at most %d seconds, is %d",
			int(maxGrantLifetime/time.Second), int(life/time.Second)))
	}
	now := f.now()
	if !now.Before(exp.Add(clockTolerance)) {
		return nil, refusedGrant("JWT is expired: exp is in the past; check the clock")
	}
	if iat.After(now.Add(clockTolerance)) {
		return nil, refusedGrant("Invalid JWT claim iat: it is in the future; check the clock")
	}
	if claims.ID == "" {
		return nil, refusedGrant("Invalid JWT claim jti: the assertion has none")
	}
	requested := strings.Fields(claims.Scope)
	if len(requested) == 0 {
		return nil, &oauthError{Status: http.StatusBadRequest, Code: "invalid_scope", Desc: "the assertion asks for no scope"}
	}
	return requested, nil
}

// useJTI uses up a good grant's jti: it never works twice.
func (f *Fake) useJTI(clientID string, claims *grantClaims) error {
	now := f.now()
	exp := claims.Expiry.Time()
	// The jti is used up only by a grant that passed every other check, so a
	// client may fix a bad grant and send the same jti again; a good grant's
	// jti never works twice.
	f.mu.Lock()
	defer f.mu.Unlock()
	for j, forget := range f.jtis {
		if now.After(forget) {
			delete(f.jtis, j)
		}
	}
	jtiKey := clientID + "\x00" + claims.ID
	if _, seen := f.jtis[jtiKey]; seen {
		return invalidGrant(fmt.Sprintf("the jti %q has been used before; every grant needs a new one", claims.ID))
	}
	f.jtis[jtiKey] = exp.Add(2 * clockTolerance)
	return nil
}
