package contacts_test

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

var orgContactsIdentity = map[string]string{"orgno": acctest.ProviderOrgno}

// orgContactsImportByIdentity is the minimal merchant data with an import
// block that takes it by an identity of orgno.
func orgContactsImportByIdentity(p *acctest.Portal, orgno string) string {
	return orgContactsConfig(p, orgContactsMinimalBody) + `
import {
  to       = krr_org_contacts.this
  identity = { orgno = "` + orgno + `" }
}
`
}

// krr_org_contacts' identity is the organisation: set on create, kept
// through an update, and what an import block with identity takes, beside
// one with the id. An identity of another organisation, or one that is no
// organisation number, is refused.
func TestAccOrgContactsIdentity(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	identity := acctest.ExpectIdentity(orgContactsAddr, orgContactsIdentity)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks:   acctest.Requires(acctest.Identity),
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			// First, while the state is empty: Terraform skips an import
			// block whose resource is in state already.
			{
				Config: orgContactsImportByIdentity(p, acctest.BadCheckOrgno),
				ExpectError: acctest.PhraseRegexp("Invalid import identity for krr_org_contacts",
					"identity.orgno: organisation number "+acctest.BadCheckOrgno+" is not valid: it fails the mod-11 check digit test"),
			},
			{
				Config: orgContactsImportByIdentity(p, acctest.OtherOrgno),
				ExpectError: acctest.PhraseRegexp("Cannot import another organisation's merchant data",
					"The import identity is organisation "+acctest.OtherOrgno, "credentials act for organisation "+acctest.ProviderOrgno),
			},
			{
				Config:            orgContactsConfig(p, orgContactsMinimalBody),
				ConfigStateChecks: []statecheck.StateCheck{identity},
			},
			{
				Config:            orgContactsConfig(p, orgContactsFullBody),
				ConfigStateChecks: []statecheck.StateCheck{identity, expectPortalContacts(p, orgContactsFullPortal)},
			},
			{
				ResourceName:    orgContactsAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   acctest.ProviderOrgno,
			},
			{
				ResourceName:    orgContactsAddr,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
			},
		},
	})
}

// State written by the provider before identity plans empty with this one,
// and the refresh gives the merchant data its identity.
func TestAccOrgContactsIdentity_upgrade(t *testing.T) {
	acctest.UsePreviousProvider(t)
	acctest.ServeAsBuiltProvider(t)
	p := acctest.NewPortal(t)
	resource.Test(t, resource.TestCase{
		TerraformVersionChecks: acctest.Requires(acctest.Identity),
		Steps: acctest.UpgradeSteps(orgContactsConfig(p, orgContactsFullBody),
			acctest.ExpectIdentity(orgContactsAddr, orgContactsIdentity)),
	})
}

// Over the protocol: an identity that is no organisation number is refused
// before any request; a good one answers the identity; a read of state
// without identity gives one, also when the merchant data is not set any
// more and the read removes it.
func TestOrgContactsIdentity_overProtocol(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	pp := acctest.NewTokenProtocol(t, p, acctest.ProviderOrgno)
	orgno := func(s string) map[string]tftypes.Value { return map[string]tftypes.Value{"orgno": acctest.Str(s)} }

	for bad, rule := range map[string]string{
		acctest.BadCheckOrgno: "Enhetsregisteret (Brønnøysundregistrene",
		"31000001":            "must be 9 digits",
		"":                    "organisation number is empty",
	} {
		acctest.ExpectImportByIdentityRefused(t, p, pp, "krr_org_contacts", orgno(bad),
			"Invalid import identity for krr_org_contacts", "identity.orgno:", rule, "mod-11 check digit")
	}
	got, diags := pp.ImportByIdentity("krr_org_contacts", orgno(acctest.ProviderOrgno))
	acctest.RequireNoErrors(t, "import by identity", diags)
	acctest.CheckIdentityValues(t, "import", got, orgContactsIdentity)

	state := map[string]tftypes.Value{"orgno": acctest.Str(acctest.ProviderOrgno)}
	kept, got, diags := pp.ReadWithoutIdentity("krr_org_contacts", state)
	acctest.RequireNoErrors(t, "read, not set", diags)
	if kept {
		t.Error("read: merchant data that is not set stays in state")
	}
	acctest.CheckIdentityValues(t, "read, not set", got, orgContactsIdentity)

	seedContacts(p, orgContactsMinimalPortal)
	kept, got, diags = pp.ReadWithoutIdentity("krr_org_contacts", state)
	acctest.RequireNoErrors(t, "read", diags)
	if !kept {
		t.Error("read: merchant data left the state")
	}
	acctest.CheckIdentityValues(t, "read", got, orgContactsIdentity)
}
