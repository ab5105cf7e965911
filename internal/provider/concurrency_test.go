package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// 200 resources applied, planned and destroyed with -parallelism=50. The
// provider is served from this test process and the fake runs in it too,
// and make test builds it with -race: a data race in the shared reads, the
// caches, the locks or the fake fails the test.
func TestConcurrency200ResourcesParallelism50(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	consumers := fakeportal.SyntheticOrgnos(8)
	var b strings.Builder
	b.WriteString(p.ProviderConfig("", acctest.ProviderOrgno))
	for i := range 20 {
		fmt.Fprintf(&b, "\nresource \"krr_scope\" \"s%02d\" {\n  prefix      = %q\n  subscope    = \"busy/v1/r%02d.read\"\n  description = \"Busy %d\"\n}\n",
			i, acctest.ProviderPrefix, i, i)
		for g, orgno := range consumers {
			fmt.Fprintf(&b, "\nresource \"krr_scope_access\" \"s%02d_%d\" {\n  scope          = krr_scope.s%02d.name\n  consumer_orgno = %q\n}\n", i, g, i, orgno)
		}
	}
	for i := range 10 {
		fmt.Fprintf(&b, "\nresource \"krr_client\" \"c%02d\" {\n  client_name = \"Busy client %d\"\n  description = \"Busy\"\n  scopes      = [krr_scope.s%02d.name]\n}\n",
			i, i, i)
		fmt.Fprintf(&b, "\nresource \"krr_client_jwks\" \"c%02d\" {\n  client_id = krr_client.c%02d.client_id\n  keys      = { \"k%02d\" = { jwk = %q } }\n}\n",
			i, i, i, acctest.JWKJSON(&acctest.TestKey("A").PublicKey))
	}
	d := acctest.NewReattachedTFDir(t, b.String())
	d.MustRun("apply", "-auto-approve", "-input=false", "-parallelism=50")
	approved := 0
	for i := range 20 {
		approved += len(p.ApprovedConsumers(fmt.Sprintf("%s:busy/v1/r%02d.read", acctest.ProviderPrefix, i)))
	}
	if n := len(p.ActiveClients(acctest.ProviderOrgno)); approved != 160 || n != 10 {
		t.Errorf("%d grants approved and %d clients active, want 160 and 10", approved, n)
	}
	if out, err := d.Run("plan", "-input=false", "-detailed-exitcode", "-parallelism=50"); err != nil {
		t.Fatalf("the plan after apply is not empty: %v\n%s", err, out)
	}
	d.MustRun("destroy", "-auto-approve", "-input=false", "-parallelism=50")
	if n := len(p.ActiveClients(acctest.ProviderOrgno)); n != 0 {
		t.Errorf("%d clients active after destroy", n)
	}
}
