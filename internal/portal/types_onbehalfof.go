package portal

// OnBehalfOf is an on-behalf-of record of a client (portal-api.md §12): a
// supplier serving many customers through one client keeps one per
// customer. At login the client sends onbehalfof=<OnBehalfOf>; a KRR
// machine client sends the claim iss_onbehalfof in its JWT grant. A record
// does not inherit the customer's scope grants.
//
// PUT is a full replace: description, uri and logo_uri are always sent, so
// that one emptied is emptied in the portal. OnBehalfOf and Orgno never
// change after create.
type OnBehalfOf struct {
	OnBehalfOf       string `json:"onbehalfof"` // the record's own id, unique per client
	Name             string `json:"name"`
	Orgno            string `json:"orgno"` // the customer's organisation number
	Description      string `json:"description"`
	URI              string `json:"uri"`
	LogoURI          string `json:"logo_uri"`
	OrganizationName string `json:"organization_name,omitempty"` // the portal may fill it from orgno
	Created          string `json:"created,omitempty"`           // set by the server
	LastUpdated      string `json:"last_updated,omitempty"`      // set by the server
}

// OnBehalfOfID is a record's full id, <client_id>::<onbehalfof> (§12).
func OnBehalfOfID(clientID, onBehalfOf string) string { return clientID + "::" + onBehalfOf }
