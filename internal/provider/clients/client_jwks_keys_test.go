package clients

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

func TestClientJWKS_ParsePublicKeyPEM(t *testing.T) {
	t.Parallel()
	a := acctest.TestKey("A")
	pub := &a.PublicKey
	pkcs8, _ := x509.MarshalPKCS8PrivateKey(a)
	small, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	ec, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	ecDER, _ := x509.MarshalPKIXPublicKey(&ec.PublicKey)
	ecPriv, _ := x509.MarshalECPrivateKey(ec)
	edPub, _, _ := ed25519.GenerateKey(rand.Reader)
	edDER, _ := x509.MarshalPKIXPublicKey(edPub)
	cert := acctest.PEMOf("CERTIFICATE", acctest.TestCertDER())
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(2), NotAfter: time.Now().Add(time.Hour)}
	ecCertDER, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &ec.PublicKey, ec)
	if err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		name, pem string
		wantErr   string // "" for a key that is accepted
		wantX5c   int    // certificates sent along as x5c
		wantKey   *rsa.PublicKey
	}{
		{name: "PKIX public key", pem: acctest.PublicPEM(t, pub), wantKey: pub},
		{name: "PKCS#1 public key", pem: acctest.PEMOf("RSA PUBLIC KEY", x509.MarshalPKCS1PublicKey(pub)), wantKey: pub},
		{name: "with text around it", pem: "my key:\n" + acctest.PublicPEM(t, pub) + "\n", wantKey: pub},
		{name: "certificate", pem: cert, wantKey: &acctest.TestKey("D").PublicKey, wantX5c: 1},
		{name: "certificate and chain", pem: cert + cert, wantKey: &acctest.TestKey("D").PublicKey, wantX5c: 2},
		{name: "PKCS#8 private key", pem: acctest.PEMOf("PRIVATE KEY", pkcs8), wantErr: `holds a private key (a "PRIVATE KEY" block)`},
		{name: "PKCS#1 private key", pem: acctest.PEMOf("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(a)), wantErr: "holds a private key"},
		{name: "public and private key", pem: acctest.PublicPEM(t, pub) + acctest.PEMOf("PRIVATE KEY", pkcs8), wantErr: "holds a private key"},
		{name: "EC private key", pem: acctest.PEMOf("EC PRIVATE KEY", ecPriv), wantErr: "holds a private key"},
		{name: "encrypted private key", pem: acctest.PEMOf("ENCRYPTED PRIVATE KEY", []byte{1, 2, 3}), wantErr: "holds a private key"},
		{name: "1024 bits", pem: acctest.PublicPEM(t, &small.PublicKey), wantErr: "is an RSA key of 1024 bits; the portal needs at least 2048"},
		{name: "EC public key", pem: acctest.PEMOf("PUBLIC KEY", ecDER), wantErr: "is an EC (ECDSA) key; the portal accepts RSA keys only"},
		{name: "Ed25519 public key", pem: acctest.PEMOf("PUBLIC KEY", edDER), wantErr: "is an Ed25519 key"},
		{name: "EC certificate", pem: acctest.PEMOf("CERTIFICATE", ecCertDER), wantErr: "is a certificate for an EC (ECDSA) key; the portal accepts RSA keys only"},
		{name: "two public keys", pem: acctest.PublicPEM(t, pub) + acctest.PublicPEM(t, &acctest.TestKey("B").PublicKey), wantErr: "holds more than one key"},
		{name: "key and certificate", pem: acctest.PublicPEM(t, pub) + cert, wantErr: "holds more than one key"},
		{name: "not PEM", pem: "ssh-rsa AAAAB3NzaC1yc2E", wantErr: "is not PEM"},
		{name: "other block", pem: acctest.PEMOf("CERTIFICATE REQUEST", []byte{1}), wantErr: `has a "CERTIFICATE REQUEST" block`},
		{name: "broken key", pem: acctest.PEMOf("PUBLIC KEY", []byte{1, 2, 3}), wantErr: "not a valid key"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m, err := parsePublicKeyPEM(tc.pem)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tc.wantErr)
				}
				// Never echo the input: it may be a private key.
				if strings.Contains(err.Error(), "MII") {
					t.Errorf("error quotes the PEM: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !m.pub.Equal(tc.wantKey) || len(m.x5c) != tc.wantX5c {
				t.Errorf("got key equal=%v, %d certificates; want %d", m.pub.Equal(tc.wantKey), len(m.x5c), tc.wantX5c)
			}
			if tc.wantX5c > 0 && m.x5c[0] != base64.StdEncoding.EncodeToString(acctest.TestCertDER()) {
				t.Errorf("x5c[0] is not the certificate's DER in base64")
			}
		})
	}
}

