package provider

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
)

// credentialKind says how the provider gets its access token.
type credentialKind int

const (
	credentialsStaticToken credentialKind = iota + 1
	credentialsKey
	credentialsCertificate
)

// credentials holds the parsed secret material; it never reaches a log.
type credentials struct {
	Kind         credentialKind
	AccessToken  string
	ClientID     string
	KeyID        string
	PrivateKey   *rsa.PrivateKey
	Certificates []*x509.Certificate
}

const credentialsHelp = "Set one of: access_token (KRR_ACCESS_TOKEN); or client_id, key_id and private_key " +
	"(KRR_CLIENT_ID, KRR_KEY_ID, and KRR_PRIVATE_KEY or KRR_PRIVATE_KEY_FILE); or client_id, certificate_file " +
	"and certificate_password (KRR_CLIENT_ID, KRR_CERTIFICATE_FILE, KRR_CERTIFICATE_PASSWORD)."

// resolveCredentials picks exactly one way to authenticate, and loads and
// parses its key material so that a bad key fails at configure time, not at
// the first request. A method set in the provider block wins over one set
// in the environment (a pipeline's KRR_* variables must not break a second,
// aliased provider with its own access_token); two methods at the same
// level are a conflict.
func resolveCredentials(m providerModel, getenv envLookup, diags *diag.Diagnostics) credentials {
	configured := credentialSources{
		token: m.AccessToken.ValueString(), keyPEM: m.PrivateKey.ValueString(), keySource: "private_key",
		certFile: m.CertificateFile.ValueString(), certPEM: m.CertificatePEM.ValueString(),
		certKeyPEM: m.CertificateKeyPEM.ValueString(),
	}
	if !configured.any() {
		configured = credentialSources{
			token: getenv(envAccessToken), keyPEM: getenv(envPrivateKey), keySource: envPrivateKey,
			keyFile: getenv(envPrivateKeyFile), certFile: getenv(envCertificateFile),
			certPEM: getenv(envCertificatePEM), certKeyPEM: getenv(envCertificateKeyPEM),
		}
		if configured.keyPEM != "" {
			configured.keyFile = ""
		}
	}
	src := configured
	clientID := firstSet(m.ClientID, getenv(envClientID), "")
	keyID := firstSet(m.KeyID, getenv(envKeyID), "")
	certPassword := firstSet(m.CertificatePassword, getenv(envCertificatePassword), "")

	hasKey := src.keyPEM != "" || src.keyFile != ""
	hasCertPEM := src.certPEM != "" || src.certKeyPEM != ""
	hasCert := src.certFile != "" || hasCertPEM
	switch {
	case src.token != "" && (hasKey || hasCert):
		diags.AddAttributeError(path.Root("access_token"), "Conflicting credentials",
			"access_token (KRR_ACCESS_TOKEN) is set together with a key or certificate for the JWT grant. "+
				"Use one: leave out access_token to sign in with the admin client, or remove the key settings "+
				"(private_key, KRR_PRIVATE_KEY, KRR_PRIVATE_KEY_FILE, certificate_file, KRR_CERTIFICATE_FILE).")
		return credentials{}
	case hasKey && hasCert:
		diags.AddAttributeError(path.Root("certificate_file"), "Conflicting credentials",
			"Both a private key (private_key, KRR_PRIVATE_KEY or KRR_PRIVATE_KEY_FILE) and certificate_file "+
				"(KRR_CERTIFICATE_FILE) are set. Use one: a registered key with key_id, or the business certificate.")
		return credentials{}
	case src.certFile != "" && hasCertPEM:
		diags.AddAttributeError(path.Root("certificate_pem"), "Conflicting credentials",
			"Both certificate_file (KRR_CERTIFICATE_FILE) and certificate_pem or certificate_private_key_pem "+
				"(KRR_CERTIFICATE_PEM, KRR_CERTIFICATE_PRIVATE_KEY_PEM) are set. Use one form of the business certificate.")
		return credentials{}
	case src.token != "":
		return credentials{Kind: credentialsStaticToken, AccessToken: src.token}
	case hasKey:
		return keyCredentials(clientID, keyID, src.keyPEM, src.keySource, src.keyFile, diags)
	case hasCertPEM:
		return certificatePEMCredentials(clientID, src.certPEM, src.certKeyPEM, diags)
	case hasCert:
		return certificateCredentials(clientID, src.certFile, certPassword, diags)
	case clientID != "" || keyID != "":
		diags.AddAttributeError(path.Root("private_key"), "Missing private key",
			"client_id or key_id is set but no private key is. Set private_key, or KRR_PRIVATE_KEY, or "+
				"KRR_PRIVATE_KEY_FILE with the path of the admin client's PEM key; or use certificate_file.")
		return credentials{}
	default:
		diags.AddError("Missing credentials", "The provider has no credentials for Samarbeidsportalen. "+credentialsHelp)
		return credentials{}
	}
}

// credentialSources are the credentials of one level: the provider block,
// or the environment.
type credentialSources struct {
	token, keyPEM, keySource, keyFile, certFile, certPEM, certKeyPEM string
}

func (c credentialSources) any() bool {
	return c.token != "" || c.keyPEM != "" || c.keyFile != "" || c.certFile != "" || c.certPEM != "" || c.certKeyPEM != ""
}

