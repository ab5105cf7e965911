package portal

// AccessGrant is one organisation's access to a scope (portal-api.md §5).
// Nothing is deleted: a revoked grant stays, in state DENIED.
type AccessGrant struct {
	Scope                    string `json:"scope"`
	OwnerOrgno               string `json:"owner_orgno"`
	OwnerOrganizationName    string `json:"owner_organization_name,omitempty"`
	ConsumerOrgno            string `json:"consumer_orgno"`
	ConsumerOrganizationName string `json:"consumer_organization_name,omitempty"`
	State                    string `json:"state"`
	Created                  string `json:"created,omitempty"`
	LastUpdated              string `json:"last_updated,omitempty"`
}

// States of an AccessGrant. Only APPROVED gives access.
const (
	GrantRequested = "REQUESTED"
	GrantApproved  = "APPROVED"
	GrantDenied    = "DENIED"
)
