package portal

import "encoding/json"

// OrgContacts is the organisation's merchant data: invoice details and the
// contacts notified of critical incidents (portal-api.md §8).
type OrgContacts struct {
	Orgno                string                `json:"orgno,omitempty"` // set by the server
	Invoice              *Invoice              `json:"invoice,omitempty"`
	NotificationContacts []NotificationContact `json:"notification_contacts"`
	LastUpdated          string                `json:"last_updated,omitempty"`
}

// MarshalJSON sends an empty contact list as [] rather than null.
func (c OrgContacts) MarshalJSON() ([]byte, error) {
	type plain OrgContacts
	p := plain(c)
	if p.NotificationContacts == nil {
		p.NotificationContacts = []NotificationContact{}
	}
	return json.Marshal(p)
}

// Invoice is where and how the organisation is invoiced.
type Invoice struct {
	Email       string   `json:"email"`
	Reference   string   `json:"reference"`
	ContactName string   `json:"contact_name"`
	Address     *Address `json:"address,omitempty"`
}

// Address is a postal address.
type Address struct {
	Street     string `json:"street"`
	PostalCode string `json:"postal_code"`
	City       string `json:"city"`
}

// NotificationContact gets e-mail about critical incidents.
type NotificationContact struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	Phone string `json:"phone"`
}
