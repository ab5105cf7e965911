package fakeportal

import (
	"crypto/rand"
	"crypto/rsa"
	"fmt"
	"net/http"
	"strings"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
)

// The scopes of portal-api.md §2 that guard the API.
const (
	scopeScopesRead  = "idporten:scopes.read"
	scopeScopesWrite = "idporten:scopes.write"
	scopeDCRRead     = "idporten:dcr.read"
	scopeDCRWrite    = "idporten:dcr.write"
	scopeDCRModify   = "idporten:dcr.modify"
	scopeDCRSupplier = "idporten:dcr.supplier"
)

// allAPIScopes is what an admin client may request when its Org says nothing,
// and what IssueToken gives when asked for no scope in particular.
var allAPIScopes = []string{
	scopeScopesRead, scopeScopesWrite, scopeDCRRead, scopeDCRWrite, scopeDCRModify, scopeDCRSupplier,
}

// accessClaims are the claims of an access token, shaped like Maskinporten's
// self-contained tokens.
type accessClaims struct {
	Iss       string        `json:"iss"`
	ClientID  string        `json:"client_id"`
	Consumer  consumerClaim `json:"consumer"`
	Scope     string        `json:"scope"`
	Iat       int64         `json:"iat"`
	Exp       int64         `json:"exp"`
	Jti       string        `json:"jti"`
	TokenType string        `json:"token_type"`
}

type consumerClaim struct {
	Authority string `json:"authority"`
	ID        string `json:"ID"`
}

// orgIDPrefix is ISO 6523's code for Norwegian organisation numbers.
const orgIDPrefix = "0192:"

func (c *accessClaims) orgno() string { return strings.TrimPrefix(c.Consumer.ID, orgIDPrefix) }

func (c *accessClaims) scopeSet() map[string]bool {
	set := map[string]bool{}
	for _, s := range strings.Fields(c.Scope) {
		set[s] = true
	}
	return set
}

// IssueToken is a valid access token for orgno, as if its admin client had
// fetched it, for use as a static bearer token. No scopes means every scope
// of §2. It lives Options.StaticTokenLifetime.
func (f *Fake) IssueToken(orgno string, scopes ...string) string {
	if len(scopes) == 0 {
		scopes = allAPIScopes
	}
	tok, err := f.signAccessToken("static-"+orgno, orgno, strings.Join(scopes, " "), f.opts.StaticTokenLifetime)
	if err != nil {
		panic("fakeportal: signing a token: " + err.Error())
	}
	return tok
}

// signAccessToken makes a token signed with this fake's key; only this fake
// accepts it.
func (f *Fake) signAccessToken(clientID, orgno, scope string, lifetime time.Duration) (string, error) {
	signer, err := jose.NewSigner(
		jose.SigningKey{Algorithm: jose.RS256, Key: jose.JSONWebKey{Key: f.signing, KeyID: f.signingID}},
		(&jose.SignerOptions{}).WithType("at+jwt"),
	)
	if err != nil {
		return "", err
	}
	now := f.now()
	claims := accessClaims{
		Iss:       f.Audience(),
		ClientID:  clientID,
		Consumer:  consumerClaim{Authority: "iso6523-actorid-upis", ID: orgIDPrefix + orgno},
		Scope:     scope,
		Iat:       now.Unix(),
		Exp:       now.Add(lifetime).Unix(),
		Jti:       newCorrelationID(),
		TokenType: "Bearer",
	}
	return jwt.Signed(signer).Claims(claims).Serialize()
}

// verifyAccessToken checks the bearer token of r: signed by this fake, not
// expired, naming a consumer. It needs no lock: the key never changes.
func (f *Fake) verifyAccessToken(r *http.Request) (*accessClaims, error) {
	h := r.Header.Get("Authorization")
	scheme, raw, ok := strings.Cut(h, " ")
	if h == "" {
		return nil, unauthorized("no bearer token: send Authorization: Bearer <Maskinporten access token>")
	}
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(raw) == "" {
		return nil, unauthorized("the Authorization header must be Bearer <token>")
	}
	raw = strings.TrimSpace(raw)
	claims, verified := f.verified.get(raw)
	if !verified {
		tok, err := jwt.ParseSigned(raw, []jose.SignatureAlgorithm{jose.RS256})
		if err != nil {
			return nil, unauthorized("the bearer token is not a valid JWT")
		}
		if err := tok.Claims(&f.signing.PublicKey, &claims); err != nil {
			return nil, unauthorized("the bearer token's signature is not valid: it was not issued by this token service")
		}
		f.verified.put(raw, claims)
	}
	if f.now().Unix() >= claims.Exp {
		return nil, unauthorized(fmt.Sprintf("the bearer token expired at %s",
			time.Unix(claims.Exp, 0).UTC().Format(time.RFC3339)))
	}
	if !strings.HasPrefix(claims.Consumer.ID, orgIDPrefix) || !validOrgno(claims.orgno()) {
		return nil, unauthorized("the bearer token names no consumer organisation")
	}
	return &claims, nil
}

// requireScope passes when the token holds one of anyOf; the 403 names what
// is missing, so a user knows what to ask Digdir for.
func (c *call) requireScope(anyOf ...string) error {
	if len(anyOf) == 0 {
		return nil
	}
	for _, s := range anyOf {
		if c.scopes[s] {
			return nil
		}
	}
	op := c.r.Method + " " + c.route.pattern
	if len(anyOf) == 1 {
		return forbidden(fmt.Sprintf("the access token lacks the scope %s, needed for %s", anyOf[0], op))
	}
	return forbidden(fmt.Sprintf("the access token lacks a scope needed for %s: one of %s",
		op, strings.Join(anyOf, ", ")))
}

func mustRSAKey() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic("fakeportal: generating an RSA key: " + err.Error())
	}
	return k
}

// NewOrg returns an Org with a fresh 2048-bit RSA admin key (kid
// "<orgno>-admin", client id "admin-<orgno>") and the private key.
func NewOrg(orgno, name string, prefixes ...string) (Org, *rsa.PrivateKey) {
	key := mustRSAKey()
	return Org{
		Orgno:          orgno,
		Name:           name,
		Prefixes:       prefixes,
		AdminClientID:  "admin-" + orgno,
		AdminKeyID:     orgno + "-admin",
		AdminPublicKey: &key.PublicKey,
	}, key
}
