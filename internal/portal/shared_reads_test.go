package portal_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/portal"
)

const (
	sharedOrgno    = "310000019"
	sharedConsumer = "310000027"
)

// sharedPortal is a fake with one organisation owning `scopes` scopes with
// `grants` grants each and `clients` clients, and a client of it with
// shared reads.
func sharedPortal(t *testing.T, scopes, grants, clients int) (*fakeportal.Server, *portal.Client) {
	t.Helper()
	org, _ := fakeportal.NewOrg(sharedOrgno, "SHARED AS", "sh")
	srv := fakeportal.NewServer(t, org)
	consumers := fakeportal.SyntheticOrgnos(grants)
	srv.Edit(func(st *fakeportal.State) {
		for i := range scopes {
			name := scopeName(i)
			st.Scopes[name] = &fakeportal.Scope{Name: name, Prefix: "sh", Subscope: name[3:], Description: "d",
				Active: true, OwnerOrgno: sharedOrgno, TokenType: "SELF_CONTAINED", Visibility: "PUBLIC",
				AllowedIntegrationTypes: []string{}}
			for _, c := range consumers {
				st.Grants[fakeportal.GrantKey{Scope: name, Consumer: c}] = &fakeportal.Grant{
					Scope: name, OwnerOrgno: sharedOrgno, ConsumerOrgno: c, State: fakeportal.GrantApproved}
			}
		}
		for i := range clients {
			id := clientID(i)
			st.Clients[id] = &fakeportal.Client{ClientID: id, ClientName: "c", Description: "d", ClientOrgno: sharedOrgno,
				IntegrationType: "maskinporten", Scopes: []string{}, Active: i%2 == 0}
		}
	})
	client, err := portal.New(portal.Config{
		BaseURL: srv.BaseURL, Tokens: portal.NewStaticTokenSource(srv.IssueToken(sharedOrgno)),
		ShareReads: true, MaxRetries: -1,
	})
	if err != nil {
		t.Fatal(err)
	}
	return srv, client
}

func scopeName(i int) string { return fmt.Sprintf("sh:api/v1/r%03d.read", i) }

func clientID(i int) string { return fmt.Sprintf("00000000-0000-4000-8000-%012d", i) }

// inParallel runs fn(i) for i < n at once, as Terraform refreshes.
func inParallel(t *testing.T, n int, fn func(i int) error) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := fn(i); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// Refreshing 50 grants on 5 scopes makes one grant-list call per scope,
// however the reads interleave; readers that come while a list is on its
// way wait for it.
func TestSharedReadsGrants(t *testing.T) {
	srv, client := sharedPortal(t, 5, 10, 0)
	srv.InjectFault(fakeportal.Fault{Method: "GET", Route: "/scopes/access", Latency: 50 * time.Millisecond, Times: 5})
	consumers := fakeportal.SyntheticOrgnos(10)
	inParallel(t, 50, func(i int) error {
		g, err := client.GetScopeAccess(context.Background(), scopeName(i%5), consumers[i/5])
		if err == nil && (g.State != "APPROVED" || g.ConsumerOrgno != consumers[i/5]) {
			err = fmt.Errorf("read %+v", g)
		}
		return err
	})
	if n := srv.RequestCount("GET /scopes/access"); n != 5 {
		t.Errorf("50 grant reads on 5 scopes made %d grant-list calls, want 5", n)
	}
	// A consumer without a grant is "not found", as the single read says,
	// without another call.
	if _, err := client.GetScopeAccess(context.Background(), scopeName(0), sharedConsumer); !portal.IsNotFound(err) {
		t.Errorf("a grant that does not exist: %v", err)
	}
	if n := srv.RequestCount("GET /scopes/access"); n != 5 {
		t.Errorf("a read the list answers made a call: %d", n)
	}
}

