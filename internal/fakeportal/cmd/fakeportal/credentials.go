package main

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
)

// The provider organisation's admin credentials, written beside the env file
// that names them.
const (
	keyFileName         = "fakeportal-admin-key.pem"
	certificateFileName = "fakeportal-admin-certificate.p12"
)

// credentials are where the files went (absolute paths) and the PKCS#12
// file's password.
type credentials struct {
	keyPath      string
	certPath     string
	certPassword string
}

// writeCredentials writes the admin client's private key and the business
// certificate with its key into dir, made if need be.
func writeCredentials(dir string, key, certKey *rsa.PrivateKey, cert *x509.Certificate) (credentials, error) {
	var c credentials
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return c, err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return c, err
	}
	c.keyPath = filepath.Join(abs, keyFileName)
	c.certPath = filepath.Join(abs, certificateFileName)
	if c.certPassword, err = newPassword(); err != nil {
		return c, err
	}
	if err := writeKey(c.keyPath, key); err != nil {
		return c, err
	}
	return c, writePKCS12(c.certPath, certKey, cert, c.certPassword)
}

// writeKey writes the admin client's private key as PKCS#8 PEM, readable by
// the owner only.
func writeKey(path string, key *rsa.PrivateKey) error {
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return err
	}
	data := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})
	return writeAtomic(path, data)
}
