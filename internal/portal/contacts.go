package portal

import (
	"context"
	"net/http"
)

// merchantDataHint explains a 404 on /organization/contacts: the endpoint is
// this project's extension (portal-api.md §8), which the real portal of 2025
// does not offer.
const merchantDataHint = "this portal does not offer merchant data over its API; keep it in the web portal"

// GetOrgContacts reads the organisation's merchant data.
func (c *Client) GetOrgContacts(ctx context.Context) (*OrgContacts, error) {
	var out OrgContacts
	if err := c.do(ctx, request{method: http.MethodGet, path: "/organization/contacts", hint404: merchantDataHint}, &out); err != nil {
		return nil, err
	}
	out.NotificationContacts = nonNilSlice(out.NotificationContacts)
	return &out, nil
}

// PutOrgContacts replaces the organisation's merchant data with ct.
func (c *Client) PutOrgContacts(ctx context.Context, ct OrgContacts) (*OrgContacts, error) {
	var out OrgContacts
	if err := c.do(ctx, request{method: http.MethodPut, path: "/organization/contacts", body: ct, hint404: merchantDataHint}, &out); err != nil {
		return nil, err
	}
	out.NotificationContacts = nonNilSlice(out.NotificationContacts)
	return &out, nil
}
