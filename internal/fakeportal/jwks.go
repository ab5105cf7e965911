package fakeportal

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"slices"
	"time"
)

// Rules for a client's keys (§6).
const (
	maxKeys        = 5
	minRSABits     = 2048
	maxKeyLifetime = 365 * 24 * time.Hour // [choice] default and upper bound of exp
)

// keyAlgorithms: the 2025 schema of a client key has no RS384 (§11), although
// the token endpoint takes grants signed with it.
var keyAlgorithms = []string{"RS256", "RS512"}

// privateMembers are JWK members that only a private key has. A key set that
// holds one would leak the client's private key to the portal: refused.
var privateMembers = []string{"d", "p", "q", "dp", "dq", "qi", "oth", "k"}

// jwkRequest is one key as the API receives it.
type jwkRequest struct {
	Kty string   `json:"kty"`
	Kid string   `json:"kid"`
	Use string   `json:"use"`
	Alg string   `json:"alg"`
	N   string   `json:"n"`
	E   string   `json:"e"`
	X5c []string `json:"x5c"`
	Exp int64    `json:"exp"`
}

// parseKey validates one key; field is how errors name it ("kid" or
// "keys[2].kid"). It returns the key with exp filled in.
func (f *Fake) parseKey(fe *fieldErrors, raw json.RawMessage, field func(string) string) (JWK, bool) {
	before := len(fe.list)
	var members map[string]json.RawMessage
	if err := json.Unmarshal(raw, &members); err != nil {
		fe.add(field("key"), "a key must be a JSON object")
		return JWK{}, false
	}
	for _, m := range privateMembers {
		if _, ok := members[m]; ok {
			fe.add(field(m), fmt.Sprintf("the key holds the private member %q: send the public key only", m))
		}
	}
	var req jwkRequest
	if err := json.Unmarshal(raw, &req); err != nil {
		fe.add(field("key"), "malformed key: "+err.Error())
		return JWK{}, false
	}
	if req.Kty != "RSA" {
		fe.add(field("kty"), fmt.Sprintf("kty must be RSA, not %q", req.Kty))
	}
	if req.Use != "sig" {
		fe.add(field("use"), fmt.Sprintf("use must be sig, not %q", req.Use))
	}
	fe.checkEnum(field("alg"), req.Alg, keyAlgorithms)
	if !kidPattern.MatchString(req.Kid) {
		fe.add(field("kid"), fmt.Sprintf("kid %q must be letters, digits, '.', '_' and '-' only", req.Kid))
	}
	pub, err := rsaPublicKey(req.N, req.E)
	if err != nil {
		fe.add(field("n"), err.Error())
	} else if bits := pub.N.BitLen(); bits < minRSABits {
		fe.add(field("n"), fmt.Sprintf("the RSA key has %d bits; at least %d are needed", bits, minRSABits))
	}
	for i, c := range req.X5c {
		der, err := base64.StdEncoding.DecodeString(c)
		if err != nil {
			fe.add(field("x5c"), fmt.Sprintf("x5c[%d] is not base64 DER", i))
			continue
		}
		cert, err := x509.ParseCertificate(der)
		if err != nil {
			fe.add(field("x5c"), fmt.Sprintf("x5c[%d] is not a certificate: %v", i, err))
			continue
		}
		if i == 0 && pub != nil && !pub.Equal(cert.PublicKey) {
			fe.add(field("x5c"), "the certificate in x5c[0] is not for the key's n and e")
		}
	}
	now := f.now()
	limit := now.Add(maxKeyLifetime + time.Minute) // a minute for the client's clock
	switch {
	case req.Exp == 0:
		req.Exp = now.Add(maxKeyLifetime).Unix()
	case req.Exp > limit.Unix():
		fe.add(field("exp"), fmt.Sprintf("exp %d is more than a year ahead", req.Exp))
	case req.Exp <= now.Unix():
		fe.add(field("exp"), fmt.Sprintf("exp %d is in the past", req.Exp))
	}
	if len(fe.list) > before {
		return JWK{}, false
	}
	return JWK{Kty: req.Kty, Kid: req.Kid, Use: req.Use, Alg: req.Alg, N: req.N, E: req.E,
		X5c: req.X5c, Exp: req.Exp}, true
}

