package provider

import (
	"testing"

	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// TestMain serves this package's provider to its acceptance tests.
func TestMain(m *testing.M) { acctest.Main(m, New) }
