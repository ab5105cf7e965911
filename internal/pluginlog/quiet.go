// Package pluginlog decides how much a provider process logs when nobody
// asked for logs.
//
// The plugin libraries log at trace level unless an environment variable
// says otherwise: the framework two lines for each validator and plan
// modifier it calls, the protocol layer a few for each request, the
// provider its own (a line for each API request). Each line is JSON-encoded in the provider and parsed
// again by Terraform, which drops it unless TF_LOG asks for it. In a
// no-change plan of a thousand resources that was a third of the
// provider's CPU time and a good share of Terraform's (make bench-plan).
package pluginlog

import (
	"os"
	"strings"
	"sync/atomic"
)

// levelVars are the variables that set the plugin libraries' log levels
// in a provider of type providerType: the root SDK logger, the protocol's
// and the framework's subsystems, and the provider's own logger, which
// terraform-plugin-go reads from TF_LOG_PROVIDER_<TYPE> (TF_LOG_PROVIDER
// itself is Terraform's).
func levelVars(providerType string) []string {
	return []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK",
		"TF_LOG_PROVIDER_" + strings.ToUpper(strings.ReplaceAll(providerType, "-", "_"))}
}

// QuietUnlessAsked turns the plugin libraries' logs off in this process of
// the provider of type providerType (e.g. "krr") when no TF_LOG variable
// (TF_LOG, TF_LOG_PROVIDER, TF_LOG_SDK_…, TF_LOG_PATH, …) and no
// TF_ACC_LOG_PATH is set: Terraform shows provider logs only when one of
// them asks, and then the libraries log as they always do. It must run
// before the plugin server starts, which reads the levels once. It reports
// whether it turned them off.
func QuietUnlessAsked(providerType string) bool {
	for _, kv := range os.Environ() {
		name, value, _ := strings.Cut(kv, "=")
		if value != "" && (strings.HasPrefix(name, "TF_LOG") || name == "TF_ACC_LOG_PATH") {
			return false
		}
	}
	for _, name := range levelVars(providerType) {
		_ = os.Setenv(name, "off")
	}
	quiet.Store(true)
	return true
}

var quiet atomic.Bool

// Quiet reports whether QuietUnlessAsked turned the logs off in this
// process: then the provider need not even build its log lines.
func Quiet() bool { return quiet.Load() }
