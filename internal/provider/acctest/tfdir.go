package acctest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

// Most acceptance tests serve the provider in-process. Terraform then
// reattaches every provider block of one name to that one server, where the
// last configuration wins, so aliases that sign in as different
// organisations cannot be tested that way. The tests that need them build
// the provider into a local filesystem mirror, which terraform init installs
// from (dev_overrides would still ask the registry), and Terraform starts it
// as a user's: one process per provider block.

// The mirrors hold the provider as version 0.0.1 of platform-iac/krr under
// both registry hosts: a source without a host means registry.terraform.io
// to Terraform and registry.opentofu.org to OpenTofu.
var mirrorHosts = []string{"registry.terraform.io", "registry.opentofu.org"}

// providerMirrorDir is the mirror the provider of this tree is built into,
// once per test binary; previousMirrorDir the one of PreviousProviderCommit.
var providerMirrorDir, previousMirrorDir string

var buildProvider = sync.OnceValue(func() (err error) {
	providerMirrorDir, err = buildMirror("", "")
	return err
})

// PreviousProviderCommit is the last commit of this repository before the
// resources had identity: what a user ran before upgrading. Tests that
// upgrade state written by it build it from the repository's history.
const PreviousProviderCommit = "5230ae2135bb08409d03efb676d0cd2977ff093b"

var buildPreviousProvider = sync.OnceValue(func() error {
	root, err := repoRoot()
	if err != nil {
		return err
	}
	src, err := os.MkdirTemp("", "krr-provider-previous-")
	if err != nil {
		return err
	}
	defer func() { _ = os.RemoveAll(src) }()
	archive := exec.Command("sh", "-c", `git -C "$0" archive "$1" | tar -x -C "$2"`, root, PreviousProviderCommit, src)
	if out, err := archive.CombinedOutput(); err != nil {
		return fmt.Errorf("git archive %s (the repository's history is needed): %v\n%s", PreviousProviderCommit, err, out)
	}
	previousMirrorDir, err = buildMirror(src, ".")
	return err
})

// buildMirror builds the provider from the module in dir (this tree when
// empty) into a new filesystem mirror, and returns the mirror's path.
func buildMirror(dir, pkg string) (string, error) {
	mirror, err := os.MkdirTemp("", "krr-provider-mirror-")
	if err != nil {
		return "", err
	}
	if pkg == "" {
		pkg = "github.com/platform-iac/terraform-provider-krr"
	}
	platform := runtime.GOOS + "_" + runtime.GOARCH
	first := filepath.Join(mirror, mirrorHosts[0], "platform-iac", "krr", "0.0.1", platform)
	cmd := exec.Command("go", "build", "-o", filepath.Join(first, "terraform-provider-krr_v0.0.1"), pkg)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	for _, host := range mirrorHosts[1:] {
		other := filepath.Join(mirror, host, "platform-iac", "krr", "0.0.1")
		if err := os.MkdirAll(other, 0o755); err != nil {
			return "", err
		}
		if err := os.Symlink(first, filepath.Join(other, platform)); err != nil {
			return "", err
		}
	}
	return mirror, nil
}

// repoRoot is the directory of this module's go.mod.
func repoRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", err
	}
	return filepath.Dir(strings.TrimSpace(string(out))), nil
}

// BuiltProvider is the TestCase.ExternalProviders of a test that calls
// UseBuiltProvider or UsePreviousProvider.
var BuiltProvider = map[string]resource.ExternalProvider{"krr": {Source: "platform-iac/krr"}}

// UseBuiltProvider makes the terraform commands of this test start the
// built provider for platform-iac/krr. It sets the environment, so the test
// must not be parallel (Go runs it before the parallel tests resume).
func UseBuiltProvider(t *testing.T) {
	t.Helper()
	t.Setenv("TF_CLI_CONFIG_FILE", builtProviderCLIConfig(t))
}

// UsePreviousProvider is UseBuiltProvider with the provider of
// PreviousProviderCommit, for the steps of a test that stand for what a
// user ran before upgrading.
func UsePreviousProvider(t *testing.T) {
	t.Helper()
	if err := buildPreviousProvider(); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TF_CLI_CONFIG_FILE", mirrorCLIConfig(t, previousMirrorDir))
}

