package provider

import (
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	pkcs12 "software.sslmate.com/src/go-pkcs12"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// The JWT grant signed with a business certificate from a PKCS#12 file: the
// provider sends the certificate (x5c), and the fake checks it against the
// one registered for the admin client.
func TestAccProvider_businessCertificate(t *testing.T) {
	t.Parallel()
	p12File, cert := writeTestCertificate(t, "secret-password")
	srv := fakeportal.NewServer(t, fakeportal.Org{
		Orgno: acctest.OtherOrgno, Name: acctest.OtherOrgName, AdminClientID: "admin-cert", AdminCertificate: cert,
	})

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "krr" {
  base_url             = %q
  token_endpoint       = %q
  audience             = %q
  client_id            = "admin-cert"
  certificate_file     = %q
  certificate_password = "secret-password"
}

data "krr_organization" "me" {}
`, srv.BaseURL, srv.TokenEndpoint, srv.Audience, p12File),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.krr_organization.me", tfjsonpath.New("orgno"), knownvalue.StringExact(acctest.OtherOrgno)),
			},
		}},
	})
	if n := srv.RequestCount("POST /token"); n == 0 {
		t.Error("no token request: the certificate grant was not used")
	}
}

// The same certificate kept as PEM, as teams keep it in a vault:
// certificate_pem and certificate_private_key_pem.
func TestAccProvider_businessCertificatePEM(t *testing.T) {
	t.Parallel()
	cert := testCertificate(t)
	srv := fakeportal.NewServer(t, fakeportal.Org{
		Orgno: acctest.OtherOrgno, Name: acctest.OtherOrgName, AdminClientID: "admin-cert", AdminCertificate: cert,
	})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "krr" {
  base_url                    = %q
  token_endpoint              = %q
  audience                    = %q
  client_id                   = "admin-cert"
  certificate_pem             = <<-EOT
%sEOT
  certificate_private_key_pem = <<-EOT
%sEOT
}

data "krr_organization" "me" {}
`, srv.BaseURL, srv.TokenEndpoint, srv.Audience, acctest.PEMOf("CERTIFICATE", cert.Raw), acctest.AdminKeyPEM(t, acctest.OtherOrgno)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.krr_organization.me", tfjsonpath.New("orgno"), knownvalue.StringExact(acctest.OtherOrgno)),
			},
		}},
	})
}

// A PEM certificate with another key, half of the pair, or beside a PKCS#12
// file is refused before any request, naming the attribute.
func TestResolveSettings_certificatePEMRefusals(t *testing.T) {
	cert := acctest.PEMOf("CERTIFICATE", testCertificate(t).Raw)
	tests := []struct {
		name string
		env  env
		want string
	}{
		{"another key", env{envClientID: "c", envCertificatePEM: cert, envCertificateKeyPEM: acctest.AdminKeyPEM(t, acctest.ProviderOrgno)},
			"is not the private key of the first certificate"},
		{"no key", env{envClientID: "c", envCertificatePEM: cert}, "go together: set both"},
		{"not a certificate", env{envClientID: "c", envCertificatePEM: "nothing", envCertificateKeyPEM: acctest.AdminKeyPEM(t, acctest.OtherOrgno)},
			"holds no PEM CERTIFICATE block"},
		{"with a PKCS#12 file", env{envClientID: "c", envCertificatePEM: cert, envCertificateKeyPEM: acctest.AdminKeyPEM(t, acctest.OtherOrgno),
			envCertificateFile: "/some/file.p12"}, "Use one form of the business certificate"},
	}
	for _, tt := range tests {
		_, diags := resolveSettings(nullModel(), tt.env.get)
		if !diags.HasError() || !strings.Contains(fmt.Sprint(diags), tt.want) {
			t.Errorf("%s: %v, want an error saying %q", tt.name, diags, tt.want)
		}
	}
}

// writeTestCertificate writes a PKCS#12 file with a self-signed business
// certificate for the other organisation's admin key, under password, and
// answers its path and the certificate.
func writeTestCertificate(t *testing.T, password string) (string, *x509.Certificate) {
	t.Helper()
	cert := testCertificate(t)
	p12, err := pkcs12.Modern.Encode(acctest.AdminKeys()[acctest.OtherOrgno], cert, nil, password)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "virksomhetssertifikat.p12")
	if err := os.WriteFile(file, p12, 0o600); err != nil {
		t.Fatal(err)
	}
	return file, cert
}

// testCertificate is a self-signed business certificate of acctest.OtherOrgno, on
// its admin key.
func testCertificate(t *testing.T) *x509.Certificate {
	t.Helper()
	key := acctest.AdminKeys()[acctest.OtherOrgno]
	template := &x509.Certificate{
		SerialNumber: big.NewInt(2),
		Subject:      pkix.Name{CommonName: acctest.OtherOrgName, SerialNumber: acctest.OtherOrgno},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, template, template, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return cert
}
