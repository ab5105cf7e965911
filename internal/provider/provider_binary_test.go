package provider

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

// Most acceptance tests serve the provider in-process. Terraform then
// reattaches every provider block of one name to that one server, where the
// last configuration wins, so aliases that sign in as different
// organisations cannot be tested that way. The tests that need them build
// the provider into a local filesystem mirror, which terraform init installs
// from (dev_overrides would still ask the registry), and Terraform starts it
// as a user's: one process per provider block.

// providerMirrorDir is the mirror the provider is built into, once per test
// binary, as version 0.0.1 of registry.terraform.io/platform-iac/krr.
var providerMirrorDir string

var buildProvider = sync.OnceValue(func() error {
	dir, err := os.MkdirTemp("", "krr-provider-mirror-")
	if err != nil {
		return err
	}
	providerMirrorDir = dir
	target := filepath.Join(dir, "registry.terraform.io", "platform-iac", "krr", "0.0.1", runtime.GOOS+"_"+runtime.GOARCH)
	cmd := exec.Command("go", "build", "-o", filepath.Join(target, "terraform-provider-krr_v0.0.1"), "github.com/platform-iac/terraform-provider-krr")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, out)
	}
	return nil
})

func TestMain(m *testing.M) {
	code := m.Run()
	if providerMirrorDir != "" {
		_ = os.RemoveAll(providerMirrorDir)
	}
	os.Exit(code)
}

// useBuiltProvider makes the terraform commands of this test start the
// built provider for platform-iac/krr. It sets the environment, so the test
// must not be parallel (Go runs it before the parallel tests resume).
func useBuiltProvider(t *testing.T) {
	t.Helper()
	if err := buildProvider(); err != nil {
		t.Fatal(err)
	}
	rc := filepath.Join(t.TempDir(), "terraformrc")
	config := fmt.Sprintf(`provider_installation {
  filesystem_mirror {
    path    = %q
    include = ["registry.terraform.io/platform-iac/krr"]
  }
  direct {
    exclude = ["registry.terraform.io/platform-iac/krr"]
  }
}
`, providerMirrorDir)
	if err := os.WriteFile(rc, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TF_CLI_CONFIG_FILE", rc)
}
