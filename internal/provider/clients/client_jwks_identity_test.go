package clients_test

import (
	"crypto/rsa"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// krr_client_jwks' identity is the client's id: set on create, kept
// through an update, and what an import block with identity takes, beside
// one with the id. The keys are in JWK form, which an import reads back
// exactly, so that both imports plan no change.
func TestAccClientJWKSIdentity(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	clientID := jwksClientID(t, "")
	p.AddTestClient(clientID, true)
	a, b := &acctest.TestKey("A").PublicKey, &acctest.TestKey("B").PublicKey
	identity := acctest.ExpectIdentity(jwksAddr, map[string]string{"client_id": clientID})
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   acctest.Requires(acctest.Identity),
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				// A bad id is refused before any request, naming the
				// identity's attribute. (First, while the state is empty:
				// Terraform skips an import block whose resource is in
				// state already.)
				Config: acctest.JWKSConfig(p, clientID, map[string]acctest.JWKSEntry{"k1": acctest.JWKEntry(a)}) + `
import {
  to       = krr_client_jwks.test
  identity = { client_id = "" }
}
`,
				ExpectError: acctest.PhraseRegexp(`Invalid import identity for krr_client_jwks`,
					`identity.client_id: "" is not a client id`),
			},
			{
				Config:            acctest.JWKSConfig(p, clientID, map[string]acctest.JWKSEntry{"k1": acctest.JWKEntry(a)}),
				ConfigStateChecks: []statecheck.StateCheck{identity},
			},
			{
				Config: acctest.JWKSConfig(p, clientID, map[string]acctest.JWKSEntry{
					"k1": acctest.JWKEntry(a), "k2": acctest.JWKEntry(b)}),
				ConfigStateChecks: []statecheck.StateCheck{identity, checkPortalKeys(p, clientID, map[string]*rsa.PublicKey{"k1": a, "k2": b})},
			},
			{
				ResourceName:    jwksAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   clientID,
			},
			{
				ResourceName:    jwksAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
		},
	})
}

// State written by the provider before identity plans empty with this one,
// and the refresh gives the key set its identity.
func TestAccClientJWKSIdentity_upgrade(t *testing.T) {
	acctest.UsePreviousProvider(t)
	acctest.ServeAsBuiltProvider(t)
	p := acctest.NewPortal(t)
	clientID := jwksClientID(t, "")
	p.AddTestClient(clientID, true)
	// The client has a key already, as one made in the web portal does: the
	// provider before identity read the portal's 404 for a client without
	// keys as an error, and this test is of the upgrade, not of that.
	p.Edit(func(st *fakeportal.State) {
		st.JWKS[clientID] = &fakeportal.KeySet{Keys: []fakeportal.JWK{{Kty: "RSA", Kid: "made-by-hand", Use: "sig", Alg: "RS256",
			N: acctest.JWKN(&acctest.TestKey("B").PublicKey), E: acctest.JWKE(&acctest.TestKey("B").PublicKey), Exp: 4102444800}}}
	})
	config := acctest.JWKSConfig(p, clientID, map[string]acctest.JWKSEntry{
		"k1": acctest.PEMEntry(acctest.PublicPEM(t, &acctest.TestKey("A").PublicKey))})
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks: acctest.Requires(acctest.Identity),
		Steps:                  acctest.UpgradeSteps(config, acctest.ExpectIdentity(jwksAddr, map[string]string{"client_id": clientID})),
	})
}

// Over the protocol: a bad client id is refused before any request; a good
// one answers the identity; a read of state without identity gives one,
// also when the client is deactivated (the key set stays) or gone (the
// read removes it).
func TestClientJWKSIdentity_overProtocol(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	active, deactivated, gone := jwksClientID(t, "-active"), jwksClientID(t, "-deactivated"), jwksClientID(t, "-gone")
	p.AddTestClient(active, true)
	p.AddTestClient(deactivated, false)
	pp := acctest.NewTokenProtocol(t, p, acctest.ProviderOrgno)

	for _, bad := range []string{"", "a\tb"} {
		acctest.ExpectImportByIdentityRefused(t, p, pp, "krr_client_jwks", map[string]tftypes.Value{"client_id": acctest.Str(bad)},
			"Invalid import identity for krr_client_jwks", "identity.client_id:", "is not a client id")
	}
	got, diags := pp.ImportByIdentity("krr_client_jwks", map[string]tftypes.Value{"client_id": acctest.Str(active)})
	acctest.RequireNoErrors(t, "import by identity", diags)
	acctest.CheckIdentityValues(t, "import", got, map[string]string{"client_id": active})

	for id, wantKept := range map[string]bool{active: true, deactivated: true, gone: false} {
		kept, got, diags := pp.ReadWithoutIdentity("krr_client_jwks", map[string]tftypes.Value{"client_id": acctest.Str(id)})
		acctest.RequireNoErrors(t, "read "+id, diags)
		if kept != wantKept {
			t.Errorf("read %s: kept in state is %v, want %v", id, kept, wantKept)
		}
		acctest.CheckIdentityValues(t, "read "+id, got, map[string]string{"client_id": id})
	}
}