// 30 clients, active or not, take one list call.
func TestSharedReadsClients(t *testing.T) {
	srv, client := sharedPortal(t, 0, 0, 30)
	inParallel(t, 30, func(i int) error {
		in, err := client.GetIntegration(context.Background(), clientID(i))
		if err == nil && (in.ClientID != clientID(i) || in.Active != (i%2 == 0)) {
			err = fmt.Errorf("read %+v", in)
		}
		return err
	})
	if n, single := srv.RequestCount("GET /clients"), srv.RequestCount("GET /clients/{id}"); n != 1 || single != 0 {
		t.Errorf("30 client reads made %d list calls and %d single reads, want 1 and 0", n, single)
	}
}

// A write drops exactly what it changed: the next read of that object is a
// single read and sees the write; the others are still served by the list.
func TestSharedReadsSeeWrites(t *testing.T) {
	srv, client := sharedPortal(t, 3, 0, 0)
	ctx := context.Background()
	for i := range 3 {
		if _, err := client.GetScope(ctx, scopeName(i)); err != nil {
			t.Fatal(err)
		}
	}
	s, _ := client.GetScope(ctx, scopeName(1))
	s.Description = "changed"
	if _, err := client.UpdateScope(ctx, scopeName(1), *s); err != nil {
		t.Fatal(err)
	}
	if got, err := client.GetScope(ctx, scopeName(1)); err != nil || got.Description != "changed" {
		t.Errorf("the read after the write got %+v, %v", got, err)
	}
	if _, err := client.GetScope(ctx, scopeName(2)); err != nil {
		t.Fatal(err)
	}
	if n, single := srv.RequestCount("GET /scopes"), srv.RequestCount("GET /scopes/scope"); n != 1 || single != 1 {
		t.Errorf("reads made %d list calls and %d single reads, want 1 and 1", n, single)
	}

	// A grant written, whatever its answer, is read again.
	consumer := fakeportal.SyntheticOrgnos(1)[0]
	if _, err := client.GetScopeAccess(ctx, scopeName(0), consumer); !portal.IsNotFound(err) {
		t.Fatalf("before the grant: %v", err)
	}
	srv.InjectFault(fakeportal.Fault{Method: "PUT", Route: "/scopes/access/{orgno}", Status: 502, AfterWrite: true})
	if _, err := client.GrantAccess(ctx, scopeName(0), consumer); err == nil {
		t.Fatal("the injected 502 did not reach the caller")
	}
	if g, err := client.GetScopeAccess(ctx, scopeName(0), consumer); err != nil || g.State != "APPROVED" {
		t.Errorf("the read after a grant whose answer was lost got %+v, %v", g, err)
	}
}

// A list that fails turns into single reads: each object's own answer, not
// the list's error for all.
func TestSharedReadsListFailureFallsBack(t *testing.T) {
	srv, client := sharedPortal(t, 3, 0, 0)
	srv.InjectFault(fakeportal.Fault{Method: "GET", Route: "/scopes", Status: 500})
	ctx := context.Background()
	for i := range 3 {
		if s, err := client.GetScope(ctx, scopeName(i)); err != nil || s.Name != scopeName(i) {
			t.Errorf("read %d after the list failed: %+v, %v", i, s, err)
		}
	}
	if _, err := client.GetScope(ctx, "sh:never/made"); !portal.IsNotFound(err) {
		t.Errorf("a scope that does not exist: %v", err)
	}
	if n, single := srv.RequestCount("GET /scopes"), srv.RequestCount("GET /scopes/scope"); n != 1 || single != 4 {
		t.Errorf("made %d list calls and %d single reads, want 1 (failed) and 4", n, single)
	}
}

// A scope the list does not hold is read singly, so another organisation's
// scope is a 403, never "gone".
func TestSharedReadsOtherOrganisationsScope(t *testing.T) {
	srv, client := sharedPortal(t, 1, 0, 0)
	srv.Edit(func(st *fakeportal.State) {
		st.Scopes["other:x"] = &fakeportal.Scope{Name: "other:x", Prefix: "other", Subscope: "x", Description: "d",
			Active: true, OwnerOrgno: sharedConsumer, TokenType: "SELF_CONTAINED", Visibility: "PUBLIC"}
	})
	ctx := context.Background()
	if _, err := client.GetScope(ctx, scopeName(0)); err != nil {
		t.Fatal(err)
	}
	if _, err := client.GetScope(ctx, "other:x"); !portal.IsForbidden(err) {
		t.Errorf("another organisation's scope: %v", err)
	}
}

