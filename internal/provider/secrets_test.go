package provider

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// jwtInText finds a JWS compact serialisation: an access token or a JWT
// grant's assertion, whole or nearly.
var jwtInText = regexp.MustCompile(`eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}`)

// A whole lifecycle (apply, plan, import, destroy) with TF_LOG=trace, the
// provider's logs among Terraform's, signing in three ways: a registered
// key, a business certificate whose password holds spaces and quotes, and
// a ready access token; and a client's own token from the ephemeral
// krr_maskinporten_token, handed to a provisioner. None of the secrets
// appears in the logs or in the state: not a private key, the
// certificate's password, a bearer token, a JWT grant's assertion.
func TestSecretsNeverReachLogsOrState(t *testing.T) {
	p := acctest.NewPortal(t)
	keyLines := strings.Split(strings.TrimSpace(acctest.AdminKeyPEM(t, acctest.ProviderOrgno)), "\n")
	clientKeyLines := strings.Split(strings.TrimSpace(acctest.PrivatePEM(t, "A")), "\n")
	secrets := map[string]string{
		"a line of the private key":          keyLines[len(keyLines)/2],
		"the private key's end":              keyLines[len(keyLines)-2],
		"a line of the client's private key": clientKeyLines[len(clientKeyLines)/2],
	}
	resources := `
resource "krr_scope" "read" {
  prefix      = "` + acctest.ProviderPrefix + `"
  subscope    = "secrets/v1/person.read"
  description = "Read persons"
}

resource "krr_scope_access" "consumer" {
  scope          = krr_scope.read.name
  consumer_orgno = "` + acctest.ConsumerOrgno + `"
}

resource "krr_client" "app" {
  client_name = "Case handling"
  description = "Looks up persons"
  scopes      = [krr_scope.read.name]
}

resource "krr_client_jwks" "app" {
  client_id = krr_client.app.client_id
  keys = {
    "app-2026" = {
      public_key_pem = <<-EOT
` + acctest.PublicPEM(t, &acctest.TestKey("A").PublicKey) + `EOT
    }
  }
}

ephemeral "krr_maskinporten_token" "app" {
  client_id   = krr_client.app.client_id
  key_id      = "app-2026"
  private_key = <<-EOT
` + acctest.PrivatePEM(t, "A") + `EOT
  scopes      = [krr_scope.read.name]
  depends_on  = [krr_client_jwks.app]
}

resource "terraform_data" "token_proof" {
  provisioner "local-exec" {
    command     = "test -n \"$TOKEN\""
    environment = { TOKEN = ephemeral.krr_maskinporten_token.app.access_token }
  }
}

output "client_id" {
  value = krr_client.app.client_id
}
`
	logFile := filepath.Join(t.TempDir(), "terraform.log")
	d := acctest.NewTFDir(t, p.ProviderConfig("", acctest.ProviderOrgno)+resources)
	d.Env = append(d.Env, "TF_LOG=trace", "TF_LOG_PATH="+logFile)
	d.MustRun("apply", "-auto-approve", "-input=false")
	// The provisioner proves the client's token was issued (and so was in
	// play for the log); the fake counts the grant.
	if p.GrantsFrom(strings.TrimSpace(d.MustRun("output", "-raw", "client_id"))) == 0 {
		t.Fatal("the ephemeral token was never asked for")
	}
	d.MustRun("plan", "-input=false", "-detailed-exitcode")
	d.MustRun("state", "rm", "krr_scope.read")
	d.MustRun("import", "-input=false", "krr_scope.read", acctest.ProviderPrefix+":secrets/v1/person.read")
	d.MustRun("destroy", "-auto-approve", "-input=false")

	// A business certificate, with a password that needs quoting.
	password := `p@ss "w0rd" \ with spaces`
	certFile, cert := writeTestCertificate(t, password)
	certPortal := fakeportal.NewServer(t, fakeportal.Org{Orgno: acctest.OtherOrgno, Name: acctest.OtherOrgName, AdminClientID: "admin-cert",
		AdminCertificate: cert})
	secrets["the certificate's password"] = password
	d.Write(fmt.Sprintf(`
provider "krr" {
  base_url             = %q
  token_endpoint       = %q
  audience             = %q
  client_id            = "admin-cert"
  certificate_file     = %q
  certificate_password = %q
}

data "krr_organization" "me" {}

output "me" {
  value = data.krr_organization.me.orgno
}
`, certPortal.BaseURL, certPortal.TokenEndpoint, certPortal.Audience, certFile, password))
	acctest.ExpectText(t, "apply with a certificate", d.MustRun("apply", "-auto-approve", "-input=false"), `me = "`+acctest.OtherOrgno+`"`)

	// A ready token.
	token := p.IssueToken(acctest.ProviderOrgno)
	secrets["the static access token"] = token
	d.Write(p.TokenProviderConfig(token) + "\ndata \"krr_prefixes\" \"mine\" {}\n")
	d.MustRun("apply", "-auto-approve", "-input=false")

	logs, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	state, err := os.ReadFile(filepath.Join(d.Dir, "terraform.tfstate"))
	if err != nil {
		t.Fatal(err)
	}
	// The logs hold the provider's own lines: this test would pass
	// vacuously without them.
	if !strings.Contains(string(logs), "portal: response") {
		t.Fatalf("the provider's logs are not in the Terraform log (%d bytes)", len(logs))
	}
	for where, text := range map[string]string{"the logs": string(logs), "the state": string(state)} {
		for what, secret := range secrets {
			if strings.Contains(text, secret) {
				t.Errorf("%s reached %s", what, where)
			}
		}
		if m := jwtInText.FindString(text); m != "" {
			t.Errorf("a token or a JWT grant reached %s: %.24s…", where, m)
		}
		if strings.Contains(text, "PRIVATE KEY-----") {
			t.Errorf("a private key reached %s", where)
		}
	}
}