func rsaPublicKey(n, e string) (*rsa.PublicKey, error) {
	nb, err := base64.RawURLEncoding.DecodeString(n)
	if err != nil || len(nb) == 0 {
		return nil, fmt.Errorf("n must be the modulus in base64url without padding")
	}
	eb, err := base64.RawURLEncoding.DecodeString(e)
	if err != nil || len(eb) == 0 || len(eb) > 4 {
		return nil, fmt.Errorf("e must be the exponent in base64url without padding")
	}
	exp := new(big.Int).SetBytes(eb).Int64()
	if exp < 3 || exp%2 == 0 {
		return nil, fmt.Errorf("e is not a usable RSA exponent")
	}
	return &rsa.PublicKey{N: new(big.Int).SetBytes(nb), E: int(exp)}, nil
}

func keySetView(ks *KeySet) KeySet {
	if ks == nil {
		return KeySet{Keys: []JWK{}}
	}
	v := *ks
	v.Keys = append([]JWK{}, ks.Keys...)
	return v
}

// stampKey keeps created of a key that is already in the set unchanged and
// otherwise dates it now.
func (f *Fake) stampKey(k *JWK, old *KeySet) {
	ts := f.timestamp()
	k.Created, k.LastUpdated = ts, ts
	if old == nil {
		return
	}
	for _, o := range old.Keys {
		if o.Kid == k.Kid {
			k.Created = o.Created
			if o.N == k.N && o.E == k.E && o.Exp == k.Exp && o.Alg == k.Alg && slices.Equal(o.X5c, k.X5c) {
				k.LastUpdated = o.LastUpdated
			} else {
				k.LastUpdated = f.touch(o.LastUpdated)
			}
		}
	}
}

// saveKeySet stores keys as the client's set.
func (f *Fake) saveKeySet(clientID string, keys []JWK) *KeySet {
	ks := f.state.JWKS[clientID]
	if ks == nil {
		ts := f.timestamp()
		ks = &KeySet{Created: ts, LastUpdated: ts}
		f.state.JWKS[clientID] = ks
	} else {
		ks.LastUpdated = f.touch(ks.LastUpdated)
	}
	ks.Keys = keys
	return ks
}

// GET /clients/{id}/jwks. A client without keys answers 404, as the real
// portal may (§11): a client of the API must not read that as the client
// gone while the client itself is there.
func (f *Fake) getKeySet(c *call) (any, error) {
	cl, err := f.callerClient(c)
	if err != nil {
		return nil, err
	}
	ks := f.state.JWKS[cl.ClientID]
	if ks == nil || len(ks.Keys) == 0 {
		return nil, notFound(fmt.Sprintf("client %s has no keys", cl.ClientID))
	}
	return keySetView(ks), nil
}

// POST /clients/{id}/jwks: replace the whole set; keys not named are gone.
// 201 with the set, as the real portal answers (§11). A set of no keys is
// refused: the last key goes with DELETE.
func (f *Fake) replaceKeySet(c *call) (any, error) {
	cl, err := f.callerClient(c)
	if err != nil {
		return nil, err
	}
	var req struct {
		Keys []json.RawMessage `json:"keys"`
	}
	if err := c.decode(&req, "Jwks"); err != nil {
		return nil, err
	}
	fe := &fieldErrors{object: "Jwks"}
	if len(req.Keys) == 0 {
		fe.add("keys", fmt.Sprintf("keys must hold at least one key; remove every key with DELETE /clients/%s/jwks", cl.ClientID))
	}
	if len(req.Keys) > maxKeys {
		fe.add("keys", fmt.Sprintf("a client has at most %d keys; %d were sent", maxKeys, len(req.Keys)))
	}
	old := f.state.JWKS[cl.ClientID]
	keys := []JWK{}
	for i, raw := range req.Keys {
		k, ok := f.parseKey(fe, raw, func(m string) string { return fmt.Sprintf("keys[%d].%s", i, m) })
		if !ok {
			continue
		}
		if slices.ContainsFunc(keys, func(o JWK) bool { return o.Kid == k.Kid }) {
			fe.add(fmt.Sprintf("keys[%d].kid", i), fmt.Sprintf("kid %q occurs more than once", k.Kid))
			continue
		}
		f.stampKey(&k, old)
		keys = append(keys, k)
	}
	if err := fe.err(); err != nil {
		return nil, err
	}
	f.renewOnReplace(keys)
	return withStatus{http.StatusCreated, f.replaceAnswer(f.saveKeySet(cl.ClientID, keys))}, nil
}

