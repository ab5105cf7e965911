package portal

import (
	"context"
	"net/http"
)

// On-behalf-of records of a client (portal-api.md §12). Each call is one
// request; none is shared between resources, since a record is read by its
// client and onbehalfof, and the list of one client holds few.

// ListOnBehalfOf lists a client's records. A client without any is an
// empty list, whether the portal answers [] or "does not have any"; a
// client that does not exist is a 404 (IsNotFound).
func (c *Client) ListOnBehalfOf(ctx context.Context, clientID string) ([]OnBehalfOf, error) {
	p, err := onBehalfOfListPath(clientID)
	if err != nil {
		return nil, err
	}
	return readList[OnBehalfOf](ctx, c, request{method: http.MethodGet, path: p})
}

// GetOnBehalfOf reads one record: 404 (IsNotFound) when the client has no
// such record or the client does not exist, 403 when the client is another
// organisation's.
func (c *Client) GetOnBehalfOf(ctx context.Context, clientID, onBehalfOf string) (*OnBehalfOf, error) {
	p, err := onBehalfOfPath(clientID, onBehalfOf)
	if err != nil {
		return nil, err
	}
	var out OnBehalfOf
	if err := c.do(ctx, request{method: http.MethodGet, path: p}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// CreateOnBehalfOf makes a record on a client. The portal answers 409 for
// an onbehalfof the client has already, so a create whose answer was lost
// can be looked up by in.OnBehalfOf (GetOnBehalfOf) before it is sent
// again; the POST itself is never retried once an answer came back.
func (c *Client) CreateOnBehalfOf(ctx context.Context, clientID string, in OnBehalfOf) (*OnBehalfOf, error) {
	p, err := onBehalfOfListPath(clientID)
	if err != nil {
		return nil, err
	}
	if err := checkOnBehalfOf(in.OnBehalfOf); err != nil {
		return nil, err
	}
	in.Created, in.LastUpdated = "", ""
	var out OnBehalfOf
	if err := c.do(ctx, request{method: http.MethodPost, path: p, body: in}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateOnBehalfOf replaces the record onBehalfOf with in (send every
// field: what is left out is emptied). in.OnBehalfOf and in.Orgno must be
// the record's: they never change.
func (c *Client) UpdateOnBehalfOf(ctx context.Context, clientID, onBehalfOf string, in OnBehalfOf) (*OnBehalfOf, error) {
	p, err := onBehalfOfPath(clientID, onBehalfOf)
	if err != nil {
		return nil, err
	}
	in.OnBehalfOf = onBehalfOf
	in.Created, in.LastUpdated = "", ""
	var out OnBehalfOf
	if err := c.do(ctx, request{method: http.MethodPut, path: p, body: in}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteOnBehalfOf removes a record. A record that is gone answers 404
// (IsNotFound), which a caller that wants it gone may take as done.
func (c *Client) DeleteOnBehalfOf(ctx context.Context, clientID, onBehalfOf string) error {
	p, err := onBehalfOfPath(clientID, onBehalfOf)
	if err != nil {
		return err
	}
	return c.do(ctx, request{method: http.MethodDelete, path: p, allowEmpty: true}, nil)
}

func onBehalfOfListPath(clientID string) (string, error) {
	if err := checkID("client id", clientID); err != nil {
		return "", err
	}
	return "/clients/" + escape(clientID) + "/onbehalfof", nil
}

func onBehalfOfPath(clientID, onBehalfOf string) (string, error) {
	p, err := onBehalfOfListPath(clientID)
	if err != nil {
		return "", err
	}
	if err := checkOnBehalfOf(onBehalfOf); err != nil {
		return "", err
	}
	return p + "/" + escape(onBehalfOf), nil
}

// checkOnBehalfOf refuses a blank or path-like onbehalfof before it goes
// into a path (lesson 10): "/onbehalfof/" + "" would be the list.
func checkOnBehalfOf(onBehalfOf string) error {
	return checkID("onbehalfof", onBehalfOf)
}
