package portal

import (
	"context"
	"net/http"
)

// ListPrefixes lists the caller's scope prefixes. An organisation without
// one gets an empty list (the portal says "does not have any"); prefixes are
// given out by Digdir's service desk, never by the API.
func (c *Client) ListPrefixes(ctx context.Context) ([]Prefix, error) {
	return readList[Prefix](ctx, c, request{method: http.MethodGet, path: "/prefix"})
}

// ListAllPrefixes lists every organisation's prefixes (open endpoint).
func (c *Client) ListAllPrefixes(ctx context.Context) ([]Prefix, error) {
	return readList[Prefix](ctx, c, request{method: http.MethodGet, path: "/prefix/all", open: true})
}

// ListDelegationSources lists the issuers scopes may delegate through (open).
func (c *Client) ListDelegationSources(ctx context.Context) ([]DelegationSource, error) {
	return readList[DelegationSource](ctx, c, request{method: http.MethodGet, path: "/delegationsources", open: true})
}

// GetOrganization looks an organisation up by number (open endpoint).
func (c *Client) GetOrganization(ctx context.Context, orgno string) (*Organization, error) {
	if err := checkOrgno("organisation", orgno); err != nil {
		return nil, err
	}
	var out Organization
	if err := c.do(ctx, request{method: http.MethodGet, path: "/organizations/" + escape(orgno), open: true}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