func keyCredentials(clientID, keyID, keyPEM, keySource, keyFile string, diags *diag.Diagnostics) credentials {
	if clientID == "" {
		diags.AddAttributeError(path.Root("client_id"), "Missing client_id",
			"A private key is set, so the JWT grant needs the admin client's id: set client_id or KRR_CLIENT_ID.")
	}
	if keyID == "" {
		diags.AddAttributeError(path.Root("key_id"), "Missing key_id",
			"A private key is set, so the JWT grant needs the kid of the key registered on the admin client: "+
				"set key_id or KRR_KEY_ID.")
	}
	if keyFile != "" {
		data, err := os.ReadFile(keyFile)
		if err != nil {
			diags.AddAttributeError(path.Root("private_key"), "Unreadable private key file",
				fmt.Sprintf("KRR_PRIVATE_KEY_FILE names %q, which cannot be read: %s.", keyFile, portalSafeErr(err)))
			return credentials{}
		}
		keyPEM, keySource = string(data), fmt.Sprintf("the file %q (KRR_PRIVATE_KEY_FILE)", keyFile)
	}
	key, err := portal.ParseRSAPrivateKeyPEM([]byte(keyPEM))
	if err != nil {
		diags.AddAttributeError(path.Root("private_key"), "Invalid private key",
			fmt.Sprintf("The private key from %s cannot be used to sign the JWT grant: %s. "+
				"It must be an RSA private key in PEM (PKCS#1 \"RSA PRIVATE KEY\" or PKCS#8 \"PRIVATE KEY\").", keySource, err))
		return credentials{}
	}
	return credentials{Kind: credentialsKey, ClientID: clientID, KeyID: keyID, PrivateKey: key}
}

func certificateCredentials(clientID, certFile, password string, diags *diag.Diagnostics) credentials {
	if clientID == "" {
		diags.AddAttributeError(path.Root("client_id"), "Missing client_id",
			"certificate_file is set, so the JWT grant needs the admin client's id: set client_id or KRR_CLIENT_ID.")
	}
	data, err := os.ReadFile(certFile)
	if err != nil {
		diags.AddAttributeError(path.Root("certificate_file"), "Unreadable certificate file",
			fmt.Sprintf("certificate_file (or KRR_CERTIFICATE_FILE) names %q, which cannot be read: %s.", certFile, portalSafeErr(err)))
		return credentials{}
	}
	key, chain, err := portal.LoadPKCS12(data, password)
	if err != nil {
		diags.AddAttributeError(path.Root("certificate_file"), "Invalid certificate file",
			fmt.Sprintf("%q is not a PKCS#12 file with an RSA key and certificate that certificate_password "+
				"(KRR_CERTIFICATE_PASSWORD) opens: %s.", certFile, err))
		return credentials{}
	}
	return credentials{Kind: credentialsCertificate, ClientID: clientID, PrivateKey: key, Certificates: chain}
}

// certificatePEMCredentials reads the business certificate and its key from
// PEM: the certificate first, then its chain, and the key that matches it.
func certificatePEMCredentials(clientID, certPEM, keyPEM string, diags *diag.Diagnostics) credentials {
	if clientID == "" {
		diags.AddAttributeError(path.Root("client_id"), "Missing client_id",
			"certificate_pem is set, so the JWT grant needs the admin client's id: set client_id or KRR_CLIENT_ID.")
	}
	if certPEM == "" || keyPEM == "" {
		diags.AddAttributeError(path.Root("certificate_pem"), "Incomplete certificate",
			"certificate_pem (KRR_CERTIFICATE_PEM) and certificate_private_key_pem (KRR_CERTIFICATE_PRIVATE_KEY_PEM) "+
				"go together: set both, the certificate and its private key.")
		return credentials{}
	}
	var chain []*x509.Certificate
	for rest := []byte(certPEM); ; {
		var block *pem.Block
		if block, rest = pem.Decode(rest); block == nil {
			break
		}
		if block.Type != "CERTIFICATE" {
			continue
		}
		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			diags.AddAttributeError(path.Root("certificate_pem"), "Invalid certificate",
				fmt.Sprintf("certificate_pem (or KRR_CERTIFICATE_PEM) holds a CERTIFICATE block that is not a certificate: %s.", err))
			return credentials{}
		}
		chain = append(chain, cert)
	}
	if len(chain) == 0 {
		diags.AddAttributeError(path.Root("certificate_pem"), "Invalid certificate",
			"certificate_pem (or KRR_CERTIFICATE_PEM) holds no PEM CERTIFICATE block.")
		return credentials{}
	}
	key, err := portal.ParseRSAPrivateKeyPEM([]byte(keyPEM))
	if err != nil {
		diags.AddAttributeError(path.Root("certificate_private_key_pem"), "Invalid private key",
			fmt.Sprintf("certificate_private_key_pem (or KRR_CERTIFICATE_PRIVATE_KEY_PEM) cannot sign the grant: %s.", err))
		return credentials{}
	}
	if pub, ok := chain[0].PublicKey.(*rsa.PublicKey); !ok || !pub.Equal(&key.PublicKey) {
		diags.AddAttributeError(path.Root("certificate_private_key_pem"), "Key does not match the certificate",
			"certificate_private_key_pem is not the private key of the first certificate in certificate_pem.")
		return credentials{}
	}
	return credentials{Kind: credentialsCertificate, ClientID: clientID, PrivateKey: key, Certificates: chain}
}

// portalSafeErr strips the path os errors repeat, since the message names
// the file already.
func portalSafeErr(err error) string {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err.Error()
	}
	return err.Error()
}
