package provider

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// With KRR_CPU_PROFILE_DIR set, every provider process of a terraform
// command writes a CPU profile there (make bench-plan's way to see where a
// plan's time goes); without it, none.
func TestCPUProfileOnRequest(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	d := acctest.NewTFDir(t, p.ProviderConfig("", acctest.ProviderOrgno)+`
resource "krr_scope" "persons" {
  prefix      = "`+acctest.ProviderPrefix+`"
  subscope    = "profile/v1/person.read"
  description = "Read persons"
}
`)
	d.MustRun("plan", "-input=false")
	if profiles, _ := filepath.Glob(filepath.Join(d.Dir, "cpu-*.pprof")); len(profiles) != 0 {
		t.Fatalf("profiles written without %s: %v", "KRR_CPU_PROFILE_DIR", profiles)
	}

	dir := t.TempDir()
	d.Env = append(d.Env, "KRR_CPU_PROFILE_DIR="+dir)
	d.MustRun("plan", "-input=false")
	profiles, err := filepath.Glob(filepath.Join(dir, "cpu-*.pprof"))
	if err != nil || len(profiles) == 0 {
		t.Fatalf("no profile in %s after a plan (%v)", dir, err)
	}
	for _, path := range profiles {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		// A pprof profile is gzip'd protobuf; an empty file means the
		// process ended before the profile was stopped.
		if !bytes.HasPrefix(b, []byte{0x1f, 0x8b}) {
			t.Errorf("%s is not a finished profile (%d bytes)", path, len(b))
		}
	}
}
