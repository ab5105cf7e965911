package main

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"strings"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
)

// size is a configuration's size: scopes, grants per scope, clients (each
// with a key set), and the merchant data.
type size struct {
	Scopes, Grants, Clients int
}

// Resources counts a configuration's resources: with krr_scope_consumers,
// one per scope in place of one per grant.
func (s size) Resources(consumers bool) int {
	grants := s.Scopes * s.Grants
	if consumers {
		grants = s.Scopes
	}
	return s.Scopes + grants + 2*s.Clients + 1
}

func (s size) scaled(f float64) size {
	return size{Scopes: max(1, int(float64(s.Scopes)*f+0.5)), Grants: s.Grants, Clients: max(1, int(float64(s.Clients)*f+0.5))}
}

func (s size) String() string {
	return fmt.Sprintf("%d scopes × %d grants, %d clients with keys", s.Scopes, s.Grants, s.Clients)
}

// shape is how a configuration is written.
type shape struct {
	// Consumers: one krr_scope_consumers per scope in place of a
	// krr_scope_access per grant.
	Consumers bool
	// Refs: scope names and client ids as references
	// (scope = krr_scope.s0001.name), as users write them, in place of
	// names written out with depends_on.
	Refs bool
}

func (sh shape) String() string {
	switch {
	case sh.Consumers:
		return " with krr_scope_consumers"
	case sh.Refs:
		return " with references"
	}
	return ""
}

// krrConfig writes the configuration a platform team would: scopes under
// the organisation's prefix, who may use each (krr_scope_access per grant,
// or one krr_scope_consumers per scope), clients carrying two scopes each,
// their keys, and the merchant data. By default names and ids are written
// out, with depends_on for the order, so that the twin, which knows no
// computed value, applies the same configuration; with sh.Refs they are
// references.
func krrConfig(s size, prefix string, sh shape, publicKeyPEM string) string {
	var b strings.Builder
	b.WriteString(`terraform {
  required_providers {
    krr = { source = "platform-iac/krr" }
  }
}

provider "krr" {}

locals {
  key = <<-EOT
` + publicKeyPEM + `EOT
}
`)
	orgnos := fakeportal.SyntheticOrgnos(s.Grants)
	// scopeRef is scope i's name as an expression, and after is the
	// depends_on line that orders a resource after scopes written out.
	scopeRef := func(i int) string {
		if sh.Refs {
			return fmt.Sprintf("krr_scope.s%04d.name", i)
		}
		return fmt.Sprintf("%q", fmt.Sprintf("%s:bench/v1/r%04d.read", prefix, i))
	}
	after := func(addrs ...string) string {
		if sh.Refs {
			return ""
		}
		return "\n  depends_on = [" + strings.Join(addrs, ", ") + "]"
	}
	for i := range s.Scopes {
		fmt.Fprintf(&b, `
resource "krr_scope" "s%04d" {
  prefix      = %q
  subscope    = "bench/v1/r%04d.read"
  description = "Bench scope %d"
}
`, i, prefix, i, i)
		if sh.Consumers {
			fmt.Fprintf(&b, `
resource "krr_scope_consumers" "s%04d" {
  scope           = %s
  consumer_orgnos = ["%s"]%s
}
`, i, scopeRef(i), strings.Join(orgnos, `", "`), after(fmt.Sprintf("krr_scope.s%04d", i)))
			continue
		}
		for g, orgno := range orgnos {
			fmt.Fprintf(&b, `
resource "krr_scope_access" "s%04d_%d" {
  scope          = %s
  consumer_orgno = %q%s
}
`, i, g, scopeRef(i), orgno, after(fmt.Sprintf("krr_scope.s%04d", i)))
		}
	}
	for c := range s.Clients {
		a, z := c%s.Scopes, (c+1)%s.Scopes
		id := fmt.Sprintf("00000000-0000-4000-8000-%012d", c)
		clientID := fmt.Sprintf("%q", id)
		if sh.Refs {
			clientID = fmt.Sprintf("krr_client.c%04d.client_id", c)
		}
		fmt.Fprintf(&b, `
resource "krr_client" "c%04d" {
  client_id   = %q
  client_name = "Bench client %d"
  description = "Reads two scopes"
  scopes      = [%s, %s]%s
}

resource "krr_client_jwks" "c%04d" {
  client_id = %s
  keys      = { "c%04d-2026" = { public_key_pem = local.key } }%s
}
`, c, id, c, scopeRef(a), scopeRef(z), after(fmt.Sprintf("krr_scope.s%04d", a), fmt.Sprintf("krr_scope.s%04d", z)),
			c, clientID, c, after(fmt.Sprintf("krr_client.c%04d", c)))
	}
	b.WriteString(`
resource "krr_org_contacts" "this" {
  invoice = { email = "faktura@example.no", reference = "PO-1234" }
  notification_contacts = [
    { name = "Drift", email = "drift@example.no", phone = "+4722450000" },
  ]
}
`)
	return b.String()
}

// terraformDataConfig is the same number of Terraform's own terraform_data
// resources: the cost of Terraform alone.
func terraformDataConfig(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "resource \"terraform_data\" \"r%05d\" {\n  input = \"resource %d\"\n}\n\n", i, i)
	}
	return b.String()
}

// newPublicKeyPEM is one 2048-bit public key, shared by every client's set.
func newPublicKeyPEM() (string, error) {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return "", err
	}
	der, err := x509.MarshalPKIXPublicKey(&k.PublicKey)
	if err != nil {
		return "", err
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der})), nil
}
