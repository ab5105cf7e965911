package login_test

import (
	"strings"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/login"
)

// Moving a client from client_secret_* to private_key_jwt makes the portal
// remove its secret. The plan says so, on the attribute, before anything
// happens; after the apply the secret's refresh finds it gone, says why,
// and drops it from state, and a plan that still has the krr_client_secret
// refuses it. (Warnings are read through terraform itself.)
func TestClientSecret_methodChangeRemovesSecret(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	d := acctest.NewReattachedTFDir(t, secretClientConfig(p, "client_secret_basic"))
	d.MustRun("apply", "-auto-approve", "-input=false")
	if _, ok := p.ClientSecret(idportenClientID); !ok {
		t.Fatal("the portal holds no secret after the apply")
	}
	if out := d.MustRun("plan", "-input=false"); strings.Contains(out, "Warning") {
		t.Fatalf("a plan that changes nothing warns:\n%s", out)
	}

	d.Write(secretClientConfig(p, "private_key_jwt"))
	out, _ := d.Run("plan", "-input=false", "-refresh=false")
	acctest.ExpectText(t, "plan of the method change", out,
		"Warning: The portal removes the client's secret",
		`token_endpoint_auth_method changes from "client_secret_basic" to "private_key_jwt" on login client `+idportenClientID,
		"any krr_client_secret of this client is gone from the portal",
		"remove the client's krr_client_secret from the configuration")

	// Applied anyway, with the krr_client_secret left out of the change:
	// the login client alone.
	d.Write(strings.Split(secretClientConfig(p, "private_key_jwt"), `resource "krr_client_secret"`)[0])
	d.MustRun("apply", "-auto-approve", "-input=false", "-target=krr_login_client.app")
	if _, ok := p.ClientSecret(idportenClientID); ok {
		t.Fatal("the portal kept the secret after the method changed")
	}
	d.Write(secretClientConfig(p, "private_key_jwt"))
	out, err := d.Run("plan", "-input=false")
	if err == nil {
		t.Fatalf("a plan that makes a secret for a private_key_jwt client succeeded:\n%s", out)
	}
	acctest.ExpectText(t, "plan after the method change", out,
		"Warning: Secret of client "+idportenClientID+" removed from state",
		`the client's token_endpoint_auth_method is now "private_key_jwt", and the portal removed its secret`,
		`This plan gives client `+idportenClientID+` token_endpoint_auth_method "private_key_jwt"`)
}

// A secret that nothing rotates by age warns in the plan when it has 30
// days or fewer left in the portal, and when it has expired. (The
// provider's clock is moved, so this test runs alone.)
func TestClientSecret_expiryWarning(t *testing.T) {
	p := acctest.NewPortal(t)
	d := acctest.NewReattachedTFDir(t, secretClientConfig(p, "client_secret_basic"))
	d.MustRun("apply", "-auto-approve", "-input=false")
	restore := login.SetClockForTest(func() time.Time { return time.Now().Add(300 * 24 * time.Hour) })
	t.Cleanup(restore)
	if out := d.MustRun("plan", "-input=false"); strings.Contains(out, "Warning") {
		t.Fatalf("a secret with 60 days left warns:\n%s", out)
	}
	login.SetClockForTest(func() time.Time { return time.Now().Add(340 * 24 * time.Hour) })
	acctest.ExpectText(t, "the plan 20 days before expiry", d.MustRun("plan", "-input=false"),
		"Warning: Client secret expiring", "in 19 days", "change rotation_triggers, or set rotate_after_days")
	login.SetClockForTest(func() time.Time { return time.Now().Add(361 * 24 * time.Hour) })
	acctest.ExpectText(t, "the plan after expiry", d.MustRun("plan", "-input=false"),
		"Warning: Client secret expiring", "the portal no longer accepts it")
}
