package fakeportal

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

// A key-set answer's per-key created and exp are not promised (§11): by
// default created is the stored instant in another form, and last_updated
// is left out; KeySetAnswerBare leaves them all out; KeySetAnswerRenewed
// gives an unchanged key a new exp.
func TestKeySetAnswers(t *testing.T) {
	post := func(t *testing.T, opts Options, exp int64) (string, KeySet) {
		s := newTestServer(t, opts)
		key := validKeyJWK(provKey, "a")
		if exp != 0 {
			key["exp"] = exp
		}
		keys := []any{key}
		scopesForClients(t, s)
		cons := s.as(t, consOrgno)
		cons.ok("POST", "/clients", map[string]any{"client_id": "c1", "client_name": "n", "description": "d",
			"integration_type": "maskinporten", "scopes": []string{"prov:api"}}, nil)
		cons.answers(http.StatusCreated, "POST", "/clients/c1/jwks", map[string]any{"keys": keys}, nil)
		status, raw, _ := cons.do("POST", "/clients/c1/jwks", map[string]any{"keys": keys})
		if status != http.StatusCreated {
			t.Fatalf("POST: %d %s", status, raw)
		}
		var held KeySet
		cons.ok("GET", "/clients/c1/jwks", nil, &held)
		return string(raw), held
	}
	t.Run("varied", func(t *testing.T) {
		raw, held := post(t, Options{}, 0)
		var answer struct{ Keys []map[string]any }
		if err := json.Unmarshal([]byte(raw), &answer); err != nil || len(answer.Keys) != 1 {
			t.Fatalf("answer %s: %v", raw, err)
		}
		k := answer.Keys[0]
		if k["created"] == held.Keys[0].Created || k["created"] != otherForm(held.Keys[0].Created) || k["last_updated"] != nil {
			t.Errorf("answer key %v, held created %s", k, held.Keys[0].Created)
		}
	})
	t.Run("bare", func(t *testing.T) {
		raw, _ := post(t, Options{KeySetAnswer: KeySetAnswerBare}, 0)
		keyPart := raw[strings.Index(raw, `"keys"`):strings.Index(raw, "]")]
		if strings.Contains(keyPart, `"exp"`) || strings.Contains(keyPart, `"created"`) {
			t.Errorf("bare answer has per-key dates: %s", raw)
		}
	})
	// A key sent with its exp keeps it, but when the fake renews every key.
	sent := time.Now().Add(200 * 24 * time.Hour).Unix()
	t.Run("kept", func(t *testing.T) {
		if _, held := post(t, Options{}, sent); held.Keys[0].Exp != sent {
			t.Errorf("exp %d, sent %d", held.Keys[0].Exp, sent)
		}
	})
	t.Run("renewed", func(t *testing.T) {
		if _, held := post(t, Options{KeySetAnswer: KeySetAnswerRenewed}, sent); held.Keys[0].Exp <= sent {
			t.Errorf("exp %d, sent %d: not renewed", held.Keys[0].Exp, sent)
		}
	})
}