// builtProviderCLIConfig writes a CLI configuration that installs
// platform-iac/krr from the built provider's mirror, and returns its path.
func builtProviderCLIConfig(t *testing.T) string {
	t.Helper()
	if err := buildProvider(); err != nil {
		t.Fatal(err)
	}
	return mirrorCLIConfig(t, providerMirrorDir)
}

func mirrorCLIConfig(t *testing.T, mirror string) string {
	t.Helper()
	var sources []string
	for _, host := range mirrorHosts {
		sources = append(sources, fmt.Sprintf("%q", host+"/platform-iac/krr"))
	}
	list := strings.Join(sources, ", ")
	rc := filepath.Join(t.TempDir(), "terraformrc")
	config := fmt.Sprintf(`provider_installation {
  filesystem_mirror {
    path    = %q
    include = [%s]
  }
  direct {
    exclude = [%s]
  }
}
`, mirror, list, list)
	if err := os.WriteFile(rc, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	return rc
}

// TFDir is a working directory where a test runs terraform itself, with the
// built provider, and reads what a user reads: the warnings of a plan, the
// output of a destroy. (terraform-plugin-testing does not show warnings.)
type TFDir struct {
	t   *testing.T
	Dir string
	Env []string // added to terraform's environment
}

// NewTFDir writes config, with the provider's required_providers block,
// and runs terraform init. Its commands find the built provider through
// their own environment, so the test may be parallel.
func NewTFDir(t *testing.T, config string) *TFDir {
	t.Helper()
	d := &TFDir{t: t, Dir: t.TempDir(), Env: []string{"TF_CLI_CONFIG_FILE=" + builtProviderCLIConfig(t)}}
	d.Write(config)
	d.MustRun("init", "-input=false")
	return d
}

// Write replaces the configuration.
func (d *TFDir) Write(config string) {
	d.t.Helper()
	main := "terraform {\n  required_providers {\n    krr = { source = \"platform-iac/krr\" }\n  }\n}\n\n" + config
	if err := os.WriteFile(filepath.Join(d.Dir, "main.tf"), []byte(main), 0o600); err != nil {
		d.t.Fatal(err)
	}
}

// Run runs terraform with args and -no-color, and returns what it printed.
func (d *TFDir) Run(args ...string) (string, error) {
	d.t.Helper()
	cmd := exec.Command(CLI(), append([]string{"-chdir=" + d.Dir}, append(args, "-no-color")...)...)
	cmd.Env = append(append(os.Environ(), "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1"), d.Env...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func (d *TFDir) MustRun(args ...string) string {
	d.t.Helper()
	out, err := d.Run(args...)
	if err != nil {
		d.t.Fatalf("terraform %v: %v\n%s", args, err, out)
	}
	return out
}

// NewReattachedTFDir is NewTFDir with the provider served from this test
// process, as terraform-plugin-testing serves it, so that the race detector
// of make test watches the provider's code, while the test runs terraform
// with the flags it chooses (terraform-plugin-testing always passes
// -parallelism=10).
func NewReattachedTFDir(t *testing.T, config string) *TFDir {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	reattach := make(chan *plugin.ReattachConfig, 1)
	closed := make(chan struct{})
	go func() {
		err := tf6server.Serve(registryAddressForTests(), providerserver.NewProtocol6(newProvider()),
			tf6server.WithDebug(ctx, reattach, closed), tf6server.WithLoggingSink(t))
		if err != nil {
			t.Errorf("serving the provider: %v", err)
		}
	}()
	var cfg *plugin.ReattachConfig
	select {
	case cfg = <-reattach:
	case <-time.After(30 * time.Second):
		t.Fatal("the provider server did not start")
	}
	t.Cleanup(func() {
		cancel()
		<-closed
	})
	info, err := json.Marshal(map[string]any{registryAddressForTests(): map[string]any{
		"Protocol": cfg.Protocol, "ProtocolVersion": cfg.ProtocolVersion, "Pid": cfg.Pid, "Test": cfg.Test,
		"Addr": map[string]string{"Network": cfg.Addr.Network(), "String": cfg.Addr.String()},
	}})
	if err != nil {
		t.Fatal(err)
	}
	d := &TFDir{t: t, Dir: t.TempDir(), Env: []string{"TF_REATTACH_PROVIDERS=" + string(info)}}
	d.Write(config)
	d.MustRun("init", "-input=false")
	return d
}

// registryAddressForTests is the provider's address, as the CLI under test
// names a source without a host.
func registryAddressForTests() string { return RegistryHost() + "/platform-iac/krr" }
