package clients_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/acctest"
)

// jwksClientID gives each test its own client, so that the process-wide
// per-client lock never makes parallel tests wait on each other.
func jwksClientID(t *testing.T, suffix string) string {
	return strings.NewReplacer("/", "-", "_", "-").Replace(t.Name()) + suffix
}

// editPortalKeys changes the client's key set behind the provider's back.
func editPortalKeys(p *acctest.Portal, clientID string, fn func(keys []fakeportal.JWK) []fakeportal.JWK) {
	p.Edit(func(st *fakeportal.State) {
		ks := st.JWKS[clientID]
		if ks == nil {
			ks = &fakeportal.KeySet{}
			st.JWKS[clientID] = ks
		}
		ks.Keys = fn(slices.Clone(ks.Keys))
	})
}

// checkPortalKeys passes when the portal holds exactly the given kids, each
// an RSA signing key with the given public key.
func checkPortalKeys(p *acctest.Portal, clientID string, want map[string]*rsa.PublicKey) statecheck.StateCheck {
	return acctest.CheckPortal(func() error {
		held := p.PortalKeys(clientID)
		if got, exp := acctest.SortedMapKeys(held), acctest.SortedMapKeys(want); !slices.Equal(got, exp) {
			return fmt.Errorf("portal holds kids %v, want %v", got, exp)
		}
		for kid, pub := range want {
			k := held[kid]
			if k.Kty != "RSA" || k.Use != "sig" || k.N != acctest.JWKN(pub) || k.E != acctest.JWKE(pub) || k.Exp == 0 {
				return fmt.Errorf("portal key %s is %+v, want RSA, use sig, exp set and the n of the configured key", kid, k)
			}
		}
		return nil
	})
}

const jwksAddr = "krr_client_jwks.test"

func keyAttr(kid, name string) tfjsonpath.Path {
	return tfjsonpath.New("keys").AtMapKey(kid).AtMapKey(name)
}

// planKeys is the keys attribute of jwksAddr before and after a plan.
func planKeys(req plancheck.CheckPlanRequest) (before, after map[string]any, err error) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != jwksAddr {
			continue
		}
		b, _ := rc.Change.Before.(map[string]any)
		a, _ := rc.Change.After.(map[string]any)
		before, _ = b["keys"].(map[string]any)
		after, _ = a["keys"].(map[string]any)
		return before, after, nil
	}
	return nil, nil, fmt.Errorf("%s is not in the plan", jwksAddr)
}

// planKeysCheck runs fn on the keys before and after the plan, e.g. to see
// what the refreshed state holds for a key changed in the portal.
type planKeysCheck func(before, after map[string]any) error

func (f planKeysCheck) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	before, after, err := planKeys(req)
	if err == nil {
		err = f(before, after)
	}
	resp.Error = err
}

func entryOf(keys map[string]any, kid string) map[string]any {
	e, _ := keys[kid].(map[string]any)
	return e
}

// checkNoKeys is a CheckDestroy: the clients are still there, active, and
// have no keys.
func checkNoKeys(p *acctest.Portal, clientIDs ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for _, id := range clientIDs {
			if keys := p.PortalKeys(id); len(keys) != 0 {
				return fmt.Errorf("client %s still has keys %v after destroy", id, acctest.SortedMapKeys(keys))
			}
			var active bool
			p.Edit(func(st *fakeportal.State) { active = st.Clients[id] != nil && st.Clients[id].Active })
			if !active {
				return fmt.Errorf("client %s is gone or inactive after destroying its keys", id)
			}
		}
		return nil
	}
}

// phrase matches text in an error, whatever the line wrapping: Terraform
// wraps a diagnostic's detail at word boundaries.
func phrase(text string) *regexp.Regexp {
	return regexp.MustCompile(strings.ReplaceAll(regexp.QuoteMeta(text), " ", `\s+`))
}

