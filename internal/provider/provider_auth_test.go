package provider

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// Each of these is one thing a user gets wrong when wiring up credentials;
// each must end in one diagnostic that names the setting to fix.

func TestAccProvider_unregisteredKey(t *testing.T) {
	t.Parallel()
	portal := acctest.NewPortal(t)
	stranger, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	der, _ := x509.MarshalPKCS8PrivateKey(stranger)
	keyPEM := strings.TrimSpace(string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})))
	config := portal.ProviderBlock("",
		fmt.Sprintf("client_id = %q", "admin-"+acctest.ProviderOrgno),
		fmt.Sprintf("key_id = %q", acctest.ProviderOrgno+"-admin"),
		"private_key = <<-EOT\n"+keyPEM+"\nEOT",
	) + `data "krr_organization" "me" {}`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      config,
			ExpectError: regexp.MustCompile(`(?s)invalid_grant.*key_id`),
		}},
	})
}

func TestAccProvider_unknownClientID(t *testing.T) {
	t.Parallel()
	portal := acctest.NewPortal(t)
	config := strings.Replace(portal.ProviderConfig("", acctest.ProviderOrgno), "admin-"+acctest.ProviderOrgno, "no-such-client", 1)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      config + `data "krr_organization" "me" {}`,
			ExpectError: regexp.MustCompile(`(?s)token endpoint.*refused.*client_id`),
		}},
	})
}

// A token signed by another portal (another environment, say) is refused
// with a 401 that says so.
func TestAccProvider_foreignToken(t *testing.T) {
	t.Parallel()
	portal := acctest.NewPortal(t)
	elsewhere := acctest.NewPortal(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      portal.TokenProviderConfig(elsewhere.IssueToken(acctest.ProviderOrgno)) + `data "krr_prefixes" "p" {}`,
			ExpectError: regexp.MustCompile(`(?s)401.*refused the access token.*access_token`),
		}},
	})
}

func TestAccProvider_expiredToken(t *testing.T) {
	t.Parallel()
	var offset atomic.Int64
	fake := fakeportal.New(fakeportal.Options{Now: func() time.Time { return time.Now().Add(time.Duration(offset.Load())) }})
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	fake.SetIssuer(srv.URL)
	fake.AddOrg(fakeportal.Org{Orgno: acctest.ProviderOrgno, Name: acctest.ProviderOrgName, Prefixes: []string{acctest.ProviderPrefix}})
	token := fake.IssueToken(acctest.ProviderOrgno)
	offset.Store(int64(time.Hour)) // the portal's clock moves past the token's expiry

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "krr" {
  base_url     = %q
  access_token = %q
}
data "krr_prefixes" "p" {}
`, srv.URL+"/api/v1", token),
			ExpectError: regexp.MustCompile(`(?s)401.*expired`),
		}},
	})
}

// A token endpoint that answers with a web page (a proxy's login page, a
// wrong URL) is named as the culprit.
func TestAccProvider_tokenEndpointAnswersHTML(t *testing.T) {
	t.Parallel()
	portal := acctest.NewPortal(t)
	html := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<html><body>Sign in to continue</body></html>")
	}))
	t.Cleanup(html.Close)
	config := strings.Replace(portal.ProviderConfig("", acctest.ProviderOrgno), portal.TokenEndpoint, html.URL+"/token", 1)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      config + `data "krr_organization" "me" {}`,
			ExpectError: regexp.MustCompile(`(?s)token endpoint.*text/html.*token_endpoint`),
		}},
	})
}

func TestAccProvider_unreachableBaseURL(t *testing.T) {
	t.Parallel()
	portal := acctest.NewPortal(t)
	// A listener that is closed at once gives a loopback port nobody answers on.
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
provider "krr" {
  base_url     = %q
  access_token = %q
  max_retries  = 0
}
data "krr_prefixes" "p" {}
`, closed.URL, portal.IssueToken(acctest.ProviderOrgno)),
			ExpectError: regexp.MustCompile(`(?s)could not reach the portal API.*base_url\s+\(KRR_BASE_URL\)`),
		}},
	})
}

// A token without the scope an operation needs gets a 403 that names it.
func TestAccProvider_missingTokenScope(t *testing.T) {
	t.Parallel()
	portal := acctest.NewPortal(t)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      portal.TokenProviderConfig(portal.IssueToken(acctest.ProviderOrgno, "idporten:dcr.read")) + `data "krr_prefixes" "p" {}`,
			ExpectError: regexp.MustCompile(`(?s)403.*idporten:scopes\.read.*KRR_SCOPES`),
		}},
	})
}
