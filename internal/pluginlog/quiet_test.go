package pluginlog

import (
	"os"
	"strings"
	"testing"
)

// clearLogEnv unsets every TF_LOG variable for the test.
func clearLogEnv(t *testing.T) {
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "TF_LOG") || name == "TF_ACC_LOG_PATH" {
			t.Setenv(name, "") // restored after the test
			_ = os.Unsetenv(name)
		}
	}
	for _, name := range levelVars("krr") {
		t.Setenv(name, "")
		_ = os.Unsetenv(name)
	}
}

func TestQuietWhenNobodyAsked(t *testing.T) {
	clearLogEnv(t)
	if !QuietUnlessAsked("krr") || !Quiet() {
		t.Fatal("QuietUnlessAsked left the logs on with no TF_LOG variable set")
	}
	t.Cleanup(func() { quiet.Store(false) })
	for _, name := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_KRR"} {
		if got := os.Getenv(name); got != "off" {
			t.Errorf("%s = %q, want off", name, got)
		}
	}
}

func TestLogsStayWhenAsked(t *testing.T) {
	for _, asked := range []string{"TF_LOG", "TF_LOG_PROVIDER", "TF_LOG_PROVIDER_KRR", "TF_LOG_SDK_FRAMEWORK", "TF_ACC_LOG_PATH"} {
		t.Run(asked, func(t *testing.T) {
			clearLogEnv(t)
			t.Setenv(asked, "trace")
			if QuietUnlessAsked("krr") {
				t.Fatalf("QuietUnlessAsked turned the logs off although %s is set", asked)
			}
			for _, name := range levelVars("krr") {
				if name != asked && os.Getenv(name) != "" {
					t.Errorf("%s = %q, want it left unset", name, os.Getenv(name))
				}
			}
		})
	}
}
