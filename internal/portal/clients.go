package portal

import (
	"context"
	"net/http"
	"net/url"
	"slices"
)

// ListIntegrations lists the caller's clients; deactivated ones too when
// includeInactive. The one read behind every client.
func (c *Client) ListIntegrations(ctx context.Context, includeInactive bool) ([]Integration, error) {
	q := url.Values{}
	if includeInactive {
		q.Set("inactive", "true")
	}
	return readList[Integration](ctx, c, request{method: http.MethodGet, path: "/clients", query: q})
}

// GetIntegration reads one client: 404 when there is none, 403 when it is
// another organisation's. With shared reads, it is served from the list of
// the caller's clients.
func (c *Client) GetIntegration(ctx context.Context, id string) (*Integration, error) {
	if err := checkID("client id", id); err != nil {
		return nil, err
	}
	if c.shared == nil {
		return c.getIntegration(ctx, id)
	}
	c.shared.saw(aheadKeys, id, c.readKeysAhead)
	in, err := c.shared.clients.get(ctx, id, lookup[Integration]{
		flight: &c.shared.flight, flightKey: "clients",
		single: func(ctx context.Context) (Integration, error) { return deref(c.getIntegration(ctx, id)) },
		list: func(ctx context.Context) (map[string]Integration, error) {
			list, err := c.ListIntegrations(ctx, true)
			return indexBy(list, err, func(in Integration) string { return in.ClientID })
		},
	})
	if err != nil {
		return nil, err
	}
	in.GrantTypes, in.Scopes = slices.Clone(in.GrantTypes), slices.Clone(in.Scopes)
	in.RedirectURIs, in.PostLogoutRedirectURIs = slices.Clone(in.RedirectURIs), slices.Clone(in.PostLogoutRedirectURIs)
	return &in, nil
}

func (c *Client) getIntegration(ctx context.Context, id string) (*Integration, error) {
	var out Integration
	if err := c.do(ctx, request{method: http.MethodGet, path: "/clients/" + escape(id)}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// CreateIntegration creates a client. Give in.ClientID to make the create
// safe to repeat: a create that happened answers 409 the second time, and the
// client can be read back by that id (lessons 5 and 6). The POST is never
// retried once an answer came back.
func (c *Client) CreateIntegration(ctx context.Context, in Integration) (*Integration, error) {
	if in.ClientID != "" {
		defer c.wroteIntegration(in.ClientID)
	}
	var out Integration
	if err := c.do(ctx, request{method: http.MethodPost, path: "/clients", body: in}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateIntegration replaces the client with in (send every field).
func (c *Client) UpdateIntegration(ctx context.Context, id string, in Integration) (*Integration, error) {
	if err := checkID("client id", id); err != nil {
		return nil, err
	}
	defer c.wroteIntegration(id)
	var out Integration
	if err := c.do(ctx, request{method: http.MethodPut, path: "/clients/" + escape(id), body: in}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeactivateIntegration deactivates a client (nothing is deleted). The
// portal may answer 409 for a client that is deactivated already (§11), as
// it is after a DELETE whose answer was lost and retried: the client is read
// back, directly, and one that is inactive is what was asked for.
func (c *Client) DeactivateIntegration(ctx context.Context, id string) error {
	if err := checkID("client id", id); err != nil {
		return err
	}
	defer c.wroteIntegration(id)
	err := c.do(ctx, request{method: http.MethodDelete, path: "/clients/" + escape(id)}, nil)
	if !IsConflict(err) {
		return err
	}
	if in, gerr := c.getIntegration(ctx, id); gerr == nil && !in.Active {
		return nil
	}
	return err
}

// NewClientSecret makes a new secret; it is in the answer's ClientSecret and
// nowhere else, ever.
func (c *Client) NewClientSecret(ctx context.Context, id string) (*Integration, error) {
	if err := checkID("client id", id); err != nil {
		return nil, err
	}
	defer c.wroteIntegration(id)
	var out Integration
	if err := c.do(ctx, request{method: http.MethodPost, path: "/clients/" + escape(id) + "/secret"}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// wroteIntegration marks a client as changed for shared reads.
func (c *Client) wroteIntegration(id string) {
	if c.shared != nil {
		c.shared.clients.wrote(id)
	}
}
