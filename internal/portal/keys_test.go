package portal

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"strings"
	"testing"
)

func TestParseRSAPrivateKeyPEM(t *testing.T) {
	key := rsaKey(t)
	pkcs1 := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})
	der8, _ := x509.MarshalPKCS8PrivateKey(key)
	pkcs8 := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der8})
	cert := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: selfSignedCert(t, key, "x").Raw})
	for name, data := range map[string][]byte{
		"pkcs1":               pkcs1,
		"pkcs8":               pkcs8,
		"cert then key":       append(append([]byte{}, cert...), pkcs8...),
		"text around the key": append([]byte("Bag Attributes\n  localKeyID: 01\n"), pkcs1...),
	} {
		got, err := ParseRSAPrivateKeyPEM(data)
		if err != nil || !got.Equal(key) {
			t.Errorf("%s: %v", name, err)
		}
	}

	ec, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	ecDER8, _ := x509.MarshalPKCS8PrivateKey(ec)
	ecSEC1, _ := x509.MarshalECPrivateKey(ec)
	_, ed, _ := ed25519.GenerateKey(rand.Reader)
	edDER8, _ := x509.MarshalPKCS8PrivateKey(ed)
	pubDER, _ := x509.MarshalPKIXPublicKey(&key.PublicKey)
	for name, tc := range map[string]struct {
		data []byte
		want string
	}{
		"ec pkcs8":        {pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: ecDER8}), "EC (ECDSA) key, not RSA"},
		"ec sec1":         {pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: ecSEC1}), "EC (ECDSA) key, not RSA"},
		"ed25519":         {pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: edDER8}), "Ed25519 key, not RSA"},
		"garbage":         {[]byte("this is not a key"), "not PEM"},
		"empty":           {nil, "not PEM"},
		"public key":      {pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pubDER}), "found only PUBLIC KEY"},
		"cert only":       {cert, "found only CERTIFICATE"},
		"encrypted pkcs8": {pem.EncodeToMemory(&pem.Block{Type: "ENCRYPTED PRIVATE KEY", Bytes: []byte{1}}), "encrypted"},
		"encrypted legacy": {pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Headers: map[string]string{
			"Proc-Type": "4,ENCRYPTED", "DEK-Info": "AES-128-CBC,00"}, Bytes: []byte{1}}), "encrypted"},
		"broken pkcs1": {pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: []byte{1, 2}}), "not a valid PKCS#1"},
	} {
		_, err := ParseRSAPrivateKeyPEM(tc.data)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", name, err, tc.want)
		}
	}
}