// A client secret (krr_client_secret) is in the state by design, Sensitive,
// and never in a log: not in a TF_LOG=trace log of its create, its
// rotation and its destroy. A saved plan shows it only as sensitive: the
// human plan says "(sensitive value)", `terraform show -json` marks it in
// before_sensitive, and the rotated secret is not in the plan at all (it
// is unknown until the apply makes it). What Terraform itself keeps in a
// plan file, the prior state and the "before" of each change, holds the
// secret held now, as the state does: a plan file must be protected as the
// state is (the resource's docs say so).
func TestSecretsClientSecretNeverReachesLogsOrPlan(t *testing.T) {
	p := acctest.NewPortal(t)
	const clientID = "5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
	config := func(trigger string) string {
		return p.ProviderConfig("", acctest.ConsumerOrgno) + `
resource "krr_login_client" "app" {
  client_id                  = "` + clientID + `"
  integration_type           = "idporten"
  client_name                = "Min side"
  description                = "Citizens sign in"
  token_endpoint_auth_method = "client_secret_basic"
  redirect_uris              = ["https://minside.example.no/callback"]
}

resource "krr_client_secret" "app" {
  client_id         = krr_login_client.app.client_id
  rotation_triggers = { rotated = "` + trigger + `" }
}

output "secret" {
  value     = krr_client_secret.app.client_secret
  sensitive = true
}
`
	}
	logFile := filepath.Join(t.TempDir(), "terraform.log")
	d := acctest.NewTFDir(t, config("1"))
	d.Env = append(d.Env, "TF_LOG=trace", "TF_LOG_PATH="+logFile)
	d.MustRun("apply", "-auto-approve", "-input=false")
	first, ok := p.ClientSecret(clientID)
	if !ok || strings.TrimSpace(d.MustRun("output", "-raw", "secret")) != first {
		t.Fatal("the secret in state is not the portal's")
	}

	// A rotation, planned into a file, shown, and applied.
	d.Write(config("2"))
	d.MustRun("plan", "-input=false", "-out=rotate.tfplan")
	shown := d.MustRun("show", "-json", "rotate.tfplan")
	planText := d.MustRun("show", "rotate.tfplan")
	acctest.ExpectText(t, "the plan", planText, "client_secret", "(sensitive value)")
	planFiles := readPlanFiles(t, filepath.Join(d.Dir, "rotate.tfplan"))
	d.MustRun("apply", "-auto-approve", "-input=false", "rotate.tfplan")
	second, _ := p.ClientSecret(clientID)
	if second == first || second == "" {
		t.Fatal("the rotation made no new secret")
	}
	d.MustRun("destroy", "-auto-approve", "-input=false")

	logs, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(logs), "portal: response") {
		t.Fatalf("the provider's logs are not in the Terraform log (%d bytes)", len(logs))
	}
	for what, secret := range map[string]string{"the first secret": first, "the rotated secret": second} {
		if strings.Contains(string(logs), secret) {
			t.Errorf("%s reached the log", what)
		}
		if strings.Contains(planText, secret) {
			t.Errorf("%s reached the plan as terraform show prints it", what)
		}
	}
	if !strings.Contains(shown, `"before_sensitive":{`) || !regexp.MustCompile(`"before_sensitive":\{[^}]*"client_secret":true`).MatchString(shown) {
		t.Errorf("terraform show -json of the plan does not mark the held secret sensitive:\n%.3000s", shown)
	}
	if strings.Contains(shown, second) {
		t.Error("the rotated secret reached the plan: it must be unknown until the apply")
	}
	for name, text := range planFiles {
		if strings.Contains(text, second) {
			t.Errorf("the rotated secret reached the plan file's %s", name)
		}
	}
}

// readPlanFiles is every file of a saved plan (a zip archive), uncompressed,
// by name.
func readPlanFiles(t *testing.T, planFile string) map[string]string {
	t.Helper()
	r, err := zip.OpenReader(planFile)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = r.Close() }()
	out := map[string]string{}
	for _, f := range r.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		_ = rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = string(b)
	}
	if len(out) == 0 {
		t.Fatal("the plan file holds no files")
	}
	return out
}
