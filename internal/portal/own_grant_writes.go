package portal

import (
	"slices"
	"sync"
)

// ownGrantWrites records the grant writes this client made, by scope and
// consumer: true for a grant that may be APPROVED now, false for one this
// client revoked. A destroy reads each scope's grants in its refresh, and
// then, in another provider process, revokes what is left before the
// scope goes; with this record, that process brings the refresh's list up
// to date with its own writes instead of reading the list again.
type ownGrantWrites struct {
	mu      sync.Mutex
	byScope map[string]map[string]bool
}

func (w *ownGrantWrites) record(scope, consumerOrgno string, approved bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.byScope == nil {
		w.byScope = map[string]map[string]bool{}
	}
	if w.byScope[scope] == nil {
		w.byScope[scope] = map[string]bool{}
	}
	w.byScope[scope][consumerOrgno] = approved
}

// ApprovedAfterOwnWrites takes the organisations whose grant of scope was
// APPROVED when the list was read, and returns them as this client's own
// writes since have left them, sorted: those it revoked are gone, those it
// granted (or tried to: a grant whose answer was lost may have been made)
// are added. Writes by anyone else are not known; the caller decides how
// old a list it may bring up to date.
func (c *Client) ApprovedAfterOwnWrites(scope string, approvedAtRead []string) []string {
	c.ownGrants.mu.Lock()
	defer c.ownGrants.mu.Unlock()
	writes := c.ownGrants.byScope[scope]
	var out []string
	for _, orgno := range approvedAtRead {
		if approved, wrote := writes[orgno]; !wrote || approved {
			out = append(out, orgno)
		}
	}
	for orgno, approved := range writes {
		if approved && !slices.Contains(out, orgno) {
			out = append(out, orgno)
		}
	}
	slices.Sort(out)
	return out
}
