package provider

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckTerraformScript runs scripts/check-terraform.sh, which make demo,
// make test and make docs run first, against stand-ins that print what
// terraform and tofu of each version print for `version -json`: a
// pre-release counts as the release it leads to, OpenTofu is known by name,
// and what is older than 1.11 or unreadable is refused.
func TestCheckTerraformScript(t *testing.T) {
	script, err := filepath.Abs("../../scripts/check-terraform.sh")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, binary, printed string
		wantOK                bool
		wantMessage           string
	}{
		{"release", "terraform", `{"terraform_version":"1.11.4","platform":"linux_amd64"}`, true, ""},
		{"dev build", "terraform", `{"terraform_version":"1.16.0-dev","platform":"linux_amd64"}`, true, ""},
		{"alpha", "terraform", `{"terraform_version":"1.17.0-alpha20261101"}`, true, ""},
		{"newer minor", "terraform", `{"terraform_version":"1.100.0"}`, true, ""},
		{"opentofu", "tofu", `{"terraform_version":"1.12.6","platform":"linux_amd64"}`, true, ""},
		{"opentofu after a warning on stdout", "tofu", "Warning: Unable to open CLI configuration file\n\n" +
			`{"terraform_version":"1.11.7"}`, true, ""},
		{"too old", "terraform", `{"terraform_version":"1.10.5"}`, false, "is terraform 1.10.5; 1.11 or newer is needed"},
		{"old opentofu", "tofu", `{"terraform_version":"1.10.6"}`, false, "is tofu 1.10.6; 1.11 or newer is needed"},
		{"unreadable", "terraform", `Terraform v1.12.0`, false, "is terraform of unknown version"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bin := filepath.Join(t.TempDir(), tc.binary)
			stub := fmt.Sprintf("#!/bin/sh\ncat <<'EOF'\n%s\nEOF\n", tc.printed)
			if err := os.WriteFile(bin, []byte(stub), 0o755); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command("bash", script)
			cmd.Env = append(os.Environ(), "TF_ACC_TERRAFORM_PATH="+bin)
			out, err := cmd.CombinedOutput()
			if tc.wantOK && err != nil {
				t.Fatalf("refused %s: %v\n%s", tc.printed, err, out)
			}
			if !tc.wantOK {
				if err == nil {
					t.Fatalf("accepted %s", tc.printed)
				}
				if !strings.Contains(string(out), tc.wantMessage) {
					t.Errorf("message %q does not say %q", out, tc.wantMessage)
				}
			}
		})
	}
	t.Run("none", func(t *testing.T) {
		cmd := exec.Command("bash", script)
		cmd.Env = append(os.Environ(), "TF_ACC_TERRAFORM_PATH="+filepath.Join(t.TempDir(), "missing"))
		if out, err := cmd.CombinedOutput(); err == nil || !strings.Contains(string(out), "no terraform binary found") {
			t.Errorf("a missing binary: %v\n%s", err, out)
		}
	})
}