func TestAccClientJWKS_lifecycle(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	clientID, otherID := jwksClientID(t, ""), jwksClientID(t, "-other")
	p.AddTestClient(clientID, true)
	p.AddTestClient(otherID, true)
	a, b, c := &acctest.TestKey("A").PublicKey, &acctest.TestKey("B").PublicKey, &acctest.TestKey("C").PublicKey
	pemA, pemB, pemC := acctest.PublicPEM(t, a), acctest.PublicPEM(t, b), acctest.PublicPEM(t, c)

	twoKeys := map[string]acctest.JWKSEntry{"k1": acctest.PEMEntry(pemA), "k2": {PEM: pemB, Alg: "RS512"}}
	rotated := map[string]acctest.JWKSEntry{"k1": acctest.PEMEntry(pemC), "k2": {PEM: pemB, Alg: "RS512"}}

	// k2 is not touched by the rotation: it keeps exp and created.
	k2Exp := statecheck.CompareValue(compare.ValuesSame())
	k2Created := statecheck.CompareValue(compare.ValuesSame())
	var k2PortalExp int64

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: acctest.JWKSConfig(p, clientID, twoKeys),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(jwksAddr, plancheck.ResourceActionCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(jwksAddr, tfjsonpath.New("id"), knownvalue.StringExact(clientID)),
					statecheck.ExpectKnownValue(jwksAddr, tfjsonpath.New("client_id"), knownvalue.StringExact(clientID)),
					statecheck.ExpectKnownValue(jwksAddr, tfjsonpath.New("keys"), knownvalue.MapSizeExact(2)),
					// State keeps the PEM as configured, not the portal's form.
					statecheck.ExpectKnownValue(jwksAddr, keyAttr("k1", "public_key_pem"), knownvalue.StringExact(pemA)),
					statecheck.ExpectKnownValue(jwksAddr, keyAttr("k1", "jwk"), knownvalue.Null()),
					statecheck.ExpectKnownValue(jwksAddr, keyAttr("k1", "alg"), knownvalue.StringExact("RS256")),
					statecheck.ExpectKnownValue(jwksAddr, keyAttr("k2", "alg"), knownvalue.StringExact("RS512")),
					statecheck.ExpectKnownValue(jwksAddr, keyAttr("k1", "exp"), knownvalue.Int64Func(func(v int64) error {
						// The portal's default: a year ahead.
						if want := time.Now().AddDate(1, 0, 0).Unix(); v < want-3600 || v > want+3600 {
							return fmt.Errorf("exp %d is not about a year ahead (%d)", v, want)
						}
						return nil
					})),
					statecheck.ExpectKnownValue(jwksAddr, keyAttr("k1", "created"), knownvalue.NotNull()),
					k2Exp.AddStateValue(jwksAddr, keyAttr("k2", "exp")),
					k2Created.AddStateValue(jwksAddr, keyAttr("k2", "created")),
					checkPortalKeys(p, clientID, map[string]*rsa.PublicKey{"k1": a, "k2": b}),
					acctest.CheckPortal(func() error {
						held := p.PortalKeys(clientID)
						if held["k1"].Alg != "RS256" || held["k2"].Alg != "RS512" {
							return fmt.Errorf("portal algs are %s and %s", held["k1"].Alg, held["k2"].Alg)
						}
						k2PortalExp = held["k2"].Exp
						return nil
					}),
				},
			},
			{
				// Rotating k1 in place: one update of the whole set, in which
				// only k1 gets a new exp; k2's stays planned as it is.
				Config: acctest.JWKSConfig(p, clientID, rotated),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(jwksAddr, plancheck.ResourceActionUpdate),
						acctest.ExpectChangedAttributes(jwksAddr, "keys"),
						plancheck.ExpectUnknownValue(jwksAddr, keyAttr("k1", "exp")),
						plancheck.ExpectKnownValue(jwksAddr, keyAttr("k2", "exp"), knownvalue.NotNull()),
						plancheck.ExpectKnownValue(jwksAddr, keyAttr("k2", "created"), knownvalue.NotNull()),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(jwksAddr, keyAttr("k1", "public_key_pem"), knownvalue.StringExact(pemC)),
					k2Exp.AddStateValue(jwksAddr, keyAttr("k2", "exp")),
					k2Created.AddStateValue(jwksAddr, keyAttr("k2", "created")),
					checkPortalKeys(p, clientID, map[string]*rsa.PublicKey{"k1": c, "k2": b}),
					acctest.CheckPortal(func() error {
						if got := p.PortalKeys(clientID)["k2"].Exp; got != k2PortalExp {
							return fmt.Errorf("k2's exp in the portal changed from %d to %d", k2PortalExp, got)
						}
						return nil
					}),
				},
			},
			{
				// Another client: the set moves (destroy, then create).
				Config: acctest.JWKSConfig(p, otherID, rotated),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(jwksAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					checkPortalKeys(p, otherID, map[string]*rsa.PublicKey{"k1": c, "k2": b}),
					acctest.CheckPortal(func() error {
						if keys := p.PortalKeys(clientID); len(keys) != 0 {
							return fmt.Errorf("the old client still has keys %v", acctest.SortedMapKeys(keys))
						}
						return nil
					}),
				},
			},
		},
		// Destroy removes the keys and leaves the clients alone.
		CheckDestroy: checkNoKeys(p, clientID, otherID),
	})
}

