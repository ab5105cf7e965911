package acctest

import (
	"slices"
	"strings"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
)

func QuoteAll(ss []string) string {
	if len(ss) == 0 {
		return ""
	}
	return `"` + strings.Join(ss, `", "`) + `"`
}

// ApprovedConsumers lists the organisations whose grant of scope the fake
// holds as APPROVED, sorted.
func (p *Portal) ApprovedConsumers(scope string) []string {
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

const TestScopeName = ProviderPrefix + ":persons/v1/person.read"

func MinimalScopeConfig(p *Portal) string {
	return p.ProviderConfig("", ProviderOrgno) + `
resource "krr_scope" "persons" {
  prefix      = "` + ProviderPrefix + `"
  subscope    = "persons/v1/person.read"
  description = "Read persons"
}
`
}