// Once the first grant is read, the grant lists of the scopes this process
// read are read ahead, so that Terraform's slots, which refresh one
// scope's grants together, find them loaded: one list call per scope
// still, and the later reads make none.
func TestSharedReadsReadAhead(t *testing.T) {
	srv, client := sharedPortal(t, 6, 3, 4)
	ctx := context.Background()
	for i := range 6 {
		if _, err := client.GetScope(ctx, scopeName(i)); err != nil {
			t.Fatal(err)
		}
	}
	consumers := fakeportal.SyntheticOrgnos(3)
	if _, err := client.GetScopeAccess(ctx, scopeName(0), consumers[0]); err != nil {
		t.Fatal(err)
	}
	waitForCount(t, srv, "GET /scopes/access", 6)
	inParallel(t, 18, func(i int) error {
		_, err := client.GetScopeAccess(ctx, scopeName(i/3), consumers[i%3])
		return err
	})
	if n := srv.RequestCount("GET /scopes/access"); n != 6 {
		t.Errorf("18 grant reads on 6 scopes made %d grant-list calls, want 6", n)
	}

	// Key sets: one request per client, read ahead for the clients read.
	for i := range 4 {
		if _, err := client.GetIntegration(ctx, clientID(i)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := client.GetJWKS(ctx, clientID(0)); err != nil {
		t.Fatal(err)
	}
	waitForCount(t, srv, "GET /clients/{id}/jwks", 4)
	for i := range 4 {
		if _, err := client.GetJWKS(ctx, clientID(i)); err != nil {
			t.Fatal(err)
		}
	}
	if n := srv.RequestCount("GET /clients/{id}/jwks"); n != 4 {
		t.Errorf("4 key-set reads made %d requests, want 4", n)
	}
	// A write drops the client's set: the next read asks again.
	if err := client.DeleteJWKS(ctx, clientID(1)); err != nil {
		t.Fatal(err)
	}
	if set, err := client.GetJWKS(ctx, clientID(1)); err != nil || len(set.Keys) != 0 {
		t.Errorf("after the delete: %+v, %v", set, err)
	}
	if n := srv.RequestCount("GET /clients/{id}/jwks"); n != 5 {
		t.Errorf("the read after a write made %d requests in all, want 5", n)
	}
}

// waitForCount waits until the fake has counted n requests on route.
func waitForCount(t *testing.T, srv *fakeportal.Server, route string, n int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for srv.RequestCount(route) < n {
		if time.Now().After(deadline) {
			t.Fatalf("%s: %d requests after 5 s, want %d", route, srv.RequestCount(route), n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// A scope's whole grant list for a read comes from the same list as the
// single grant reads; after a write to one of its grants it is read afresh.
func TestSharedReadsScopeGrants(t *testing.T) {
	srv, client := sharedPortal(t, 1, 3, 0)
	ctx := context.Background()
	consumers := fakeportal.SyntheticOrgnos(3)
	if _, err := client.GetScopeAccess(ctx, scopeName(0), consumers[0]); err != nil {
		t.Fatal(err)
	}
	if grants, err := client.ScopeGrants(ctx, scopeName(0)); err != nil || len(grants) != 3 {
		t.Fatalf("grants: %+v, %v", grants, err)
	}
	if n := srv.RequestCount("GET /scopes/access"); n != 1 {
		t.Errorf("a grant read and the whole list made %d calls, want 1", n)
	}
	if _, err := client.RevokeAccess(ctx, scopeName(0), consumers[1]); err != nil {
		t.Fatal(err)
	}
	grants, err := client.ScopeGrants(ctx, scopeName(0))
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range grants {
		if g.ConsumerOrgno == consumers[1] && g.State != "DENIED" {
			t.Errorf("the list after a revoke shows %+v", g)
		}
	}
	if n := srv.RequestCount("GET /scopes/access"); n != 2 {
		t.Errorf("the list after a write made %d calls in all, want 2", n)
	}
}