func TestAccClientJWKS_certificate(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	clientID := jwksClientID(t, "")
	p.AddTestClient(clientID, true)
	der := acctest.TestCertDER()
	certPEM := acctest.PEMOf("CERTIFICATE", der)

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{{
			Config: acctest.JWKSConfig(p, clientID, map[string]acctest.JWKSEntry{"cert-2026": acctest.PEMEntry(certPEM)}),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(jwksAddr, keyAttr("cert-2026", "public_key_pem"), knownvalue.StringExact(certPEM)),
				checkPortalKeys(p, clientID, map[string]*rsa.PublicKey{"cert-2026": &acctest.TestKey("D").PublicKey}),
				acctest.CheckPortal(func() error {
					// The certificate goes along as x5c, base64 DER.
					x5c := p.PortalKeys(clientID)["cert-2026"].X5c
					if len(x5c) != 1 || x5c[0] != base64.StdEncoding.EncodeToString(der) {
						return fmt.Errorf("portal x5c is %v, want the certificate", x5c)
					}
					return nil
				}),
			},
		}},
		CheckDestroy: checkNoKeys(p, clientID),
	})
}

// A key in JWK form, and import by client id: Read writes keys the
// configuration does not describe as canonical JWKs, which is what
// jsonencode gives, so an import of such a configuration verifies exactly.
func TestAccClientJWKS_jwkAndImport(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	clientID := jwksClientID(t, "")
	p.AddTestClient(clientID, true)
	a, b := &acctest.TestKey("A").PublicKey, &acctest.TestKey("B").PublicKey
	jwkForm := map[string]acctest.JWKSEntry{"k1": acctest.JWKEntry(a), "k2": acctest.JWKEntry(b)}
	// The same keys, with the redundant members a JWK file often has.
	withMembers := map[string]acctest.JWKSEntry{
		"k1": acctest.JWKEntry(a),
		"k2": {JWK: fmt.Sprintf("jsonencode({ kty = \"RSA\", kid = \"k2\", use = \"sig\", alg = \"RS512\", n = %q, e = %q })",
			acctest.JWKN(b), acctest.JWKE(b)), Alg: "RS512"},
	}
	k2Exp := statecheck.CompareValue(compare.ValuesSame())

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: acctest.JWKSConfig(p, clientID, jwkForm),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(jwksAddr, keyAttr("k1", "jwk"), knownvalue.StringExact(acctest.JWKJSON(a))),
					statecheck.ExpectKnownValue(jwksAddr, keyAttr("k1", "public_key_pem"), knownvalue.Null()),
					k2Exp.AddStateValue(jwksAddr, keyAttr("k2", "exp")),
					checkPortalKeys(p, clientID, map[string]*rsa.PublicKey{"k1": a, "k2": b}),
				},
			},
			{
				ResourceName:      jwksAddr,
				ImportState:       true,
				ImportStateId:     clientID,
				ImportStateVerify: true,
			},
			{
				// Another spelling of the same key is an update that keeps
				// the key's exp (only alg changes in the portal).
				Config: acctest.JWKSConfig(p, clientID, withMembers),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(jwksAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(jwksAddr, keyAttr("k2", "exp"), knownvalue.NotNull()),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					k2Exp.AddStateValue(jwksAddr, keyAttr("k2", "exp")),
					acctest.CheckPortal(func() error {
						if alg := p.PortalKeys(clientID)["k2"].Alg; alg != "RS512" {
							return fmt.Errorf("portal k2 alg is %s, want RS512", alg)
						}
						return nil
					}),
				},
			},
		},
		CheckDestroy: checkNoKeys(p, clientID),
	})
}

