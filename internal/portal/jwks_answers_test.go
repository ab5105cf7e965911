package portal_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"math/big"
	"slices"
	"testing"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/portal"
)

// publicJWK is key's public half as the portal takes it.
func publicJWK(t *testing.T, kid string) portal.JWK {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	return portal.JWK{Kty: "RSA", Kid: kid, Use: "sig", Alg: "RS256",
		N: base64.RawURLEncoding.EncodeToString(key.N.Bytes()),
		E: base64.RawURLEncoding.EncodeToString(big.NewInt(int64(key.E)).Bytes())}
}

// keysPortal is listPortal with a client of the owner that has no keys.
func keysPortal(t *testing.T) (*fakeportal.Server, *portal.Client) {
	t.Helper()
	srv, owner, _ := listPortal(t)
	srv.Edit(func(st *fakeportal.State) {
		st.Clients["keyless"] = &fakeportal.Client{ClientID: "keyless", ClientName: "c", Description: "d",
			ClientOrgno: listOwner, IntegrationType: "maskinporten", Scopes: []string{"ls:lonely"}, Active: true}
	})
	return srv, owner
}

func kids(set *portal.JWKS) []string {
	var out []string
	for _, k := range set.Keys {
		out = append(out, k.Kid)
	}
	return out
}

// The key-set calls as the real portal answers them (portal-api.md §11):
// POST 201 with the set, DELETE 204 with no body, and GET 404 for a client
// that has no keys, which is a set of no keys while the client exists.
func TestKeySetAnswersFromTheFake(t *testing.T) {
	srv, c := keysPortal(t)
	ctx := context.Background()

	set, err := c.GetJWKS(ctx, "keyless")
	if err != nil || set.Keys == nil || len(set.Keys) != 0 {
		t.Fatalf("GetJWKS of a client with no keys = %+v, %v; want no keys", set, err)
	}
	if _, err := c.GetJWKS(ctx, "nobody"); !portal.IsNotFound(err) {
		t.Errorf("GetJWKS of a client that does not exist = %v, want not found", err)
	}

	set, err = c.ReplaceJWKS(ctx, "keyless", []portal.JWK{publicJWK(t, "a"), publicJWK(t, "b")})
	if err != nil || !slices.Equal(kids(set), []string{"a", "b"}) || set.Keys[0].Exp == 0 {
		t.Fatalf("ReplaceJWKS (201) = %+v, %v", set, err)
	}
	if err := c.DeleteJWK(ctx, "keyless", "a"); err != nil {
		t.Fatalf("DeleteJWK (204) = %v", err)
	}
	if set, err = c.GetJWKS(ctx, "keyless"); err != nil || !slices.Equal(kids(set), []string{"b"}) {
		t.Fatalf("after DeleteJWK: %+v, %v", set, err)
	}
	if err := c.DeleteJWKS(ctx, "keyless"); err != nil {
		t.Fatalf("DeleteJWKS (204) = %v", err)
	}
	if set, err = c.GetJWKS(ctx, "keyless"); err != nil || len(set.Keys) != 0 {
		t.Fatalf("after DeleteJWKS: %+v, %v", set, err)
	}
	if n := srv.RequestCount("GET /clients/{id}"); n == 0 {
		t.Errorf("a 404 of the key set was not checked against the client")
	}
}

// Replacing the set with no keys removes every key with DELETE: the portal
// refuses POST {"keys":[]}.
func TestReplaceJWKSWithNoKeysDeletes(t *testing.T) {
	srv, c := keysPortal(t)
	ctx := context.Background()
	if _, err := c.ReplaceJWKS(ctx, "keyless", []portal.JWK{publicJWK(t, "a")}); err != nil {
		t.Fatal(err)
	}
	srv.ResetRequestCounts()
	for _, none := range [][]portal.JWK{nil, {}} {
		set, err := c.ReplaceJWKS(ctx, "keyless", none)
		if err != nil || set.Keys == nil || len(set.Keys) != 0 {
			t.Fatalf("ReplaceJWKS(%v) = %+v, %v", none, set, err)
		}
	}
	if set, err := c.GetJWKS(ctx, "keyless"); err != nil || len(set.Keys) != 0 {
		t.Errorf("keys left: %+v, %v", set, err)
	}
	if post, del := srv.RequestCount("POST /clients/{id}/jwks"), srv.RequestCount("DELETE /clients/{id}/jwks"); post != 0 || del != 2 {
		t.Errorf("%d POSTs and %d DELETEs of the set, want none and 2", post, del)
	}
}

// With shared reads too, a client without keys has an empty set, not a
// client gone.
func TestSharedKeySetOfAClientWithNoKeys(t *testing.T) {
	srv, _ := keysPortal(t)
	c, err := portal.New(portal.Config{BaseURL: srv.BaseURL, ShareReads: true,
		Tokens: portal.NewStaticTokenSource(srv.IssueToken(listOwner))})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := c.GetIntegration(ctx, "keyless"); err != nil {
		t.Fatal(err)
	}
	if set, err := c.GetJWKS(ctx, "keyless"); err != nil || len(set.Keys) != 0 {
		t.Errorf("GetJWKS = %+v, %v; want no keys", set, err)
	}
	if _, err := c.GetJWKS(ctx, "nobody"); !portal.IsNotFound(err) {
		t.Errorf("GetJWKS of a client that does not exist = %v, want not found", err)
	}
}
