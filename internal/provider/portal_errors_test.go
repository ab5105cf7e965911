package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// Every answer of the portal that is an error reaches the user as one
// diagnostic that says the operation and the object, the portal's message,
// its correlation_id, and what to do.
func TestAccPortalErrorsReachTheUser(t *testing.T) {
	t.Parallel()
	scopeConfig := func(provider, attrs string) string {
		return provider + `
resource "krr_scope" "persons" {
  prefix      = "` + acctest.ProviderPrefix + `"
  subscope    = "persons/v1/person.read"
  description = "Read persons"
` + attrs + `
}
`
	}
	readOnly := func(p *acctest.Portal) string {
		return p.TokenProviderConfig(p.IssueToken(acctest.ProviderOrgno, "idporten:scopes.read"))
	}
	otherFakeToken := func(p *acctest.Portal) string {
		other := fakeportal.NewServer(t)
		return p.TokenProviderConfig(other.IssueToken(acctest.ProviderOrgno))
	}
	type errorCase struct {
		name  string
		setup func(p *acctest.Portal)
		// config is applied first when first is set, then config with the
		// fault (update cases).
		first  func(p *acctest.Portal) string
		config func(p *acctest.Portal) string
		want   []string
	}
	cases := []errorCase{
		{
			name: "400 with field errors",
			config: func(p *acctest.Portal) string {
				return scopeConfig(p.ProviderConfig("", acctest.ProviderOrgno), `  delegation_source = "https://unknown.example.no/"`)
			},
			want: []string{"Unable to create scope " + acctest.TestScopeName, "POST /scopes: 400",
				"is not the issuer of a known delegation source", "correlation_id", "the fields it names above are the ones to fix"},
		},
		{
			name:   "401",
			config: func(p *acctest.Portal) string { return scopeConfig(otherFakeToken(p), "") },
			want: []string{"Unable to check the scope prefix", "401", "the access token was refused", "correlation_id",
				"Check access_token (KRR_ACCESS_TOKEN)"},
		},
		{
			name:   "403",
			config: func(p *acctest.Portal) string { return scopeConfig(readOnly(p), "") },
			want: []string{"Unable to create scope " + acctest.TestScopeName, "403", "idporten:scopes.write", "correlation_id",
				"Add it to the provider's scopes (KRR_SCOPES)"},
		},
		{
			name: "404",
			setup: func(p *acctest.Portal) {
				p.InjectFault(fakeportal.Fault{Method: "POST", Route: "/scopes", Status: 404})
			},
			config: func(p *acctest.Portal) string { return acctest.MinimalScopeConfig(p) },
			want: []string{"Unable to create scope " + acctest.TestScopeName, "POST /scopes: 404", "injected fault", "correlation_id",
				"The portal does not know the object in the test environment"},
		},
		{
			name: "409",
			setup: func(p *acctest.Portal) {
				p.SeedScope(acctest.TestScopeName, false)
				p.Edit(func(st *fakeportal.State) { st.Scopes[acctest.TestScopeName].Active = false })
			},
			config: func(p *acctest.Portal) string {
				return p.ProviderConfig("", acctest.ProviderOrgno) + `
resource "krr_scope_access" "x" {
  scope          = "` + acctest.TestScopeName + `"
  consumer_orgno = "` + acctest.ConsumerOrgno + `"
}
`
			},
			want: []string{"Unable to give organisation " + acctest.ConsumerOrgno + " access to " + acctest.TestScopeName,
				"is deactivated", "409", "correlation_id", "it exists already, or it is deactivated"},
		},
		{
			name: "428",
			setup: func(p *acctest.Portal) {
				p.InjectFault(fakeportal.Fault{Method: "POST", Route: "/scopes", Status: 428})
			},
			config: func(p *acctest.Portal) string { return acctest.MinimalScopeConfig(p) },
			want: []string{"Unable to create scope " + acctest.TestScopeName, "428", "terms of use", "correlation_id",
				"must sign them in the web portal first"},
		},
		{
			name:  "503 after retries",
			first: func(p *acctest.Portal) string { return acctest.MinimalScopeConfig(p) },
			setup: func(p *acctest.Portal) {
				p.InjectFault(fakeportal.Fault{Method: "PUT", Route: "/scopes", Status: 503, Times: 10})
			},
			config: func(p *acctest.Portal) string {
				return scopeConfig(p.ProviderConfig("", acctest.ProviderOrgno), `  long_description = "changed"`)
			},
			want: []string{"Unable to change scope " + acctest.TestScopeName, "PUT /scopes: 503", "after 3 attempts", "correlation_id",
				"Apply again later", "servicedesk@digdir.no"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := acctest.NewPortal(t)
			var steps []resource.TestStep
			if tc.first != nil {
				steps = append(steps, resource.TestStep{Config: tc.first(p)})
			}
			step := resource.TestStep{Config: tc.config(p), ExpectError: acctest.PhraseRegexp(tc.want...)}
			if tc.setup != nil {
				if tc.first != nil {
					step.PreConfig = func() { tc.setup(p) }
				} else {
					tc.setup(p)
				}
			}
			steps = append(steps, step)
			resource.Test(t, resource.TestCase{ProtoV6ProviderFactories: acctest.ProviderFactories, Steps: steps})
			p.ClearFaults()
		})
	}
}