func TestClientJWKS_ParsePublicJWK(t *testing.T) {
	t.Parallel()
	a := acctest.TestKey("A")
	n, e := acctest.JWKN(&a.PublicKey), acctest.JWKE(&a.PublicKey)
	small, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	certB64 := base64.StdEncoding.EncodeToString(acctest.TestCertDER())
	obj := func(members map[string]any) string {
		b, _ := json.Marshal(members)
		return string(b)
	}

	cases := []struct {
		name, jwk string
		wantErr   string
	}{
		{name: "minimal", jwk: acctest.JWKJSON(&a.PublicKey)},
		{name: "padded base64", jwk: obj(map[string]any{"kty": "RSA", "n": n + "==", "e": e + "="})},
		{name: "every public member", jwk: obj(map[string]any{"kty": "RSA", "kid": "k1", "use": "sig", "alg": "RS256", "n": n, "e": e, "key_ops": []string{"verify"}})},
		{name: "with a matching x5c", jwk: obj(map[string]any{"kty": "RSA", "n": acctest.JWKN(&acctest.TestKey("D").PublicKey), "e": e, "x5c": []string{certB64}})},
		{name: "private member d", jwk: obj(map[string]any{"kty": "RSA", "n": n, "e": e, "d": acctest.B64URL(a.D.Bytes())}), wantErr: `is a private key (it has the private member "d")`},
		{name: "private members p and q", jwk: obj(map[string]any{"kty": "RSA", "n": n, "e": e, "p": "AQ", "q": "AQ"}), wantErr: `"p", "q"`},
		{name: "symmetric key", jwk: obj(map[string]any{"kty": "oct", "k": "c2VjcmV0"}), wantErr: "is a private key"},
		{name: "EC key", jwk: obj(map[string]any{"kty": "EC", "crv": "P-256", "x": "AA", "y": "AA"}), wantErr: `has kty "EC"; the portal accepts RSA keys only`},
		{name: "1024 bits", jwk: acctest.JWKJSON(&small.PublicKey), wantErr: "is an RSA key of 1024 bits"},
		{name: "no n", jwk: obj(map[string]any{"kty": "RSA", "e": e}), wantErr: "has no valid n"},
		{name: "bad e", jwk: obj(map[string]any{"kty": "RSA", "n": n, "e": "!!"}), wantErr: "has no valid e"},
		{name: "even e", jwk: obj(map[string]any{"kty": "RSA", "n": n, "e": "Ag"}), wantErr: "not a usable RSA exponent"},
		{name: "x5c for another key", jwk: obj(map[string]any{"kty": "RSA", "n": n, "e": e, "x5c": []string{certB64}}), wantErr: "x5c[0] that is not for the key"},
		{name: "x5c not base64", jwk: obj(map[string]any{"kty": "RSA", "n": n, "e": e, "x5c": []string{"%%"}}), wantErr: "x5c[0] that is not base64 DER"},
		{name: "a key set", jwk: `{"keys":[` + acctest.JWKJSON(&a.PublicKey) + `]}`, wantErr: "is a key set"},
		{name: "not JSON", jwk: "-----BEGIN PUBLIC KEY-----", wantErr: "is not a JSON object"},
		{name: "trailing text", jwk: acctest.JWKJSON(&a.PublicKey) + " x", wantErr: "is not a JSON object"},
		{name: "wrong member type", jwk: `{"kty":"RSA","n":1,"e":"AQAB"}`, wantErr: "has a member of the wrong type"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parsePublicJWK(tc.jwk)
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatal(err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Fatalf("error %v, want one containing %q", err, tc.wantErr)
			case err != nil && strings.Contains(err.Error(), n[:20]):
				t.Errorf("error quotes the key: %v", err)
			}
		})
	}
}