// DELETE /clients/{id}/jwks: remove every key; 204 with no body (§11).
func (f *Fake) deleteKeySet(c *call) (any, error) {
	cl, err := f.callerClient(c)
	if err != nil {
		return nil, err
	}
	if ks := f.state.JWKS[cl.ClientID]; ks != nil && len(ks.Keys) > 0 {
		f.saveKeySet(cl.ClientID, []JWK{})
	}
	return withStatus{http.StatusNoContent, nil}, nil
}

// GET /clients/{id}/jwks/{kid}
func (f *Fake) getKey(c *call) (any, error) {
	cl, err := f.callerClient(c)
	if err != nil {
		return nil, err
	}
	kid := c.param("kid")
	if ks := f.state.JWKS[cl.ClientID]; ks != nil {
		for _, k := range ks.Keys {
			if k.Kid == kid {
				return k, nil
			}
		}
	}
	return nil, notFound(fmt.Sprintf("client %s has no key %s", cl.ClientID, kid))
}

// PUT /clients/{id}/jwks/{kid}: add the key, or replace the one with that kid.
func (f *Fake) putKey(c *call) (any, error) {
	cl, err := f.callerClient(c)
	if err != nil {
		return nil, err
	}
	kid := c.param("kid")
	// The kid may be left out of the body: the path names it.
	var members map[string]json.RawMessage
	if err := c.decode(&members, "Jwk"); err != nil {
		return nil, err
	}
	fe := &fieldErrors{object: "Jwk"}
	if raw, ok := members["kid"]; !ok || string(raw) == `""` || string(raw) == "null" {
		members["kid"], _ = json.Marshal(kid)
	}
	raw, _ := json.Marshal(members)
	k, ok := f.parseKey(fe, raw, func(m string) string { return m })
	if ok && k.Kid != kid {
		fe.add("kid", fmt.Sprintf("kid %q in the body differs from %q in the path", k.Kid, kid))
	}
	if err := fe.err(); err != nil {
		return nil, err
	}
	old := f.state.JWKS[cl.ClientID]
	keys := []JWK{}
	replaced := false
	if old != nil {
		for _, o := range old.Keys {
			if o.Kid == kid {
				o = k
				replaced = true
				f.stampKey(&o, old)
			}
			keys = append(keys, o)
		}
	}
	if !replaced {
		if len(keys) >= maxKeys {
			return nil, &apiError{Status: 400, Object: "Jwk", Fields: []fieldError{{Field: "kid",
				Msg: fmt.Sprintf("client %s has %d keys already, the most it may have", cl.ClientID, maxKeys)}}}
		}
		f.stampKey(&k, old)
		keys = append(keys, k)
	}
	ks := f.saveKeySet(cl.ClientID, keys)
	for _, saved := range ks.Keys {
		if saved.Kid == kid {
			return saved, nil
		}
	}
	return k, nil
}

// DELETE /clients/{id}/jwks/{kid}: remove one key; 204 with no body (§11).
func (f *Fake) deleteKey(c *call) (any, error) {
	cl, err := f.callerClient(c)
	if err != nil {
		return nil, err
	}
	kid := c.param("kid")
	ks := f.state.JWKS[cl.ClientID]
	if ks == nil || !slices.ContainsFunc(ks.Keys, func(k JWK) bool { return k.Kid == kid }) {
		return nil, notFound(fmt.Sprintf("client %s has no key %s", cl.ClientID, kid))
	}
	f.saveKeySet(cl.ClientID, slices.DeleteFunc(slices.Clone(ks.Keys), func(k JWK) bool { return k.Kid == kid }))
	return withStatus{http.StatusNoContent, nil}, nil
}
