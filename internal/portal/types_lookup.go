package portal

// Prefix is a scope prefix given to an organisation by Digdir (portal-api.md §7).
type Prefix struct {
	Prefix           string `json:"prefix"`
	OwnerOrgno       string `json:"owner_orgno"`
	OrganizationName string `json:"organization_name"`
	Active           bool   `json:"active"`
	Created          string `json:"created,omitempty"`
	LastUpdated      string `json:"last_updated,omitempty"`
}

// DelegationSource is an issuer a scope may delegate through, e.g. Altinn.
type DelegationSource struct {
	Name   string `json:"name"`
	Issuer string `json:"issuer"`
}

// Organization is an entry of the register as the portal knows it.
type Organization struct {
	Orgnr string `json:"orgnr"`
	Name  string `json:"name"`
}