// The rules that tie a JWK to its entry, and exactly one of the two forms.
func TestClientJWKS_ClientKeyMaterialRules(t *testing.T) {
	t.Parallel()
	pub := &acctest.TestKey("A").PublicKey
	jwkWith := func(extra string) types.String {
		return types.StringValue(strings.TrimSuffix(acctest.JWKJSON(pub), "}") + "," + extra + "}")
	}
	pemValue := types.StringValue(acctest.PublicPEM(t, pub))
	null := types.StringNull()

	cases := []struct {
		name     string
		key      clientKeyModel
		wantAttr string
		wantErr  string
	}{
		{name: "PEM", key: clientKeyModel{PublicKeyPEM: pemValue, JWK: null}},
		{name: "JWK, alg left to the default", key: clientKeyModel{PublicKeyPEM: null, JWK: jwkWith(`"alg":"RS256","kid":"k1","use":"sig"`), Alg: null}},
		{name: "JWK alg agrees", key: clientKeyModel{PublicKeyPEM: null, JWK: jwkWith(`"alg":"RS512"`), Alg: types.StringValue("RS512")}},
		{name: "both", key: clientKeyModel{PublicKeyPEM: pemValue, JWK: types.StringValue(acctest.JWKJSON(pub))}, wantErr: "sets both"},
		{name: "neither", key: clientKeyModel{PublicKeyPEM: null, JWK: null}, wantErr: "sets neither"},
		{name: "JWK kid differs", key: clientKeyModel{PublicKeyPEM: null, JWK: jwkWith(`"kid":"k2"`)}, wantAttr: "jwk", wantErr: `has kid "k2", but the entry's kid`},
		{name: "JWK use enc", key: clientKeyModel{PublicKeyPEM: null, JWK: jwkWith(`"use":"enc"`)}, wantAttr: "jwk", wantErr: `has use "enc"`},
		{name: "JWK alg differs from the default", key: clientKeyModel{PublicKeyPEM: null, JWK: jwkWith(`"alg":"RS512"`), Alg: null}, wantAttr: "jwk", wantErr: `set alg = "RS512"`},
		{name: "JWK alg RS384", key: clientKeyModel{PublicKeyPEM: null, JWK: jwkWith(`"alg":"RS384"`), Alg: types.StringValue("RS384")}, wantAttr: "jwk", wantErr: `has alg "RS384"; the portal accepts client keys with alg RS256 or RS512 only`},
		{name: "bad PEM", key: clientKeyModel{PublicKeyPEM: types.StringValue("x"), JWK: null}, wantAttr: "public_key_pem", wantErr: "is not PEM"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m, known, err := tc.key.material("k1")
			if !known {
				t.Fatal("material reported unknown")
			}
			if tc.wantErr == "" {
				if err != nil || !m.pub.Equal(pub) {
					t.Fatalf("err %v, key equal %v", err, m.pub != nil && m.pub.Equal(pub))
				}
				return
			}
			ke, ok := err.(*keyConfigError)
			if !ok || ke.attr != tc.wantAttr || !strings.Contains(ke.rule, tc.wantErr) {
				t.Fatalf("error %#v, want attr %q and a rule containing %q", err, tc.wantAttr, tc.wantErr)
			}
		})
	}

	// A value from another resource is checked once it is known.
	if _, known, err := (clientKeyModel{PublicKeyPEM: types.StringUnknown(), JWK: null}).material("k1"); known || err != nil {
		t.Errorf("unknown PEM: known %v, err %v", known, err)
	}
}

// Every spelling of one key has the same material, and what the portal
// gets back is the same key; a certificate differs from its bare key.
func TestClientJWKS_KeyMaterialSpellingsAgree(t *testing.T) {
	t.Parallel()
	pub := &acctest.TestKey("A").PublicKey
	pkix, _ := parsePublicKeyPEM(acctest.PublicPEM(t, pub))
	pkcs1, _ := parsePublicKeyPEM(acctest.PEMOf("RSA PUBLIC KEY", x509.MarshalPKCS1PublicKey(pub)))
	jwk, _ := parsePublicJWK(acctest.JWKJSON(pub))
	padded, _ := parsePublicJWK(fmt.Sprintf(`{"kty":"RSA","n":"%s=","e":"AQAB"}`, acctest.JWKN(pub)))
	fromPortal, err := materialFromPortal(pkix.toPortal("k1", "RS256", 0))
	if err != nil {
		t.Fatal(err)
	}
	for name, m := range map[string]keyMaterial{"PKCS#1": pkcs1, "JWK": jwk.keyMaterial, "padded JWK": padded.keyMaterial, "portal": fromPortal} {
		if !pkix.equal(m) {
			t.Errorf("%s spelling differs from the PKIX PEM", name)
		}
	}
	cert, _ := parsePublicKeyPEM(acctest.PEMOf("CERTIFICATE", acctest.TestCertDER()))
	bare, _ := parsePublicKeyPEM(acctest.PublicPEM(t, &acctest.TestKey("D").PublicKey))
	if cert.equal(bare) {
		t.Error("a certificate equals its bare key; x5c would not be repaired")
	}
	if cert.equal(keyMaterial{}) || (keyMaterial{}).equal(keyMaterial{}) {
		t.Error("an empty material equals something")
	}
}

func TestClientJWKS_ToPortalSendsSig(t *testing.T) {
	t.Parallel()
	m, _ := parsePublicKeyPEM(acctest.PEMOf("CERTIFICATE", acctest.TestCertDER()))
	k := m.toPortal("k1", "RS512", 1234)
	if k.Kty != "RSA" || k.Use != "sig" || k.Alg != "RS512" || k.Kid != "k1" || k.Exp != 1234 || k.E != "AQAB" || len(k.X5c) != 1 {
		t.Errorf("toPortal gave %+v", k)
	}
}

