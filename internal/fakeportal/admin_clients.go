package fakeportal

import (
	"crypto/rsa"
	"crypto/x509"
)

// AdminClient is an admin client of an organisation beyond the one in Org's
// Admin* fields. Maskinporten refuses a business certificate (x5c) from a
// client that has registered keys, so an organisation that signs grants both
// ways has two admin clients: one with the key, one with the certificate.
type AdminClient struct {
	ClientID    string            // the grant's iss
	KeyID       string            // kid of PublicKey
	PublicKey   *rsa.PublicKey    // nil if only a certificate is registered
	Certificate *x509.Certificate // business certificate for x5c grants; may be nil
	Scopes      []string          // scopes it may request; nil means all scopes of portal-api.md §2
}

// adminClients are every admin client of o, the one of its Admin* fields
// first (when it has a client id).
func (o Org) adminClients() []AdminClient {
	var out []AdminClient
	if o.AdminClientID != "" {
		out = append(out, AdminClient{
			ClientID: o.AdminClientID, KeyID: o.AdminKeyID, PublicKey: o.AdminPublicKey,
			Certificate: o.AdminCertificate, Scopes: o.AdminScopes,
		})
	}
	for _, c := range o.ExtraAdminClients {
		if c.ClientID != "" {
			out = append(out, c)
		}
	}
	return out
}

// copyScopes keeps nil ("every scope") apart from empty ("none").
func copyScopes(s []string) []string {
	if s == nil {
		return nil
	}
	return append(make([]string, 0, len(s)), s...)
}

// adminClient finds the organisation and admin client of a grant's iss.
// Callers hold f.mu.
func (f *Fake) adminClient(clientID string) (Org, AdminClient, bool) {
	for _, o := range f.orgs {
		for _, c := range o.adminClients() {
			if c.ClientID == clientID {
				return o.Org, c, true
			}
		}
	}
	return Org{}, AdminClient{}, false
}
