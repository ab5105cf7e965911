package portal

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
)

// onBehalfOfServer records the requests and answers each with answer.
type onBehalfOfServer struct {
	mu       sync.Mutex
	requests []string         // "METHOD path"
	bodies   []map[string]any // the JSON bodies sent
	answer   func(w http.ResponseWriter, r *http.Request)
}

func (s *onBehalfOfServer) handle(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	var body map[string]any
	_ = json.Unmarshal(raw, &body)
	s.mu.Lock()
	s.requests = append(s.requests, r.Method+" "+r.URL.EscapedPath())
	s.bodies = append(s.bodies, body)
	s.mu.Unlock()
	s.answer(w, r)
}

var record = OnBehalfOf{OnBehalfOf: "kunde-1", Name: "Kunde", Orgno: "889640782", Description: "d",
	URI: "https://k.example.no", OrganizationName: "KONSUMENT AS", Created: "2025-07-02T08:30:00Z", LastUpdated: "2025-07-02T08:30:00Z"}

func TestOnBehalfOfCalls(t *testing.T) {
	s := &onBehalfOfServer{answer: func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodDelete:
			w.WriteHeader(http.StatusOK)
		default:
			writeJSON(w, 200, map[string]any{"id": "c 1::kunde-1", "onbehalfof": "kunde-1", "name": "Kunde",
				"orgno": "889640782", "description": "d", "uri": "https://k.example.no", "logo_uri": "",
				"organization_name": "KONSUMENT AS", "created": "2025-07-02T08:30:00Z",
				"last_updated": "2025-07-02T08:30:00Z", "unknown_field": true})
		}
	}}
	c, _ := testClient(t, s.handle)
	ctx := context.Background()

	got, err := c.GetOnBehalfOf(ctx, "c 1", "kunde-1")
	if err != nil || *got != record {
		t.Fatalf("GetOnBehalfOf = %+v, %v", got, err)
	}
	sent := record
	if _, err := c.CreateOnBehalfOf(ctx, "c 1", sent); err != nil {
		t.Fatal(err)
	}
	sent.Description = ""
	if _, err := c.UpdateOnBehalfOf(ctx, "c 1", "kunde-1", sent); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteOnBehalfOf(ctx, "c 1", "kunde-1"); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"GET /api/v1/clients/c%201/onbehalfof/kunde-1",
		"POST /api/v1/clients/c%201/onbehalfof",
		"PUT /api/v1/clients/c%201/onbehalfof/kunde-1",
		"DELETE /api/v1/clients/c%201/onbehalfof/kunde-1",
	}
	if strings.Join(s.requests, "\n") != strings.Join(want, "\n") {
		t.Fatalf("requests:\n%s\nwant:\n%s", strings.Join(s.requests, "\n"), strings.Join(want, "\n"))
	}
	// The server's timestamps are never sent; a PUT sends every field, an
	// emptied description too.
	for i, b := range s.bodies[1:3] {
		if _, ok := b["created"]; ok {
			t.Errorf("body %d sends created: %v", i, b)
		}
		if _, ok := b["last_updated"]; ok {
			t.Errorf("body %d sends last_updated: %v", i, b)
		}
		for _, f := range []string{"onbehalfof", "name", "orgno", "description", "uri", "logo_uri"} {
			if _, ok := b[f]; !ok {
				t.Errorf("body %d lacks %s: %v", i, f, b)
			}
		}
	}
	if d, _ := s.bodies[2]["description"].(string); d != "" {
		t.Errorf("PUT sends description %q, want it emptied", d)
	}
}

// An empty list answered "does not have any" is empty; a client that does
// not exist is a 404; a 403 stays a 403.
func TestListOnBehalfOf(t *testing.T) {
	for name, tc := range map[string]struct {
		answer   func(w http.ResponseWriter)
		n        int
		notFound bool
		forbid   bool
	}{
		"records":           {answer: func(w http.ResponseWriter) { writeJSON(w, 200, []OnBehalfOf{record, record}) }, n: 2},
		"[]":                {answer: func(w http.ResponseWriter) { writeJSON(w, 200, []OnBehalfOf{}) }},
		"null":              {answer: func(w http.ResponseWriter) { writeJSON(w, 200, nil) }},
		"does not have any": {answer: func(w http.ResponseWriter) { portalError(w, 404, "client x does not have any onbehalfof records") }},
		"no client":         {answer: func(w http.ResponseWriter) { portalError(w, 404, "client x does not exist") }, notFound: true},
		"another's client":  {answer: func(w http.ResponseWriter) { portalError(w, 403, "client x belongs to another organisation") }, forbid: true},
	} {
		t.Run(name, func(t *testing.T) {
			c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
				if r.Method != http.MethodGet || r.URL.Path != "/api/v1/clients/x/onbehalfof" {
					t.Errorf("request %s %s", r.Method, r.URL.Path)
				}
				tc.answer(w)
			})
			list, err := c.ListOnBehalfOf(context.Background(), "x")
			switch {
			case tc.notFound:
				if !IsNotFound(err) {
					t.Fatalf("err = %v, want a 404", err)
				}
			case tc.forbid:
				if !IsForbidden(err) {
					t.Fatalf("err = %v, want a 403", err)
				}
			case err != nil || list == nil || len(list) != tc.n:
				t.Fatalf("ListOnBehalfOf = %v (nil: %v), %v; want %d records", list, list == nil, err, tc.n)
			}
		})
	}
}

