package portal

import "context"

// readList performs a GET of a list endpoint. The portal answers some lists
// that have nothing in them with an error that says "does not have any"
// instead of [] (portal-api.md §3 and §11: /scopes, /scopes/access,
// /scopes/access/all, /scopes/all with filters, /prefix): that is an empty
// list, as is an answer of null. Every list read goes through here, so that
// no list is left to learn it alone.
func readList[T any](ctx context.Context, c *Client, r request) ([]T, error) {
	var out []T
	err := c.do(ctx, r, &out)
	if isNoneError(err) {
		return []T{}, nil
	}
	if err != nil {
		return nil, err
	}
	return nonNilSlice(out), nil
}

// nonNilSlice makes an answer of null an empty list.
func nonNilSlice[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