// Changes made in the portal show in the next plan as their repair.
func TestAccClientJWKS_drift(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	clientID := jwksClientID(t, "")
	p.AddTestClient(clientID, true)
	a, b, c := &acctest.TestKey("A").PublicKey, &acctest.TestKey("B").PublicKey, &acctest.TestKey("C").PublicKey
	pemA := acctest.PublicPEM(t, a)
	config := acctest.JWKSConfig(p, clientID, map[string]acctest.JWKSEntry{"k1": acctest.PEMEntry(pemA), "k2": acctest.PEMEntry(acctest.PublicPEM(t, b))})
	both := map[string]*rsa.PublicKey{"k1": a, "k2": b}
	converged := []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				// k2 removed in the portal: the plan adds it back.
				PreConfig: func() {
					editPortalKeys(p, clientID, func(keys []fakeportal.JWK) []fakeportal.JWK {
						return slices.DeleteFunc(keys, func(k fakeportal.JWK) bool { return k.Kid == "k2" })
					})
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(jwksAddr, plancheck.ResourceActionUpdate),
						acctest.ExpectChangedAttributes(jwksAddr, "keys"),
						planKeysCheck(func(before, after map[string]any) error {
							if _, ok := before["k2"]; ok || after["k2"] == nil {
								return fmt.Errorf("plan does not add k2 back: before %v", acctest.SortedMapKeys(before))
							}
							return nil
						}),
					},
					PostApplyPostRefresh: converged,
				},
				ConfigStateChecks: []statecheck.StateCheck{checkPortalKeys(p, clientID, both)},
			},
			{
				// k3 added in the portal: the plan removes it.
				PreConfig: func() {
					editPortalKeys(p, clientID, func(keys []fakeportal.JWK) []fakeportal.JWK {
						return append(keys, fakeportal.JWK{Kty: "RSA", Kid: "k3", Use: "sig", Alg: "RS256",
							N: acctest.JWKN(c), E: acctest.JWKE(c), Exp: time.Now().AddDate(0, 6, 0).Unix(), Created: "2026-01-01T00:00:00.000+01:00"})
					})
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(jwksAddr, plancheck.ResourceActionUpdate),
						planKeysCheck(func(before, after map[string]any) error {
							if entryOf(before, "k3")["jwk"] != acctest.JWKJSON(c) {
								return fmt.Errorf("state does not show the portal's k3 as a JWK: %v", before["k3"])
							}
							if _, ok := after["k3"]; ok {
								return fmt.Errorf("plan keeps k3")
							}
							return nil
						}),
					},
					PostApplyPostRefresh: converged,
				},
				ConfigStateChecks: []statecheck.StateCheck{checkPortalKeys(p, clientID, both)},
			},
			{
				// k1 replaced in the portal under the same kid: state holds
				// the portal's key as a JWK, so the plan shows the
				// configured PEM replacing it.
				PreConfig: func() {
					editPortalKeys(p, clientID, func(keys []fakeportal.JWK) []fakeportal.JWK {
						for i := range keys {
							if keys[i].Kid == "k1" {
								keys[i].N, keys[i].E = acctest.JWKN(c), acctest.JWKE(c)
							}
						}
						return keys
					})
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(jwksAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(jwksAddr, keyAttr("k1", "exp")),
						planKeysCheck(func(before, after map[string]any) error {
							was, will := entryOf(before, "k1"), entryOf(after, "k1")
							if was["public_key_pem"] != nil || was["jwk"] != acctest.JWKJSON(c) {
								return fmt.Errorf("state after refresh holds k1 = %v, want the portal's key as a JWK", was)
							}
							if will["public_key_pem"] != pemA || will["jwk"] != nil {
								return fmt.Errorf("plan sets k1 to %v, want the configured PEM", will)
							}
							return nil
						}),
					},
					PostApplyPostRefresh: converged,
				},
				ConfigStateChecks: []statecheck.StateCheck{checkPortalKeys(p, clientID, both)},
			},
		},
		CheckDestroy: checkNoKeys(p, clientID),
	})
}