// The portal's form of a key in state is what jsonencode writes.
func TestClientJWKS_CanonicalJWK(t *testing.T) {
	t.Parallel()
	pub := &acctest.TestKey("A").PublicKey
	k := portal.JWK{Kty: "RSA", Kid: "k1", Use: "sig", Alg: "RS256", N: acctest.JWKN(pub), E: acctest.JWKE(pub), Exp: 1, Created: "x"}
	if got, want := canonicalJWK(k), acctest.JWKJSON(pub); got != want {
		t.Errorf("canonicalJWK = %s, want %s", got, want)
	}
	k.X5c = []string{"Y2VydA=="}
	if got := canonicalJWK(k); !strings.HasSuffix(got, `,"x5c":["Y2VydA=="]}`) {
		t.Errorf("canonicalJWK with x5c = %s", got)
	}
}

// keysFromPortal keeps what the user configured while it still encodes the
// portal's key, and shows everything else in the portal's form.
func TestClientJWKS_KeysFromPortal(t *testing.T) {
	t.Parallel()
	a, b, c := &acctest.TestKey("A").PublicKey, &acctest.TestKey("B").PublicKey, &acctest.TestKey("C").PublicKey
	pemA, pemB := acctest.PublicPEM(t, a), acctest.PublicPEM(t, b)
	held := func(kid string, pub *rsa.PublicKey) portal.JWK {
		return portal.JWK{Kty: "RSA", Kid: kid, Use: "sig", Alg: "RS512", N: acctest.JWKN(pub), E: acctest.JWKE(pub), Exp: 42, Created: "then"}
	}
	prior := map[string]clientKeyModel{
		"same":     {PublicKeyPEM: types.StringValue(pemA), JWK: types.StringNull(), Alg: types.StringValue("RS256")},
		"replaced": {PublicKeyPEM: types.StringValue(pemB), JWK: types.StringNull(), Alg: types.StringValue("RS256")},
		"missing":  {PublicKeyPEM: types.StringValue(pemB), JWK: types.StringNull(), Alg: types.StringValue("RS256")},
	}
	got := keysFromPortal(prior, []portal.JWK{held("same", a), held("replaced", c), held("added", b)})

	if len(got) != 3 {
		t.Fatalf("got kids %v, want same, replaced and added", sortedKids(got))
	}
	if s := got["same"]; s.PublicKeyPEM.ValueString() != pemA || !s.JWK.IsNull() ||
		s.Alg.ValueString() != "RS512" || s.Exp.ValueInt64() != 42 || s.Created.ValueString() != "then" {
		t.Errorf("same = %+v, want the configured PEM with the portal's alg, exp and created", s)
	}
	if r := got["replaced"]; !r.PublicKeyPEM.IsNull() || r.JWK.ValueString() != acctest.JWKJSON(c) {
		t.Errorf("replaced = %+v, want the portal's key as a JWK", r)
	}
	if a := got["added"]; !a.PublicKeyPEM.IsNull() || a.JWK.ValueString() != acctest.JWKJSON(b) {
		t.Errorf("added = %+v, want the portal's key as a JWK", a)
	}
}

func TestClientJWKS_KeysToPortalKeepsExp(t *testing.T) {
	t.Parallel()
	pemA := types.StringValue(acctest.PublicPEM(t, &acctest.TestKey("A").PublicKey))
	keys := map[string]clientKeyModel{
		"kept": {PublicKeyPEM: pemA, JWK: types.StringNull(), Alg: types.StringValue("RS256"), Exp: types.Int64Value(99)},
		"new":  {PublicKeyPEM: pemA, JWK: types.StringNull(), Alg: types.StringValue("RS512"), Exp: types.Int64Unknown()},
	}
	var diags diag.Diagnostics
	out := keysToPortal(keys, &diags)
	if diags.HasError() || len(out) != 2 {
		t.Fatalf("diags %v, %d keys", diags, len(out))
	}
	// Sorted by kid: "kept", "new".
	if out[0].Kid != "kept" || out[0].Exp != 99 || out[1].Kid != "new" || out[1].Exp != 0 || out[1].Alg != "RS512" {
		t.Errorf("sent %+v", out)
	}
}

// Changes to one client never overlap; other clients do not wait.
func TestClientJWKS_LockClient(t *testing.T) {
	t.Parallel()
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		running int
		overlap bool
	)
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			unlock := lockClient("lock-test-client")
			defer unlock()
			mu.Lock()
			running++
			overlap = overlap || running > 1
			mu.Unlock()
			other := lockClient("lock-test-other") // another client is not blocked by the first
			other()
			mu.Lock()
			running--
			mu.Unlock()
		}()
	}
	wg.Wait()
	if overlap {
		t.Error("two changes to one client ran at once")
	}
}
