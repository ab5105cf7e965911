package acctest

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"sync"
	"testing"
	"time"
)

// jwksTestKeys are the client keys of these tests. 2048-bit keygen is slow,
// so the test binary makes them once: A and B for a set of two, C to rotate
// to, D for a certificate.
var jwksTestKeys = sync.OnceValue(func() map[string]*rsa.PrivateKey {
	keys := map[string]*rsa.PrivateKey{}
	for _, name := range []string{"A", "B", "C", "D"} {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		keys[name] = k
	}
	return keys
})

func TestKey(name string) *rsa.PrivateKey { return jwksTestKeys()[name] }

// TestCertDER is a self-signed certificate for key D.
var TestCertDER = sync.OnceValue(func() []byte {
	k := TestKey("D")
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "krr test client"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(365 * 24 * time.Hour),
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &k.PublicKey, k)
	if err != nil {
		panic(err)
	}
	return der
})

func PEMOf(blockType string, der []byte) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: blockType, Bytes: der}))
}

// PublicPEM is k's public key as `openssl pkey -pubout` writes it.
func PublicPEM(t testing.TB, k *rsa.PublicKey) string {
	der, err := x509.MarshalPKIXPublicKey(k)
	if err != nil {
		t.Fatal(err)
	}
	return PEMOf("PUBLIC KEY", der)
}

func B64URL(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

func JWKN(k *rsa.PublicKey) string { return B64URL(k.N.Bytes()) }

func JWKE(k *rsa.PublicKey) string { return B64URL(big.NewInt(int64(k.E)).Bytes()) }

// JWKJSON is k as a public JWK, as jsonencode({kty, n, e}) writes it.
func JWKJSON(k *rsa.PublicKey) string {
	b, _ := json.Marshal(map[string]string{"kty": "RSA", "n": JWKN(k), "e": JWKE(k)})
	return string(b)
}

// PrivateAndSmallKeys are what a key set must refuse: test key A's private
// half (PKCS#8 DER) and a 1024-bit key.
func PrivateAndSmallKeys(t *testing.T) ([]byte, *rsa.PrivateKey) {
	t.Helper()
	pkcs8, err := x509.MarshalPKCS8PrivateKey(TestKey("A"))
	if err != nil {
		t.Fatal(err)
	}
	small, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	return pkcs8, small
}

// PrivatePEM is a test key's private half as PKCS#8 PEM.
func PrivatePEM(t *testing.T, name string) string {
	der, err := x509.MarshalPKCS8PrivateKey(TestKey(name))
	if err != nil {
		t.Fatal(err)
	}
	return PEMOf("PRIVATE KEY", der)
}