// A client that no longer exists in the portal takes its key set out of
// state, with a warning, and a new key set is not written to an inactive
// client. (A deactivated client keeps its keys: client_jwks_deactivated_test.go.)
func TestAccClientJWKS_clientGone(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	clientID, inactiveID := jwksClientID(t, ""), jwksClientID(t, "-inactive")
	p.AddTestClient(clientID, true)
	p.AddTestClient(inactiveID, false)
	keys := map[string]acctest.JWKSEntry{"k1": acctest.PEMEntry(acctest.PublicPEM(t, &acctest.TestKey("A").PublicKey))}

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: acctest.JWKSConfig(p, clientID, keys)},
			{
				PreConfig: func() {
					p.Edit(func(st *fakeportal.State) { delete(st.Clients, clientID); delete(st.JWKS, clientID) })
				},
				Config:             acctest.JWKSConfig(p, clientID, keys),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectResourceAction(jwksAddr, plancheck.ResourceActionCreate)},
				},
			},
			{
				Config:      acctest.JWKSConfig(p, inactiveID, keys),
				ExpectError: phrase(fmt.Sprintf("client %s has been deactivated", inactiveID)),
			},
		},
	})
	if n := p.RequestCount("POST /clients/{id}/jwks"); n != 1 {
		t.Errorf("key sets were written %d times, want once (only to the active client)", n)
	}
}

