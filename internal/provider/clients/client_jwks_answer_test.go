package clients_test

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// The per-key created and exp of a key-set answer are not promised
// (portal-api.md §11). Here the portal gives every key of a replaced set a
// new exp, the unchanged one too: the apply keeps the planned exp of the
// unchanged key (no "inconsistent result"), and the next refresh takes the
// portal's, with an empty plan. Its created stays as it was.
func TestAccClientJWKS_answerRenewsUnchangedKey(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortalWith(t, fakeportal.Options{KeySetAnswer: fakeportal.KeySetAnswerRenewed})
	clientID := jwksClientID(t, "")
	p.AddTestClient(clientID, true)
	pemA, pemB := acctest.PublicPEM(t, &acctest.TestKey("A").PublicKey), acctest.PublicPEM(t, &acctest.TestKey("B").PublicKey)
	one := map[string]acctest.JWKSEntry{"k1": acctest.PEMEntry(pemA)}
	two := map[string]acctest.JWKSEntry{"k1": acctest.PEMEntry(pemA), "k2": acctest.PEMEntry(pemB)}
	earlier := time.Now().Add(300 * 24 * time.Hour).Unix()
	k1Created := statecheck.CompareValue(compare.ValuesSame())

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:            acctest.JWKSConfig(p, clientID, one),
				ConfigStateChecks: []statecheck.StateCheck{k1Created.AddStateValue(jwksAddr, keyAttr("k1", "created"))},
			},
			{
				// k1's exp in the portal is earlier than the year the
				// replace will give it: the plan keeps it, the answer
				// differs.
				PreConfig: func() {
					p.Edit(func(st *fakeportal.State) { st.JWKS[clientID].Keys[0].Exp = earlier })
				},
				Config: acctest.JWKSConfig(p, clientID, two),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(jwksAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(jwksAddr, keyAttr("k1", "exp"), knownvalue.Int64Exact(earlier)),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					k1Created.AddStateValue(jwksAddr, keyAttr("k1", "created")),
					acctest.CheckPortal(func() error {
						if exp := p.PortalKeys(clientID)["k1"].Exp; exp <= earlier {
							return fmt.Errorf("the fake did not renew k1's exp: %d", exp)
						}
						return nil
					}),
				},
			},
			{
				// The refresh took the portal's new exp; nothing to do.
				Config: acctest.JWKSConfig(p, clientID, two),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(jwksAddr, plancheck.ResourceActionNoop)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					k1Created.AddStateValue(jwksAddr, keyAttr("k1", "created")),
					statecheck.ExpectKnownValue(jwksAddr, keyAttr("k1", "exp"), knownvalue.Int64Func(func(v int64) error {
						if held := p.PortalKeys(clientID)["k1"].Exp; v != held {
							return fmt.Errorf("state has exp %d, the portal %d", v, held)
						}
						return nil
					})),
				},
			},
		},
	})
}

// A key-set answer without per-key created and exp: the set is read back,
// and a rotation plans clean after.
func TestAccClientJWKS_bareAnswer(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortalWith(t, fakeportal.Options{KeySetAnswer: fakeportal.KeySetAnswerBare})
	clientID := jwksClientID(t, "")
	p.AddTestClient(clientID, true)
	pemA, pemB := acctest.PublicPEM(t, &acctest.TestKey("A").PublicKey), acctest.PublicPEM(t, &acctest.TestKey("B").PublicKey)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: acctest.JWKSConfig(p, clientID, map[string]acctest.JWKSEntry{"k1": acctest.PEMEntry(pemA)}),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					// From the set read back, not the bare answer's nothing.
					statecheck.ExpectKnownValue(jwksAddr, keyAttr("k1", "exp"), knownvalue.Int64Func(func(v int64) error {
						if held := p.PortalKeys(clientID)["k1"].Exp; v != held {
							return fmt.Errorf("state has exp %d, the portal %d", v, held)
						}
						return nil
					})),
					statecheck.ExpectKnownValue(jwksAddr, keyAttr("k1", "created"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-`))),
				},
			},
			{
				Config: acctest.JWKSConfig(p, clientID, map[string]acctest.JWKSEntry{"k1": acctest.PEMEntry(pemB)}),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}
