package login_test

import (
	"fmt"
	"strings"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// loginConfig is the consumer organisation's provider block and body.
func loginConfig(p *acctest.Portal, body string) string {
	return p.ProviderConfig("", acctest.ConsumerOrgno) + body
}

// portalClient is a copy of the fake portal's client, false when there is
// none.
func portalClient(p *acctest.Portal, id string) (fakeportal.Client, bool) {
	var c fakeportal.Client
	var ok bool
	p.Edit(func(st *fakeportal.State) {
		if found := st.Clients[id]; found != nil {
			c, ok = *found, true
		}
	})
	return c, ok
}

// loginClientBlock is a krr_login_client "app" with the given attribute
// lines, one per line, HCL.
func loginClientBlock(lines ...string) string {
	return fmt.Sprintf("\nresource \"krr_login_client\" \"app\" {\n  %s\n}\n", strings.Join(lines, "\n  "))
}

// Client ids the tests set, so that the fake can be edited by id.
const (
	idportenClientID     = "0b6f1a2c-3d4e-4f5a-8b6c-7d8e9f0a1b2c"
	apiKlientClientID    = "1c7a2b3d-4e5f-4a6b-9c7d-8e9f0a1b2c3d"
	ansattportenClientID = "2d8b3c4e-5f6a-4b7c-8d8e-9f0a1b2c3d4e"
	browserClientID      = "3e9c4d5f-6a7b-4c8d-9e9f-0a1b2c3d4e5f"
	nativeClientID       = "4f0d5e6a-7b8c-4d9e-8f0a-1b2c3d4e5f6a"
)

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(strings.Join(strings.Fields(s), " "), p) {
			return false
		}
	}
	return true
}