// Key sets the portal would refuse are refused at plan time, with the
// attribute and the rule named, before any request reaches the portal.
func TestAccClientJWKS_refusedAtPlan(t *testing.T) {
	t.Parallel()
	a := acctest.TestKey("A")
	pemA := acctest.PublicPEM(t, &a.PublicKey)
	pkcs8, small := acctest.PrivateAndSmallKeys(t)
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	ecDER, err := x509.MarshalPKIXPublicKey(&ec.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	six := map[string]acctest.JWKSEntry{}
	for i := 1; i <= 6; i++ {
		six[fmt.Sprintf("k%d", i)] = acctest.PEMEntry(pemA)
	}
	privateJWK := fmt.Sprintf("jsonencode({ kty = \"RSA\", n = %q, e = %q, d = %q })",
		acctest.JWKN(&a.PublicKey), acctest.JWKE(&a.PublicKey), acctest.B64URL(a.D.Bytes()))

	cases := []struct {
		name string
		keys map[string]acctest.JWKSEntry
		want string
	}{
		{"six keys", six, "keys has 6 entries; a client has at most 5 keys"},
		{"private key PEM", map[string]acctest.JWKSEntry{"k1": acctest.PEMEntry(acctest.PEMOf("PRIVATE KEY", pkcs8))},
			`keys["k1"].public_key_pem holds a private key`},
		{"PKCS#1 private key PEM", map[string]acctest.JWKSEntry{"k1": acctest.PEMEntry(acctest.PEMOf("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(a)))},
			`keys["k1"].public_key_pem holds a private key`},
		{"private JWK", map[string]acctest.JWKSEntry{"k1": {JWK: privateJWK}},
			`keys["k1"].jwk is a private key (it has the private member "d")`},
		{"1024-bit key", map[string]acctest.JWKSEntry{"k1": acctest.PEMEntry(acctest.PublicPEM(t, &small.PublicKey))},
			`keys["k1"].public_key_pem is an RSA key of 1024 bits; the portal needs at least 2048`},
		{"EC key", map[string]acctest.JWKSEntry{"k1": acctest.PEMEntry(acctest.PEMOf("PUBLIC KEY", ecDER))},
			`keys["k1"].public_key_pem is an EC (ECDSA) key; the portal accepts RSA keys only`},
		{"EC JWK", map[string]acctest.JWKSEntry{"k1": {JWK: `jsonencode({ kty = "EC", crv = "P-256", x = "AA", y = "AA" })`}},
			`keys["k1"].jwk has kty "EC"; the portal accepts RSA keys only`},
		{"bad kid", map[string]acctest.JWKSEntry{"bad/kid": acctest.PEMEntry(pemA)},
			`keys["bad/kid"]: the kid "bad/kid" may hold only letters, digits`},
		{"both forms", map[string]acctest.JWKSEntry{"k1": {PEM: pemA, JWK: acctest.JWKEntry(&a.PublicKey).JWK}},
			`keys["k1"] sets both public_key_pem and jwk; set exactly one of them`},
		{"neither form", map[string]acctest.JWKSEntry{"k1": {Alg: "RS256"}},
			`keys["k1"] sets neither public_key_pem nor jwk`},
		{"bad alg", map[string]acctest.JWKSEntry{"k1": {PEM: pemA, Alg: "HS256"}},
			`keys["k1"].alg is "HS256"; the portal accepts client keys with alg RS256 or RS512 only`},
		// The portal's 2025 key schema has no RS384 (portal-api.md §11).
		{"RS384", map[string]acctest.JWKSEntry{"k1": {PEM: pemA, Alg: "RS384"}},
			`keys["k1"].alg is "RS384"; the portal accepts client keys with alg RS256 or RS512 only (its key schema has no RS384`},
		{"RS384 in the JWK", map[string]acctest.JWKSEntry{"k1": {JWK: fmt.Sprintf("jsonencode({ kty = \"RSA\", alg = \"RS384\", n = %q, e = %q })",
			acctest.JWKN(&a.PublicKey), acctest.JWKE(&a.PublicKey))}},
			`keys["k1"].jwk has alg "RS384"; the portal accepts client keys with alg RS256 or RS512 only`},
		{"JWK kid differs", map[string]acctest.JWKSEntry{"k1": {JWK: fmt.Sprintf("jsonencode({ kty = \"RSA\", kid = \"k9\", n = %q, e = %q })",
			acctest.JWKN(&a.PublicKey), acctest.JWKE(&a.PublicKey))}},
			`keys["k1"].jwk has kid "k9", but the entry's kid (its key in keys) is "k1"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			p := acctest.NewPortal(t)
			clientID := jwksClientID(t, "")
			p.AddTestClient(clientID, true)
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: acctest.ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      acctest.JWKSConfig(p, clientID, tc.keys),
					ExpectError: phrase(tc.want),
				}},
			})
			// Not even a read: validation needs no portal.
			if counts := p.RequestCounts(); len(counts) != 0 {
				t.Errorf("requests were sent for a configuration refused at plan: %v", counts)
			}
		})
	}
}

// An expired key is not renewed behind the user's back, but when the set is
// written anyway it gets a new exp: the portal refuses an exp in the past,
// and sending it back would fail the whole write.
func TestAccClientJWKS_expiredKeyRenewedOnWrite(t *testing.T) {
	t.Parallel()
	p := acctest.NewPortal(t)
	clientID := jwksClientID(t, "")
	p.AddTestClient(clientID, true)
	a, b, c := &acctest.TestKey("A").PublicKey, &acctest.TestKey("B").PublicKey, &acctest.TestKey("C").PublicKey
	pemB := acctest.PublicPEM(t, b)
	expired := time.Now().Add(-time.Hour).Unix()

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProviderFactories,
		Steps: []resource.TestStep{
			{Config: acctest.JWKSConfig(p, clientID, map[string]acctest.JWKSEntry{"k1": acctest.PEMEntry(acctest.PublicPEM(t, a)), "k2": acctest.PEMEntry(pemB)})},
			{
				// Only exp differs from state, and exp is computed: nothing
				// to do.
				PreConfig: func() {
					editPortalKeys(p, clientID, func(keys []fakeportal.JWK) []fakeportal.JWK {
						for i := range keys {
							if keys[i].Kid == "k2" {
								keys[i].Exp = expired
							}
						}
						return keys
					})
				},
				Config:   acctest.JWKSConfig(p, clientID, map[string]acctest.JWKSEntry{"k1": acctest.PEMEntry(acctest.PublicPEM(t, a)), "k2": acctest.PEMEntry(pemB)}),
				PlanOnly: true,
			},
			{
				Config: acctest.JWKSConfig(p, clientID, map[string]acctest.JWKSEntry{"k1": acctest.PEMEntry(acctest.PublicPEM(t, c)), "k2": acctest.PEMEntry(pemB)}),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(jwksAddr, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(jwksAddr, keyAttr("k2", "exp")),
						plancheck.ExpectKnownValue(jwksAddr, keyAttr("k2", "created"), knownvalue.NotNull()),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					checkPortalKeys(p, clientID, map[string]*rsa.PublicKey{"k1": c, "k2": b}),
					statecheck.ExpectKnownValue(jwksAddr, keyAttr("k2", "exp"), knownvalue.Int64Func(func(v int64) error {
						if v <= time.Now().Unix() {
							return fmt.Errorf("k2's exp %d was not renewed", v)
						}
						return nil
					})),
				},
			},
		},
		CheckDestroy: checkNoKeys(p, clientID),
	})
}
