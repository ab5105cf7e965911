package portal

import (
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"
)

// ParseRSAPrivateKeyPEM reads an RSA private key from PEM, PKCS#1 ("RSA
// PRIVATE KEY") or PKCS#8 ("PRIVATE KEY"). Other blocks in the data (a
// certificate next to the key) are skipped. Errors say what was found
// instead: no PEM, a public key or certificate only, a key of another type,
// or an encrypted key (not supported: decrypt it first, e.g. with openssl).
func ParseRSAPrivateKeyPEM(data []byte) (*rsa.PrivateKey, error) {
	var found []string
	rest := data
	for {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		found = append(found, block.Type)
		if _, encrypted := block.Headers["DEK-Info"]; encrypted || strings.Contains(block.Headers["Proc-Type"], "ENCRYPTED") {
			return nil, errors.New("the private key PEM is encrypted, which is not supported; decrypt it first (openssl pkey -in key.pem -out plain.pem)")
		}
		switch block.Type {
		case "ENCRYPTED PRIVATE KEY":
			return nil, errors.New("the private key PEM is encrypted (PKCS#8), which is not supported; decrypt it first (openssl pkey -in key.pem -out plain.pem)")
		case "RSA PRIVATE KEY":
			k, err := x509.ParsePKCS1PrivateKey(block.Bytes)
			if err != nil {
				return nil, fmt.Errorf("the RSA PRIVATE KEY block is not a valid PKCS#1 key: %v", err)
			}
			return k, nil
		case "PRIVATE KEY":
			k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
			if err != nil {
				return nil, fmt.Errorf("the PRIVATE KEY block is not a valid PKCS#8 key: %v", err)
			}
			rk, ok := k.(*rsa.PrivateKey)
			if !ok {
				return nil, fmt.Errorf("the private key is %s, not RSA; Maskinporten grants here are signed RS256 with an RSA key", keyTypeName(k))
			}
			return rk, nil
		case "EC PRIVATE KEY":
			return nil, errors.New("the private key is an EC (ECDSA) key, not RSA; Maskinporten grants here are signed RS256 with an RSA key")
		case "OPENSSH PRIVATE KEY":
			return nil, errors.New("the private key is in OpenSSH format; convert it to PEM (ssh-keygen -p -m PEM) or PKCS#8")
		}
	}
	if len(found) == 0 {
		return nil, errors.New("the private key is not PEM (no -----BEGIN …----- block found)")
	}
	return nil, fmt.Errorf("no private key in the PEM data, found only %s", strings.Join(found, ", "))
}

// keyTypeName names a parsed key's algorithm for an error message.
func keyTypeName(k any) string {
	switch k.(type) {
	case *ecdsa.PrivateKey:
		return "an EC (ECDSA) key"
	case ed25519.PrivateKey:
		return "an Ed25519 key"
	case *ecdh.PrivateKey:
		return "an X25519 (ECDH) key"
	case *rsa.PrivateKey:
		return "an RSA key"
	default:
		return fmt.Sprintf("a %T", k)
	}
}
