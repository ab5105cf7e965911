package clients

import (
	"sync"

	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

// newClients are the clients this provider instance made, each with a POST
// the portal answered with the new client: it is active and has no keys.
// A krr_client_jwks made for one in the same apply writes its set without
// reading the client and its (empty) key set first. A client found under
// its id instead (an earlier attempt's, or a deactivated one brought back,
// which may keep old keys) is not one of them.
type newClients struct {
	mu  sync.Mutex
	ids map[string]bool
}

type newClientsKey struct{}

func newClientsOf(d *framework.ProviderData) *newClients {
	return framework.InstanceState(d, newClientsKey{}, func() *newClients { return &newClients{} })
}

func (n *newClients) record(id string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.ids == nil {
		n.ids = map[string]bool{}
	}
	n.ids[id] = true
}

func (n *newClients) has(id string) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.ids[id]
}

// forget takes id out: a client deactivated after its create is not one a
// key set may skip the checks for.
func (n *newClients) forget(id string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	delete(n.ids, id)
}
