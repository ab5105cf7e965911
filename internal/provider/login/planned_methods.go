package login

import (
	"sync"

	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

// plannedMethods records, for one provider instance, the sign-in method
// each krr_login_client plans, by client id: krr_client_secret's plan reads
// it, since a client this same apply changes to client_secret_* may use
// another method in the portal now. A secret that refers to its client
// (client_id = krr_login_client.x.client_id) is planned after it, so the
// record is there when the secret's plan looks.
type plannedMethods struct {
	mu      sync.Mutex
	methods map[string]string
}

type plannedMethodsKey struct{}

func plannedMethodsOf(d *framework.ProviderData) *plannedMethods {
	return framework.InstanceState(d, plannedMethodsKey{}, func() *plannedMethods {
		return &plannedMethods{methods: map[string]string{}}
	})
}

func (p *plannedMethods) record(clientID, method string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.methods[clientID] = method
}

// lookup is the method planned for clientID, and whether one is.
func (p *plannedMethods) lookup(clientID string) (string, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	m, ok := p.methods[clientID]
	return m, ok
}
