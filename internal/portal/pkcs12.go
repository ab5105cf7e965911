package portal

import (
	"crypto/rsa"
	"crypto/x509"
	"errors"
	"fmt"

	"software.sslmate.com/src/go-pkcs12"
)

// LoadPKCS12 reads a business certificate keystore (.p12/.pfx): the RSA
// private key and the certificates, leaf first, then the CA certificates as
// stored, ready for GrantConfig.Certificates.
func LoadPKCS12(data []byte, password string) (*rsa.PrivateKey, []*x509.Certificate, error) {
	key, leaf, cas, err := pkcs12.DecodeChain(data, password)
	if err != nil {
		if errors.Is(err, pkcs12.ErrIncorrectPassword) {
			return nil, nil, errors.New("the PKCS#12 password is wrong")
		}
		return nil, nil, fmt.Errorf("the keystore is not a readable PKCS#12 file: %v", err)
	}
	rk, ok := key.(*rsa.PrivateKey)
	if !ok {
		return nil, nil, fmt.Errorf("the keystore's private key is %s, not RSA", keyTypeName(key))
	}
	if leaf == nil {
		return nil, nil, errors.New("the keystore holds no certificate for its private key")
	}
	if pub, ok := leaf.PublicKey.(*rsa.PublicKey); !ok || !pub.Equal(rk.Public()) {
		return nil, nil, errors.New("the keystore's certificate does not belong to its private key")
	}
	return rk, append([]*x509.Certificate{leaf}, cas...), nil
}
