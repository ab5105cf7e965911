package provider

import (
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// module is this repository's module path.
const module = "github.com/platform-iac/terraform-provider-krr"

// importRules says, for each package of the module under internal/, which
// of the module's packages it may import (its own sub-packages aside), and
// whether it may import Terraform's libraries. Imports run one way:
// internal/provider → the domain packages → framework → internal/portal,
// and clients may use scopes, never the reverse (../shared/design.md).
var importRules = map[string]struct {
	mayImport []string
	terraform bool
}{
	"internal/portal":                    {nil, false},
	"internal/pluginlog":                 {nil, false},
	"internal/cpuprofile":                {nil, false},
	"internal/fakeportal":                {nil, false},
	"internal/fakeportal/cmd/fakeportal": {[]string{"internal/fakeportal"}, false},
	"internal/provider/framework":        {[]string{"internal/portal"}, true},
	"internal/provider/scopes":           {[]string{"internal/provider/framework", "internal/portal"}, true},
	"internal/provider/contacts":         {[]string{"internal/provider/framework", "internal/portal"}, true},
	"internal/provider/onbehalfof":       {[]string{"internal/provider/framework", "internal/portal"}, true},
	"internal/provider/organization":     {[]string{"internal/provider/framework", "internal/portal"}, true},
	"internal/provider/clients": {[]string{"internal/provider/scopes", "internal/provider/framework",
		"internal/portal"}, true},
	"internal/provider/login": {[]string{"internal/provider/clients", "internal/provider/scopes",
		"internal/provider/framework", "internal/portal"}, true},
	"internal/provider/adoption": {[]string{"internal/provider/scopes", "internal/provider/clients",
		"internal/provider/contacts", "internal/provider/framework", "internal/portal"}, true},
	"internal/provider": {[]string{"internal/provider/scopes", "internal/provider/clients",
		"internal/provider/contacts", "internal/provider/organization", "internal/provider/adoption",
		"internal/provider/onbehalfof", "internal/provider/login",
		"internal/provider/framework", "internal/portal", "internal/pluginlog"}, true},
	// The harness serves the provider that each test package's TestMain
	// hands it, so that the domain packages' own tests may use it.
	"internal/provider/acctest": {[]string{"internal/fakeportal", "internal/portal", "internal/provider/framework"}, true},
}

// TestImportRules reads every package's imports with go list and fails on
// an import the rules above do not allow, and on a package under internal/
// that has no rule yet.
func TestImportRules(t *testing.T) {
	for _, pkg := range listPackages(t) {
		rel, ok := strings.CutPrefix(pkg.ImportPath, module+"/")
		if !ok || !strings.HasPrefix(rel, "internal/") {
			continue
		}
		rule, known := importRules[rel]
		if !known {
			t.Errorf("%s has no import rule: add it to importRules with the packages it may import", rel)
			continue
		}
		for _, imp := range pkg.Imports {
			switch {
			case strings.HasPrefix(imp, module+"/"):
				dep := strings.TrimPrefix(imp, module+"/")
				if !slices.Contains(rule.mayImport, dep) {
					t.Errorf("%s imports %s, which it may not (it may import: %s)", rel, dep, strings.Join(rule.mayImport, ", "))
				}
			case strings.HasPrefix(imp, "github.com/hashicorp/terraform-") && !rule.terraform:
				t.Errorf("%s imports %s: it must know nothing of Terraform", rel, imp)
			}
		}
	}
}

type listedPackage struct {
	ImportPath string
	Imports    []string // what the package's own files import, tests left out
}

// listPackages is `go list -json` of every package of the module.
func listPackages(t *testing.T) []listedPackage {
	t.Helper()
	out, err := exec.Command("go", "list", "-json", module+"/...").Output()
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			t.Fatalf("go list: %v\n%s", err, exit.Stderr)
		}
		t.Fatalf("go list: %v", err)
	}
	var pkgs []listedPackage
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p listedPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) < len(importRules) {
		t.Fatalf("go list found %d packages, fewer than the %d with rules", len(pkgs), len(importRules))
	}
	return pkgs
}
