package provider

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The provider page and every guide open with a configuration that works
// as it stands: its first terraform block names the provider's source, as
// the README's does. Without required_providers Terraform looks for
// hashicorp/krr, and a new user's first init, query or apply fails. (That
// the blocks are complete otherwise, every reference resolved, is
// make validate-examples: each is a file under examples/.)
func TestDocsOpenWithACompleteConfiguration(t *testing.T) {
	pages, err := filepath.Glob(filepath.Join(repoDocsDir, "guides", "*.md"))
	if err != nil || len(pages) == 0 {
		t.Fatalf("no guides under %s (%v)", repoDocsDir, err)
	}
	pages = append([]string{filepath.Join(repoDocsDir, "index.md")}, pages...)
	for _, page := range pages {
		raw, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		block, ok := firstTerraformBlock(string(raw))
		if !ok {
			t.Errorf("%s has no terraform block", page)
			continue
		}
		for _, want := range []string{"required_providers", `krr = { source = "platform-iac/krr" }`, `provider "krr"`} {
			if !strings.Contains(block, want) {
				t.Errorf("the first terraform block of %s lacks %s (templates/ and examples/guides/, then make docs):\n%s",
					page, want, block)
			}
		}
	}
}

// firstTerraformBlock is the body of the first ```terraform fence of a
// Markdown page.
func firstTerraformBlock(page string) (string, bool) {
	const fence = "```terraform\n"
	_, rest, ok := strings.Cut(page, fence)
	if !ok {
		return "", false
	}
	block, _, ok := strings.Cut(rest, "```")
	return block, ok
}
