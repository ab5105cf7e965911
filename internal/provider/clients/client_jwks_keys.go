package clients

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strings"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
)

// The portal's rules for a client's keys (portal-api.md §6). They are
// checked here, at validate time, so that a bad key stops the plan before
// any request: the portal replaces the whole set on every write, and a key
// set refused half-way through an apply is worse than one never sent.
const (
	maxClientKeys = 5
	minRSAKeyBits = 2048
	defaultKeyAlg = "RS256"
	keyUseSig     = "sig"
)

var (
	// keyAlgorithms: the portal's 2025 schema of a client key has RS256 and
	// RS512 only (portal-api.md §11); it answers 400 for RS384.
	keyAlgorithms = []string{"RS256", "RS512"}
	kidPattern    = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)
)

// jwkPrivateMembers are the JWK members only a private (or symmetric) key
// has. A JWK holding one would put the client's secret in the plan, the state
// and the request to the portal.
var jwkPrivateMembers = []string{"d", "p", "q", "dp", "dq", "qi", "oth", "k"}

// keyMaterial is what identifies a public key in the portal: the RSA
// modulus and exponent, and the certificate chain when there is one. Two
// spellings of one key (PEM and JWK, padded base64 or not) have equal
// material, which is how Read tells "the configured key" from "a key that
// was replaced in the portal".
type keyMaterial struct {
	pub *rsa.PublicKey
	x5c []string // base64 (standard, padded) DER, leaf first
}

func (m keyMaterial) equal(o keyMaterial) bool {
	if m.pub == nil || o.pub == nil {
		return false
	}
	return m.pub.Equal(o.pub) && slices.Equal(m.x5c, o.x5c)
}

// toPortal is the key as the portal receives it. use is always sig: the
// portal requires it since May 2025, and these keys only sign JWT grants.
// exp 0 lets the portal set its default (one year).
func (m keyMaterial) toPortal(kid, alg string, exp int64) portal.JWK {
	return portal.JWK{
		Kty: "RSA",
		Kid: kid,
		Use: keyUseSig,
		Alg: alg,
		N:   base64.RawURLEncoding.EncodeToString(m.pub.N.Bytes()),
		E:   base64.RawURLEncoding.EncodeToString(big.NewInt(int64(m.pub.E)).Bytes()),
		X5c: m.x5c,
		Exp: exp,
	}
}

// materialFromPortal reads the material of a key the portal answered with.
func materialFromPortal(k portal.JWK) (keyMaterial, error) {
	pub, err := rsaFromJWK(k.N, k.E)
	if err != nil {
		return keyMaterial{}, err
	}
	return keyMaterial{pub: pub, x5c: normaliseX5c(k.X5c)}, nil
}

// canonicalJWK is how a key the configuration does not describe (added or
// replaced in the portal, or just imported) is written to state: the public
// members only, keys sorted, no spaces. It is exactly what Terraform's
// jsonencode({kty = "RSA", n = "…", e = "AQAB"}) gives, so a configuration
// written that way imports without a diff.
func canonicalJWK(k portal.JWK) string {
	members := map[string]any{"kty": k.Kty, "n": k.N, "e": k.E}
	if len(k.X5c) > 0 {
		members["x5c"] = k.X5c
	}
	b, _ := json.Marshal(members) // strings and a string slice: cannot fail
	return string(b)
}

// parsePublicKeyPEM reads a public key ("PUBLIC KEY", "RSA PUBLIC KEY") or a
// certificate, optionally followed by its chain. A certificate's chain goes
// to the portal as x5c. The error says which rule the PEM breaks; it never
// quotes the input, which may be a private key.
func parsePublicKeyPEM(data string) (keyMaterial, error) {
	var (
		keys  []*rsa.PublicKey
		certs []*x509.Certificate
		rest  = []byte(data)
		found bool
	)
	for {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		found = true
		switch {
		case strings.Contains(block.Type, "PRIVATE KEY"):
			return keyMaterial{}, fmt.Errorf("holds a private key (a %q block); give the public key or certificate "+
				"only, e.g. from openssl pkey -in key.pem -pubout. A private key must never be sent to the portal "+
				"or kept in Terraform state", block.Type)
		case block.Type == "PUBLIC KEY":
			k, err := x509.ParsePKIXPublicKey(block.Bytes)
			if err != nil {
				return keyMaterial{}, fmt.Errorf("has a PUBLIC KEY block that is not a valid key: %v", err)
			}
			rk, err := checkRSAKey(k)
			if err != nil {
				return keyMaterial{}, err
			}
			keys = append(keys, rk)
		case block.Type == "RSA PUBLIC KEY":
			k, err := x509.ParsePKCS1PublicKey(block.Bytes)
			if err != nil {
				return keyMaterial{}, fmt.Errorf("has an RSA PUBLIC KEY block that is not a valid PKCS#1 key: %v", err)
			}
			rk, err := checkRSAKey(k)
			if err != nil {
				return keyMaterial{}, err
			}
			keys = append(keys, rk)
		case block.Type == "CERTIFICATE":
			c, err := x509.ParseCertificate(block.Bytes)
			if err != nil {
				return keyMaterial{}, fmt.Errorf("has a CERTIFICATE block that is not a valid certificate: %v", err)
			}
			certs = append(certs, c)
		default:
			return keyMaterial{}, fmt.Errorf("has a %q block; expected one PUBLIC KEY, RSA PUBLIC KEY or CERTIFICATE "+
				"(a certificate may be followed by its chain)", block.Type)
		}
	}
	switch {
	case !found:
		return keyMaterial{}, errors.New("is not PEM: no -----BEGIN …----- block was found")
	case len(keys)+min(len(certs), 1) > 1:
		return keyMaterial{}, errors.New("holds more than one key; give one public key, or one certificate " +
			"followed by its chain: each key is its own entry of keys, under its own kid")
	case len(keys) == 1:
		return keyMaterial{pub: keys[0]}, nil
	}
	leaf, err := checkRSAKey(certs[0].PublicKey)
	if err != nil {
		return keyMaterial{}, fmt.Errorf("is a certificate for %s", strings.TrimPrefix(err.Error(), "is "))
	}
	x5c := make([]string, len(certs))
	for i, c := range certs {
		x5c[i] = base64.StdEncoding.EncodeToString(c.Raw)
	}
	return keyMaterial{pub: leaf, x5c: x5c}, nil
}

