// Package acctest is the acceptance harness of the provider's tests: the
// fake portal seeded with the test organisations and their admin keys, the
// provider served in-process for terraform-plugin-testing, the provider
// built into a filesystem mirror for tests that run terraform themselves
// (TFDir), the protocol-level provider (ProtocolProvider), and the checks
// and key material the tests share.
//
// It may import internal/fakeportal, internal/portal and
// internal/provider/framework, never internal/provider or a domain package:
// the tests of those packages use it. The provider itself is handed in by
// each test package's TestMain, through Main.
package acctest

import (
	"fmt"
	"os"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// providerConstructor is provider.New, given by Main.
var providerConstructor func(version string) func() provider.Provider

// Main is a test package's TestMain: it runs the tests with the provider
// that newProvider makes (provider.New), then removes the built provider's
// mirror, if a test built it.
//
//	func TestMain(m *testing.M) { acctest.Main(m, provider.New) }
func Main(m *testing.M, newProvider func(version string) func() provider.Provider) {
	providerConstructor = newProvider
	code := func() int {
		// The machine's CLI configuration is never read: it may name a
		// file that does not exist, which makes OpenTofu print a warning
		// where terraform-plugin-testing reads `tofu version`.
		rc, err := os.CreateTemp("", "krr-test-terraformrc-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		_ = rc.Close()
		defer func() { _ = os.Remove(rc.Name()) }()
		if err := os.Setenv("TF_CLI_CONFIG_FILE", rc.Name()); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		return m.Run()
	}()
	for _, dir := range []string{providerMirrorDir, previousMirrorDir} {
		if dir != "" {
			_ = os.RemoveAll(dir)
		}
	}
	os.Exit(code)
}

// newProvider is a new instance of the provider under test.
func newProvider() provider.Provider {
	if providerConstructor == nil {
		panic("acctest: this test package serves the provider, so its TestMain must call acctest.Main(m, provider.New)")
	}
	return providerConstructor("test")()
}

// serveProvider serves a new instance of the provider, as
// terraform-plugin-testing's ProtoV6ProviderFactories expect.
func serveProvider() (tfprotov6.ProviderServer, error) {
	return providerserver.NewProtocol6WithError(newProvider())()
}
