package main

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"math/big"
	"time"

	pkcs12 "software.sslmate.com/src/go-pkcs12"
)

// Digdir's guide secures the API with the organisation's business
// certificate (a test certificate in the test environment), and production
// clients sign their grants with it (x5c). The standalone fake makes a
// self-signed stand-in for the provider organisation, so that the provider's
// certificate login can be tried by hand as well as its key login.

// certificateLifetime: long enough for any demo session; the fake checks
// the certificate by equality with the registered one, not its dates.
const certificateLifetime = 365 * 24 * time.Hour

// newBusinessCertificate is a fresh 2048-bit key and a self-signed
// certificate for it, named like a Norwegian business certificate (the
// organisation number as the subject's serial number).
func newBusinessCertificate(orgno, name string) (*rsa.PrivateKey, *x509.Certificate, error) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, nil, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, nil, err
	}
	now := time.Now()
	template := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: name, Organization: []string{name}, SerialNumber: orgno, Country: []string{"NO"}},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(certificateLifetime),
		KeyUsage:     x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, template, template, &key.PublicKey, key)
	if err != nil {
		return nil, nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, nil, err
	}
	return key, cert, nil
}

// writePKCS12 writes key and cert as a PKCS#12 file with password, the form
// business certificates come in, readable by the owner only.
func writePKCS12(path string, key *rsa.PrivateKey, cert *x509.Certificate, password string) error {
	data, err := pkcs12.Modern.Encode(key, cert, nil, password)
	if err != nil {
		return err
	}
	return writeAtomic(path, data)
}

// newPassword is a random password that needs no quoting in a shell.
func newPassword() (string, error) {
	var b [18]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b[:]), nil
}