// publicJWK is a parsed JWK: its material and the members that must agree
// with the rest of the key's configuration.
type publicJWK struct {
	keyMaterial
	kid, alg, use string
}

// parsePublicJWK reads one public RSA JWK in JSON. As for PEM, errors never
// quote the input.
func parsePublicJWK(data string) (publicJWK, error) {
	var members map[string]json.RawMessage
	if err := json.Unmarshal([]byte(data), &members); err != nil || members == nil {
		return publicJWK{}, errors.New("is not a JSON object (a single JWK, not a key set with \"keys\")")
	}
	if _, isSet := members["keys"]; isSet {
		return publicJWK{}, errors.New("is a key set (it has \"keys\"); give one JWK per entry of keys, under its own kid")
	}
	var private []string
	for _, m := range jwkPrivateMembers {
		if _, ok := members[m]; ok {
			private = append(private, fmt.Sprintf("%q", m))
		}
	}
	if len(private) > 0 {
		return publicJWK{}, fmt.Errorf("is a private key (it has the private member %s); give the public JWK only "+
			"(kty, n, e). A private key must never be sent to the portal or kept in Terraform state",
			strings.Join(private, ", "))
	}
	var j struct {
		Kty string   `json:"kty"`
		Kid string   `json:"kid"`
		Use string   `json:"use"`
		Alg string   `json:"alg"`
		N   string   `json:"n"`
		E   string   `json:"e"`
		X5c []string `json:"x5c"`
	}
	if err := json.Unmarshal([]byte(data), &j); err != nil {
		return publicJWK{}, fmt.Errorf("has a member of the wrong type: %v", err)
	}
	if j.Kty != "RSA" {
		return publicJWK{}, fmt.Errorf("has kty %q; the portal accepts RSA keys only (kty \"RSA\")", j.Kty)
	}
	pub, err := rsaFromJWK(j.N, j.E)
	if err != nil {
		return publicJWK{}, err
	}
	if _, err := checkRSAKey(pub); err != nil {
		return publicJWK{}, err
	}
	x5c := normaliseX5c(j.X5c)
	for i, c := range x5c {
		der, err := base64.StdEncoding.DecodeString(c)
		if err != nil {
			return publicJWK{}, fmt.Errorf("has x5c[%d] that is not base64 DER", i)
		}
		cert, err := x509.ParseCertificate(der)
		if err != nil {
			return publicJWK{}, fmt.Errorf("has x5c[%d] that is not a certificate: %v", i, err)
		}
		if i == 0 && !pub.Equal(cert.PublicKey) {
			return publicJWK{}, errors.New("has a certificate in x5c[0] that is not for the key's n and e")
		}
	}
	return publicJWK{keyMaterial: keyMaterial{pub: pub, x5c: x5c}, kid: j.Kid, alg: j.Alg, use: j.Use}, nil
}

// rsaFromJWK decodes n and e, base64url with or without padding.
func rsaFromJWK(n, e string) (*rsa.PublicKey, error) {
	nb, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(n, "="))
	if err != nil || len(bytes.TrimLeft(nb, "\x00")) == 0 {
		return nil, errors.New("has no valid n: it must be the RSA modulus in base64url")
	}
	eb, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(e, "="))
	eb = bytes.TrimLeft(eb, "\x00")
	if err != nil || len(eb) == 0 || len(eb) > 4 {
		return nil, errors.New("has no valid e: it must be the RSA exponent in base64url (usually \"AQAB\")")
	}
	exp := new(big.Int).SetBytes(eb).Int64()
	if exp < 3 || exp%2 == 0 || exp > 1<<31-1 {
		return nil, fmt.Errorf("has e = %d, which is not a usable RSA exponent", exp)
	}
	return &rsa.PublicKey{N: new(big.Int).SetBytes(nb), E: int(exp)}, nil
}

// checkRSAKey refuses what the portal refuses: keys that are not RSA, and
// RSA keys under 2048 bits.
func checkRSAKey(k any) (*rsa.PublicKey, error) {
	switch k := k.(type) {
	case *rsa.PublicKey:
		if bits := k.N.BitLen(); bits < minRSAKeyBits {
			return nil, fmt.Errorf("is an RSA key of %d bits; the portal needs at least %d", bits, minRSAKeyBits)
		}
		return k, nil
	case *ecdsa.PublicKey:
		return nil, errors.New("is an EC (ECDSA) key; the portal accepts RSA keys only")
	case ed25519.PublicKey:
		return nil, errors.New("is an Ed25519 key; the portal accepts RSA keys only")
	default:
		return nil, fmt.Errorf("is a %T; the portal accepts RSA keys only", k)
	}
}

// normaliseX5c gives nil for no chain, so that "no x5c" and "x5c: []" are
// the same material.
func normaliseX5c(x5c []string) []string {
	if len(x5c) == 0 {
		return nil
	}
	return x5c
}
