package portal_test

import (
	"context"
	"errors"
	"testing"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
	"github.com/platform-iac/terraform-provider-krr/internal/portal"
)

const (
	listOwner    = "310000019" // has the prefix "ls"
	listConsumer = "310000027" // has no prefix
)

// listPortal is a fake with an owner of one scope, granted to nobody, and a
// consumer with nothing; and a client of the API for each.
func listPortal(t *testing.T) (srv *fakeportal.Server, owner, consumer *portal.Client) {
	t.Helper()
	ownerOrg, _ := fakeportal.NewOrg(listOwner, "EIER AS", "ls")
	consumerOrg, _ := fakeportal.NewOrg(listConsumer, "KONSUMENT AS")
	srv = fakeportal.NewServer(t, ownerOrg, consumerOrg)
	srv.Edit(func(st *fakeportal.State) {
		st.Scopes["ls:lonely"] = &fakeportal.Scope{Name: "ls:lonely", Prefix: "ls", Subscope: "lonely", Description: "d",
			Active: true, OwnerOrgno: listOwner, TokenType: "SELF_CONTAINED", Visibility: "PUBLIC",
			AllowedIntegrationTypes: []string{}}
	})
	client := func(orgno string) *portal.Client {
		c, err := portal.New(portal.Config{BaseURL: srv.BaseURL,
			Tokens: portal.NewStaticTokenSource(srv.IssueToken(orgno)), MaxRetries: -1})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	return srv, client(listOwner), client(listConsumer)
}

// Every list the fake answers "does not have any" for, as the real portal
// may, reads as an empty list, not an error.
func TestEmptyListsFromTheFake(t *testing.T) {
	srv, owner, consumer := listPortal(t)
	ctx := context.Background()
	lists := map[string]func() (int, error){
		"grants of a scope": func() (int, error) {
			l, err := owner.ListScopeAccess(ctx, "ls:lonely")
			return len(l), err
		},
		"grants of a scope, shared": func() (int, error) {
			shared, err := portal.New(portal.Config{BaseURL: srv.BaseURL, ShareReads: true,
				Tokens: portal.NewStaticTokenSource(srv.IssueToken(listOwner))})
			if err != nil {
				return 0, err
			}
			l, err := shared.ScopeGrants(ctx, "ls:lonely")
			return len(l), err
		},
		"grants to one consumer": func() (int, error) {
			l, err := owner.ListAccessForConsumer(ctx, listConsumer)
			return len(l), err
		},
		"grants given to the caller": func() (int, error) {
			l, err := consumer.ListAccessGrantedToMe(ctx)
			return len(l), err
		},
		"the caller's prefixes": func() (int, error) {
			l, err := consumer.ListPrefixes(ctx)
			return len(l), err
		},
		"the catalogue, by a prefix with no scopes": func() (int, error) {
			l, err := consumer.ListPublicScopes(ctx, portal.PublicScopeFilter{Prefix: "nobody"})
			return len(l), err
		},
		"the catalogue, by an integration type no scope allows": func() (int, error) {
			l, err := consumer.ListPublicScopes(ctx, portal.PublicScopeFilter{Prefix: "ls", IntegrationType: "ANSATTPORTEN",
				DelegatedSources: new(true)})
			return len(l), err
		},
	}
	for name, list := range lists {
		if n, err := list(); err != nil || n != 0 {
			t.Errorf("%s: %d, %v; want an empty list", name, n, err)
		}
	}
	// One grant that does not exist is still "not found".
	if _, err := owner.GetScopeAccess(ctx, "ls:lonely", listConsumer); !portal.IsNotFound(err) {
		t.Errorf("GetScopeAccess of no grant = %v, want not found", err)
	}
	// And a scope that does not exist is not an empty list.
	if _, err := owner.ListScopeAccess(ctx, "ls:none"); !portal.IsNotFound(err) {
		t.Errorf("ListScopeAccess of no scope = %v, want not found", err)
	}
	var ae *portal.APIError
	if _, err := consumer.ListScopeAccess(ctx, "ls:lonely"); !errors.As(err, &ae) || !portal.IsForbidden(err) {
		t.Errorf("another organisation's scope = %v, want 403", err)
	}
}
