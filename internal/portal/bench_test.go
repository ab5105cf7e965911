package portal_test

// Benchmarks of the client against the in-process fake portal (make bench).
// They live in an external test package: the portal package itself knows
// nothing of the fake.

import (
	"context"
	"fmt"
	"testing"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/portal"
)

const benchOrgno = "310000019"

// benchPortal starts a fake with one organisation owning n scopes, and a
// client that signs in with the JWT grant.
func benchPortal(b *testing.B, n int) *portal.Client {
	b.Helper()
	org, key := fakeportal.NewOrg(benchOrgno, "BENCH AS", "bench")
	srv := fakeportal.NewServer(b, org)
	srv.Edit(func(st *fakeportal.State) {
		for i := range n {
			name := fmt.Sprintf("bench:api/v1/resource%03d.read", i)
			st.Scopes[name] = &fakeportal.Scope{Name: name, Prefix: "bench", Subscope: name[6:], Description: "bench",
				Active: true, OwnerOrgno: benchOrgno, TokenType: "SELF_CONTAINED", Visibility: "PUBLIC",
				AllowedIntegrationTypes: []string{}}
		}
	})
	tokens, err := portal.NewGrantTokenSource(portal.GrantConfig{
		TokenEndpoint: srv.TokenEndpoint, Audience: srv.Audience, ClientID: org.AdminClientID,
		KeyID: org.AdminKeyID, PrivateKey: key,
	})
	if err != nil {
		b.Fatal(err)
	}
	client, err := portal.New(portal.Config{BaseURL: srv.BaseURL, Tokens: tokens, UserAgent: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	return client
}

// BenchmarkGetScope: one scope read, the cost every krr_scope refresh pays.
func BenchmarkGetScope(b *testing.B) {
	client := benchPortal(b, 100)
	ctx := context.Background()
	for b.Loop() {
		if _, err := client.GetScope(ctx, "bench:api/v1/resource042.read"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkListScopes100: the one list call a shared read cache would make
// instead of a hundred GetScope calls.
func BenchmarkListScopes100(b *testing.B) {
	client := benchPortal(b, 100)
	ctx := context.Background()
	for b.Loop() {
		scopes, err := client.ListScopes(ctx, true)
		if err != nil || len(scopes) != 100 {
			b.Fatalf("got %d scopes, %v", len(scopes), err)
		}
	}
}

// BenchmarkCachedTokenParallel: callers sharing a cached token must not
// contend on it.
func BenchmarkCachedTokenParallel(b *testing.B) {
	org, key := fakeportal.NewOrg(benchOrgno, "BENCH AS")
	srv := fakeportal.NewServer(b, org)
	tokens, err := portal.NewGrantTokenSource(portal.GrantConfig{
		TokenEndpoint: srv.TokenEndpoint, Audience: srv.Audience, ClientID: org.AdminClientID,
		KeyID: org.AdminKeyID, PrivateKey: key,
	})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	if _, err := tokens.Token(ctx); err != nil {
		b.Fatal(err)
	}
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := tokens.Token(ctx); err != nil {
				b.Error(err)
				return
			}
		}
	})
	if n := srv.RequestCount("POST /token"); n != 1 {
		b.Fatalf("want 1 token request, got %d", n)
	}
}