// A blank id never becomes a path: "/onbehalfof/" + "" would be the list.
func TestOnBehalfOfRefusesBlankIDs(t *testing.T) {
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("request sent: %s %s", r.Method, r.URL.Path)
	})
	ctx := context.Background()
	if _, err := c.GetOnBehalfOf(ctx, "x", ""); err == nil {
		t.Error("GetOnBehalfOf with a blank onbehalfof: no error")
	}
	if _, err := c.GetOnBehalfOf(ctx, "", "k"); err == nil {
		t.Error("GetOnBehalfOf with a blank client id: no error")
	}
	if _, err := c.CreateOnBehalfOf(ctx, "x", OnBehalfOf{Name: "n"}); err == nil {
		t.Error("CreateOnBehalfOf without onbehalfof: no error")
	}
	if err := c.DeleteOnBehalfOf(ctx, "x", " "); err == nil {
		t.Error("DeleteOnBehalfOf with a blank onbehalfof: no error")
	}
	if _, err := c.ListOnBehalfOf(ctx, ".."); err == nil {
		t.Error("ListOnBehalfOf of ..: no error")
	}
}

func TestOnBehalfOfID(t *testing.T) {
	if got := OnBehalfOfID("abc", "kunde-1"); got != "abc::kunde-1" {
		t.Errorf("OnBehalfOfID = %q", got)
	}
}

// Against the fake, over the real wire contract: a client without records
// lists none (the fake answers "does not have any"), a record made is read
// back as sent, with the portal's fields, a create sent twice is a 409, an
// update replaces, and a deleted record is a 404.
func TestOnBehalfOfAgainstTheFake(t *testing.T) {
	const owner, customer = "310000019", "310000027"
	ownerOrg, _ := fakeportal.NewOrg(owner, "LEVERANDØR AS")
	customerOrg, _ := fakeportal.NewOrg(customer, "KUNDE AS")
	srv := fakeportal.NewServer(t, ownerOrg, customerOrg)
	srv.Edit(func(st *fakeportal.State) {
		st.Clients["krr-1"] = &fakeportal.Client{ClientID: "krr-1", ClientName: "k", Description: "d", ClientOrgno: owner,
			IntegrationType: "krr", Active: true}
	})
	c, err := New(Config{BaseURL: srv.BaseURL, Tokens: NewStaticTokenSource(srv.IssueToken(owner)), MaxRetries: -1})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	list, err := c.ListOnBehalfOf(ctx, "krr-1")
	if err != nil || list == nil || len(list) != 0 {
		t.Fatalf("ListOnBehalfOf of a client without records = %v, %v; want an empty list", list, err)
	}
	if _, err := c.ListOnBehalfOf(ctx, "nope"); !IsNotFound(err) {
		t.Fatalf("ListOnBehalfOf of a client that does not exist: %v, want a 404", err)
	}
	in := OnBehalfOf{OnBehalfOf: "kunde-1", Name: "Kunde", Orgno: customer, Description: "d", URI: "https://k.example.no"}
	made, err := c.CreateOnBehalfOf(ctx, "krr-1", in)
	if err != nil || made.Name != "Kunde" || made.OrganizationName != "KUNDE AS" || made.Created == "" || made.LastUpdated == "" {
		t.Fatalf("CreateOnBehalfOf = %+v, %v", made, err)
	}
	if _, err := c.CreateOnBehalfOf(ctx, "krr-1", in); !IsConflict(err) {
		t.Fatalf("a second create: %v, want a 409", err)
	}
	got, err := c.GetOnBehalfOf(ctx, "krr-1", "kunde-1")
	if err != nil || *got != *made {
		t.Fatalf("GetOnBehalfOf = %+v, %v; want %+v", got, err, made)
	}
	in.Description, in.Name = "", "Kunde AS"
	changed, err := c.UpdateOnBehalfOf(ctx, "krr-1", "kunde-1", in)
	if err != nil || changed.Name != "Kunde AS" || changed.Description != "" || changed.URI != in.URI || changed.Created != made.Created {
		t.Fatalf("UpdateOnBehalfOf = %+v, %v", changed, err)
	}
	if list, err = c.ListOnBehalfOf(ctx, "krr-1"); err != nil || len(list) != 1 || list[0] != *changed {
		t.Fatalf("ListOnBehalfOf = %+v, %v", list, err)
	}
	if err := c.DeleteOnBehalfOf(ctx, "krr-1", "kunde-1"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetOnBehalfOf(ctx, "krr-1", "kunde-1"); !IsNotFound(err) {
		t.Fatalf("GetOnBehalfOf after delete: %v, want a 404", err)
	}
}
