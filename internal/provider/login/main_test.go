package login_test

import (
	"testing"

	"github.com/platform-iac/terraform-provider-krr/internal/provider"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// TestMain serves the whole provider to this package's acceptance tests.
func TestMain(m *testing.M) { acctest.Main(m, provider.New) }
