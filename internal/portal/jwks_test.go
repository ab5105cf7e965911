package portal

import (
	"context"
	"net/http"
	"slices"
	"sync/atomic"
	"testing"
)

// A key-set write is done on any 2xx; when its answer is not the set (no
// body, or one without keys), the set is read back with GET.
func TestReplaceJWKSReadsTheSetBackWhenTheAnswerIsNotIt(t *testing.T) {
	for name, answer := range map[string]func(w http.ResponseWriter){
		"201, no body":     func(w http.ResponseWriter) { w.WriteHeader(http.StatusCreated) },
		"204":              func(w http.ResponseWriter) { w.WriteHeader(http.StatusNoContent) },
		"202, not the set": func(w http.ResponseWriter) { writeJSON(w, http.StatusAccepted, map[string]string{"status": "queued"}) },
	} {
		t.Run(name, func(t *testing.T) {
			var gets atomic.Int32
			c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
				switch r.Method {
				case http.MethodPost:
					answer(w)
				case http.MethodGet:
					gets.Add(1)
					writeJSON(w, 200, JWKS{Keys: []JWK{{Kid: "a", Exp: 1900000000}}, Created: "2025-07-02T08:30:00Z"})
				}
			})
			set, err := c.ReplaceJWKS(context.Background(), "abc", []JWK{{Kid: "a"}})
			if err != nil || len(set.Keys) != 1 || set.Keys[0].Exp != 1900000000 || set.Created == "" {
				t.Fatalf("ReplaceJWKS = %+v, %v; want the set read back", set, err)
			}
			if gets.Load() != 1 {
				t.Errorf("%d GETs, want 1", gets.Load())
			}
		})
	}
}

// An answer that is the set, each key with its exp and created, is taken as
// it is, 200 or 201: no GET.
func TestReplaceJWKSTakesTheSetItIsAnswered(t *testing.T) {
	for _, status := range []int{http.StatusOK, http.StatusCreated} {
		var gets atomic.Int32
		c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodGet {
				gets.Add(1)
			}
			writeJSON(w, status, JWKS{Keys: []JWK{{Kid: "a", Exp: 1, Created: "c"}, {Kid: "b", Exp: 1, Created: "c"}}})
		})
		set, err := c.ReplaceJWKS(context.Background(), "abc", []JWK{{Kid: "a"}, {Kid: "b"}})
		if err != nil || !slices.EqualFunc(set.Keys, []JWK{{Kid: "a"}, {Kid: "b"}}, func(x, y JWK) bool { return x.Kid == y.Kid }) {
			t.Errorf("%d: ReplaceJWKS = %+v, %v", status, set, err)
		}
		if gets.Load() != 0 {
			t.Errorf("%d: the set answered was read again", status)
		}
	}
}

// The key set's 404 is no keys only while the client exists: a client of
// another organisation is the 403 of its read, never "no keys".
func TestKeySet404OfAClientNotTheCallers(t *testing.T) {
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/v1/clients/abc/jwks" {
			portalError(w, http.StatusNotFound, "no keys")
			return
		}
		portalError(w, http.StatusForbidden, "client abc belongs to another organisation")
	})
	if _, err := c.GetJWKS(context.Background(), "abc"); !IsForbidden(err) {
		t.Errorf("GetJWKS = %v, want the 403", err)
	}
}

// The per-key exp and created of a key-set answer are not promised
// (portal-api.md §11): an answer whose keys lack them is read back.
func TestReplaceJWKSReadsBackKeysWithoutDates(t *testing.T) {
	var gets atomic.Int32
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			gets.Add(1)
			writeJSON(w, 200, JWKS{Keys: []JWK{{Kid: "a", Exp: 1900000000, Created: "2025-06-04T13:27:56.597Z"}}})
			return
		}
		writeJSON(w, http.StatusCreated, JWKS{Keys: []JWK{{Kid: "a"}}})
	})
	set, err := c.ReplaceJWKS(context.Background(), "abc", []JWK{{Kid: "a"}})
	if err != nil || len(set.Keys) != 1 || set.Keys[0].Exp != 1900000000 || set.Keys[0].Created == "" {
		t.Fatalf("ReplaceJWKS = %+v, %v; want the set read back", set, err)
	}
	if gets.Load() != 1 {
		t.Errorf("%d GETs, want 1", gets.Load())
	}
}
