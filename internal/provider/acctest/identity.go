package acctest

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// What the tests of resource identity share: the upgrade from the provider
// before identity, a check of an identity, and two calls over the plugin
// protocol that terraform-plugin-testing cannot make (an import by identity
// that must be refused before any request, and a read of state without
// identity whose object is gone).

// ServeAsBuiltProvider makes this test's in-process provider answer to the
// built provider's address, platform-iac/krr in the CLI's registry, instead
// of terraform-plugin-testing's hashicorp/krr, so that a step with
// ProtoV6ProviderFactories takes over the state that a step with
// ExternalProviders: BuiltProvider wrote, as a user's upgrade does. It sets
// the environment, so the test must not be parallel.
func ServeAsBuiltProvider(t *testing.T) {
	t.Helper()
	t.Setenv(resource.EnvTfAccProviderNamespace, "platform-iac")
	t.Setenv(resource.EnvTfAccProviderHost, RegistryHost())
}

// UpgradeSteps apply config with the provider before identity (the test
// calls UsePreviousProvider and ServeAsBuiltProvider first), then plan it
// with this tree's provider: the plan must be empty, and the refresh before
// it gives every resource its identity, which checks then find in state.
func UpgradeSteps(config string, checks ...statecheck.StateCheck) []resource.TestStep {
	return []resource.TestStep{
		{
			ExternalProviders: BuiltProvider,
			Config:            config,
		},
		{
			ProtoV6ProviderFactories: ProviderFactories,
			Config:                   config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: checks,
		},
	}
}

// ExpectIdentity passes when addr's identity in state is exactly the given
// string attributes.
func ExpectIdentity(addr string, attrs map[string]string) statecheck.StateCheck {
	checks := make(map[string]knownvalue.Check, len(attrs))
	for name, v := range attrs {
		checks[name] = knownvalue.StringExact(v)
	}
	return statecheck.ExpectIdentity(addr, checks)
}

// ImportByIdentity imports typeName over the protocol as an import block
// with identity = { … } does (attributes left out are null), and returns
// the identity the import answered (nil when none) and the diagnostics.
func (p *ProtocolProvider) ImportByIdentity(typeName string, identity map[string]tftypes.Value) (map[string]tftypes.Value, []*tfprotov6.Diagnostic) {
	p.T.Helper()
	schema := p.identitySchema(typeName)
	resp, err := p.Server.ImportResourceState(context.Background(), &tfprotov6.ImportResourceStateRequest{
		TypeName: typeName,
		Identity: &tfprotov6.ResourceIdentityData{IdentityData: p.dynamicValue(schema, identity)},
	})
	if err != nil {
		p.T.Fatal(err)
	}
	if len(resp.ImportedResources) != 1 || resp.ImportedResources[0].Identity == nil {
		return nil, resp.Diagnostics
	}
	return p.attributes(schema, resp.ImportedResources[0].Identity.IdentityData), resp.Diagnostics
}

// ReadWithoutIdentity refreshes typeName from state that has no identity,
// as Terraform 1.12 and later refresh state written before the resource
// had identity. It returns whether the resource stays in state, the
// identity the read answered (nil when none) and the diagnostics.
func (p *ProtocolProvider) ReadWithoutIdentity(typeName string, state map[string]tftypes.Value) (kept bool, identity map[string]tftypes.Value, diags []*tfprotov6.Diagnostic) {
	p.T.Helper()
	schema := p.ResourceSchema(typeName)
	resp, err := p.Server.ReadResource(context.Background(), &tfprotov6.ReadResourceRequest{
		TypeName:     typeName,
		CurrentState: p.dynamicValue(schema, state),
	})
	if err != nil {
		p.T.Fatal(err)
	}
	if resp.NewIdentity != nil {
		identity = p.attributes(p.identitySchema(typeName), resp.NewIdentity.IdentityData)
	}
	return p.attributes(schema, resp.NewState) != nil, identity, resp.Diagnostics
}

// identitySchema is typeName's identity schema as a schema of its
// attributes, so that the protocol provider's values can be built from it
// and read back as a state's are.
func (p *ProtocolProvider) identitySchema(typeName string) *tfprotov6.Schema {
	p.T.Helper()
	resp, err := p.Server.GetResourceIdentitySchemas(context.Background(), &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		p.T.Fatal(err)
	}
	identity, ok := resp.IdentitySchemas[typeName]
	if !ok {
		p.T.Fatalf("%s has no identity schema", typeName)
	}
	attrs := make([]*tfprotov6.SchemaAttribute, 0, len(identity.IdentityAttributes))
	for _, a := range identity.IdentityAttributes {
		attrs = append(attrs, &tfprotov6.SchemaAttribute{Name: a.Name, Type: a.Type})
	}
	return &tfprotov6.Schema{Block: &tfprotov6.SchemaBlock{Attributes: attrs}}
}

// ExpectImportByIdentityRefused imports typeName by identity over the
// protocol, and fails the test unless the import is refused with an error
// that says each of wants, before any request reached the portal.
func ExpectImportByIdentityRefused(t *testing.T, p *Portal, pp *ProtocolProvider, typeName string, identity map[string]tftypes.Value, wants ...string) {
	t.Helper()
	p.ResetRequestCounts()
	got, diags := pp.ImportByIdentity(typeName, identity)
	if got != nil {
		t.Errorf("%s: import by identity %v was not refused, and answered identity %v", typeName, identity, got)
	}
	var text []string
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			text = append(text, d.Summary+": "+d.Detail)
		}
	}
	if len(text) == 0 {
		t.Errorf("%s: import by identity %v gave no error", typeName, identity)
	}
	ExpectText(t, typeName+"'s refusal of identity", strings.Join(text, "\n"), wants...)
	if counts := p.RequestCounts(); len(counts) > 0 {
		t.Errorf("%s: refusing identity %v made requests: %v", typeName, identity, counts)
	}
}

// CheckIdentityValues fails the test unless an identity answered over the
// protocol is exactly the given string attributes.
func CheckIdentityValues(t *testing.T, what string, got map[string]tftypes.Value, want map[string]string) {
	t.Helper()
	ok := len(got) == len(want)
	for name, v := range want {
		ok = ok && got[name].Equal(Str(v))
	}
	if !ok {
		t.Errorf("%s: identity is %v, want %v", what, got, want)
	}
}
