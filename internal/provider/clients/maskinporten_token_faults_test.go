package clients_test

import (
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// A machine whose clock is behind Maskinporten's by minutes signs
// assertions that have expired when they arrive. Maskinporten says so
// after "Client authentication failed.", the words it also gives a client
// not known yet; waiting cannot help, so the token fails at once, in the
// endpoint's words, after one grant, however long wait_for is.
func TestAccMaskinportenToken_expiredAssertionFailsAtOnce(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortalWith(t, fakeportal.Options{Now: func() time.Time { return time.Now().Add(5 * time.Minute) }})
	// The admin signs in with a token of the fake's own clock: the
	// provider's JWT grant would be expired too.
	admin := p.TokenProviderConfig(p.IssueToken(acctest.ProviderOrgno))
	config := strings.Replace(tokenConfig(t, p, "B", "krr_scope.read.name", "2m"),
		p.ProviderConfig("", acctest.ProviderOrgno), admin, 1)
	if !strings.Contains(config, admin) {
		t.Fatal("the provider block was not replaced")
	}
	start := time.Now()
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   tokenVersions,
		ProtoV6ProviderFactories: withEcho,
		Steps: []resource.TestStep{{
			Config:      config,
			ExpectError: acctest.PhraseRegexp("Maskinporten gave client", "no token", "invalid_grant", "JWT is expired"),
		}},
	})
	if n := p.GrantsFrom(tokenClient(p, t)); n != 1 {
		t.Errorf("an expired assertion was sent %d times, want 1: waiting does not make it valid", n)
	}
	if e := time.Since(start); e > 90*time.Second {
		t.Errorf("the apply took %v: wait_for (2m) was waited out", e)
	}
}
