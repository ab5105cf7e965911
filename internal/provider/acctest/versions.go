package acctest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// CLI is the command the tests run: the binary of TF_ACC_TERRAFORM_PATH,
// or terraform on PATH.
func CLI() string {
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		return p
	}
	return "terraform"
}

// IsOpenTofu tells whether the tests run OpenTofu: a binary named tofu in
// TF_ACC_TERRAFORM_PATH, or OpenTofu's registry in TF_ACC_PROVIDER_HOST.
// (terraform-plugin-testing sees only a version number, and OpenTofu's
// numbers do not mean Terraform's features.)
func IsOpenTofu() bool {
	return strings.HasPrefix(filepath.Base(os.Getenv("TF_ACC_TERRAFORM_PATH")), "tofu") ||
		os.Getenv("TF_ACC_PROVIDER_HOST") == "registry.opentofu.org"
}

// RegistryHost is the registry that provider sources without a host mean
// to the CLI under test, where the built provider's mirror puts it.
func RegistryHost() string {
	if IsOpenTofu() {
		return "registry.opentofu.org"
	}
	return "registry.terraform.io"
}

// A feature is the first version of Terraform and of OpenTofu that has it;
// an empty OpenTofu version: OpenTofu does not have it yet.
type feature struct {
	name      string
	terraform string
	openTofu  string
}

var (
	// Ephemeral resources: Terraform 1.10, OpenTofu 1.11.
	Ephemeral = feature{"ephemeral resources", "1.10.0", "1.11.0"}
	// Identity: resource identity and import by identity.
	Identity = feature{"resource identity", "1.12.0", "1.12.0"}
	// ListResources: list resources and terraform query.
	ListResources = feature{"list resources", "1.14.0", ""}
	// Actions: actions and action_trigger.
	Actions = feature{"actions", "1.14.0", ""}
)

// Requires is the TerraformVersionChecks of a test that needs the given
// features: it skips on a Terraform or an OpenTofu without them.
func Requires(features ...feature) []tfversion.TerraformVersionCheck {
	checks := make([]tfversion.TerraformVersionCheck, len(features))
	for i, f := range features {
		checks[i] = f
	}
	return checks
}

// CheckTerraformVersion skips the test when the CLI under test lacks f.
// A pre-release counts as the release it leads to.
func (f feature) CheckTerraformVersion(_ context.Context, req tfversion.CheckTerraformVersionRequest, resp *tfversion.CheckTerraformVersionResponse) {
	if skip := f.skipReason(IsOpenTofu(), req.TerraformVersion); skip != "" {
		resp.Skip = skip
	}
}

// Has tells whether the CLI of the given kind and version has f.
func (f feature) Has(openTofu bool, v *version.Version) bool {
	return f.skipReason(openTofu, v) == ""
}

func (f feature) skipReason(openTofu bool, v *version.Version) string {
	product, first := "Terraform", f.terraform
	if openTofu {
		product, first = "OpenTofu", f.openTofu
	}
	if first == "" {
		return fmt.Sprintf("%s %s has no %s: skipping test", product, v, f.name)
	}
	if v.Core().LessThan(version.Must(version.NewVersion(first))) {
		return fmt.Sprintf("%s %s has no %s (from %s): skipping test", product, v, f.name, first)
	}
	return ""
}

// SkipUnless skips a test that runs the CLI itself (TFDir) when the CLI
// under test lacks one of the features.
func SkipUnless(t testing.TB, features ...feature) {
	t.Helper()
	v, err := CLIVersion()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range features {
		if reason := f.skipReason(IsOpenTofu(), v); reason != "" {
			t.Skip(reason)
		}
	}
}
