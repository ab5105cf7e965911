package clients

import "sync"

// clientLocks holds one mutex per client id. A client's keys are one
// document in the portal, replaced whole on every write (portal-api.md §6),
// so two writes to it at once would each undo the other: two
// krr_client_jwks naming the same client by mistake, or the old and the new
// instance during a replacement. The portal package does not lock (it leaves
// that to its callers), and Terraform runs resources in parallel.
//
// The map is the process's, not one provider instance's: aliases of the
// provider that reach the same portal share it. Client ids are UUIDs, so
// ids from different portals do not meet in practice, and if they did the
// cost would be waiting, not a wrong result.
var clientLocks sync.Map // client id → *sync.Mutex

// lockClient blocks until no other change to clientID's keys is running,
// and returns the function that ends this one.
func lockClient(clientID string) (unlock func()) {
	m, _ := clientLocks.LoadOrStore(clientID, &sync.Mutex{})
	mu, _ := m.(*sync.Mutex) // only *sync.Mutex is ever stored
	mu.Lock()
	return mu.Unlock
}
