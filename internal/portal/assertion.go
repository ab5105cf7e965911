package portal

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
)

// assertionLifetime is exp - iat of a grant assertion: Maskinporten refuses
// more than 120 s.
const assertionLifetime = 120 * time.Second

// asserter signs the JWT grant assertions of one GrantConfig.
type asserter struct {
	signer   jose.Signer
	issuer   string
	audience string
	scope    string
	now      func() time.Time
}

func newAsserter(cfg GrantConfig) (*asserter, error) {
	if cfg.PrivateKey == nil {
		return nil, errors.New("the JWT grant needs a private key (RSA)")
	}
	opts := (&jose.SignerOptions{}).WithType("JWT")
	switch {
	case len(cfg.Certificates) > 0:
		// The business certificate variant: x5c, leaf first, and no kid.
		leaf := cfg.Certificates[0]
		pub, ok := leaf.PublicKey.(*rsa.PublicKey)
		if !ok || !pub.Equal(cfg.PrivateKey.Public()) {
			return nil, fmt.Errorf("the certificate %q does not belong to the private key", leaf.Subject.String())
		}
		chain := make([]string, len(cfg.Certificates))
		for i, c := range cfg.Certificates {
			chain[i] = base64.StdEncoding.EncodeToString(c.Raw)
		}
		opts = opts.WithHeader("x5c", chain)
	case strings.TrimSpace(cfg.KeyID) != "":
		opts = opts.WithHeader("kid", cfg.KeyID)
	default:
		return nil, errors.New("the JWT grant needs a key id (of a key registered on the client) or a certificate")
	}
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: cfg.PrivateKey}, opts)
	if err != nil {
		return nil, fmt.Errorf("cannot sign with the private key: %v", err)
	}
	return &asserter{
		signer:   signer,
		issuer:   cfg.ClientID,
		audience: cfg.Audience,
		scope:    strings.Join(cfg.Scopes, " "),
		now:      cfg.Now,
	}, nil
}

// assertionClaims are the claims Maskinporten reads from a grant assertion.
type assertionClaims struct {
	Issuer   string `json:"iss"`
	Audience string `json:"aud"` // a plain string: the issuer URL, trailing slash included
	Scope    string `json:"scope"`
	IssuedAt int64  `json:"iat"`
	Expiry   int64  `json:"exp"`
	ID       string `json:"jti"`
}

// assertion signs a new assertion with a fresh jti: Maskinporten refuses a
// jti it has seen, so every attempt needs its own.
func (a *asserter) assertion() (string, error) {
	jti := make([]byte, 16)
	if _, err := rand.Read(jti); err != nil {
		return "", fmt.Errorf("generating a jti: %v", err)
	}
	now := a.now()
	claims := assertionClaims{
		Issuer:   a.issuer,
		Audience: a.audience,
		Scope:    a.scope,
		IssuedAt: now.Unix(),
		Expiry:   now.Add(assertionLifetime).Unix(),
		ID:       hex.EncodeToString(jti),
	}
	s, err := jwt.Signed(a.signer).Claims(claims).Serialize()
	if err != nil {
		return "", fmt.Errorf("signing the grant assertion: %v", err)
	}
	return s, nil
}
