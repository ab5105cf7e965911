package portal

import "encoding/json"

// JWK is a public key registered on a client (portal-api.md §6).
type JWK struct {
	Kty         string   `json:"kty"` // RSA
	Kid         string   `json:"kid"`
	Use         string   `json:"use"` // sig, required since May 2025
	Alg         string   `json:"alg"` // RS256 or RS512: the portal refuses RS384 for a client key
	N           string   `json:"n"`
	E           string   `json:"e"`
	X5c         []string `json:"x5c,omitempty"`
	Exp         int64    `json:"exp,omitempty"` // epoch seconds; the server sets one year when 0
	Created     string   `json:"created,omitempty"`
	LastUpdated string   `json:"last_updated,omitempty"`
}

// JWKS is a client's key set. POSTing one replaces the whole set (lesson 5).
type JWKS struct {
	Keys        []JWK  `json:"keys"`
	Created     string `json:"created,omitempty"`
	LastUpdated string `json:"last_updated,omitempty"`
}

// MarshalJSON sends an empty key list as [] rather than null.
func (s JWKS) MarshalJSON() ([]byte, error) {
	type plain JWKS
	p := plain(s)
	if p.Keys == nil {
		p.Keys = []JWK{}
	}
	return json.Marshal(p)
}
