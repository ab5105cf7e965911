package provider

import (
	"slices"
	"strings"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
)

func quoteAll(ss []string) string {
	if len(ss) == 0 {
		return ""
	}
	return `"` + strings.Join(ss, `", "`) + `"`
}

// approvedConsumers lists the organisations whose grant of scope the fake
// holds as APPROVED, sorted.
func (p *testPortal) approvedConsumers(scope string) []string {
	var out []string
	p.Edit(func(st *fakeportal.State) {
		for k, g := range st.Grants {
			if k.Scope == scope && g.State == fakeportal.GrantApproved {
				out = append(out, k.Consumer)
			}
		}
	})
	slices.Sort(out)
	return out
}

const testScopeName = providerPrefix + ":persons/v1/person.read"

func minimalScopeConfig(p *testPortal) string {
	return p.providerConfig("", providerOrgno) + `
resource "krr_scope" "persons" {
  prefix      = "` + providerPrefix + `"
  subscope    = "persons/v1/person.read"
  description = "Read persons"
}
`
}
