package fakeportal

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// noSecretIn fails when the answer of GET path shows a client_secret.
func noSecretIn(t *testing.T, c *apiClient, path string) {
	t.Helper()
	status, raw, _ := c.do("GET", path, nil)
	if status != http.StatusOK || strings.Contains(string(raw), "client_secret\"") {
		t.Errorf("GET %s: %d, a secret shown: %s", path, status, raw)
	}
}

// A client_secret_* client's secret is shown once, when it is made, and is
// the fake's until a rotation replaces it; the old one stops working at
// once.
func TestClientSecretShownOnceAndRotated(t *testing.T) {
	s := newTestServer(t, Options{})
	cons := s.as(t, consOrgno)
	var cl Client
	before := time.Now()
	cons.ok("POST", "/clients", loginClient("idporten", map[string]any{"client_id": "web"}), &cl)
	first := cl.ClientSecret
	if held, ok := s.ClientSecret("web"); first == "" || !ok || held != first || s.SecretsMade("web") != 1 {
		t.Fatalf("create: answered %q, the fake holds %q (%v), made %d", first, held, ok, s.SecretsMade("web"))
	}
	if made, ok := s.ClientSecretCreated("web"); !ok || made.Before(before) || made.After(time.Now()) {
		t.Errorf("created %v, %v", made, ok)
	}
	if !s.SecretWorks("web", first) || s.SecretWorks("web", first+"x") || s.SecretWorks("web", "") {
		t.Error("only the current secret works")
	}
	noSecretIn(t, cons, "/clients/web")
	noSecretIn(t, cons, "/clients")

	cons.ok("POST", "/clients/web/secret", nil, &cl)
	second := cl.ClientSecret
	if held, _ := s.ClientSecret("web"); second == "" || second == first || held != second || s.SecretsMade("web") != 2 {
		t.Fatalf("rotation: answered %q after %q, the fake holds %q, made %d", second, first, held, s.SecretsMade("web"))
	}
	if s.SecretWorks("web", first) || !s.SecretWorks("web", second) {
		t.Error("after a rotation the old secret still works, or the new one does not")
	}
	noSecretIn(t, cons, "/clients/web")

	// Another client_secret_* method keeps the secret: only how it is sent
	// changes. A PUT shows no secret it did not make.
	var put Client // fresh: a secret left out must read as none
	cons.ok("PUT", "/clients/web", loginClient("idporten", map[string]any{"token_endpoint_auth_method": "client_secret_post"}), &put)
	if held, _ := s.ClientSecret("web"); put.ClientSecret != "" || held != second || s.SecretsMade("web") != 2 {
		t.Errorf("basic to post: answered %q, holds %q, made %d", put.ClientSecret, held, s.SecretsMade("web"))
	}

	// A deactivated client's secret does not work, and cannot be renewed.
	cons.ok("DELETE", "/clients/web", nil, nil)
	if s.SecretWorks("web", second) {
		t.Error("a deactivated client's secret works")
	}
	cons.fails("POST", "/clients/web/secret", nil, http.StatusConflict)
}

// Changing the auth method away from client_secret_* removes the secret;
// changing it back makes a new one, shown in the PUT's answer once. A
// refused PUT leaves the secret alone.
func TestClientSecretFollowsAuthMethod(t *testing.T) {
	s := newTestServer(t, Options{})
	cons := s.as(t, consOrgno)
	var cl Client
	cons.ok("POST", "/clients", loginClient("idporten", map[string]any{"client_id": "web"}), &cl)
	first := cl.ClientSecret

	cons.fails("PUT", "/clients/web", loginClient("idporten", map[string]any{"token_endpoint_auth_method": "none"}), http.StatusBadRequest)
	if held, _ := s.ClientSecret("web"); held != first || !s.SecretWorks("web", first) {
		t.Error("a refused PUT changed the secret")
	}

	var keys Client // fresh: a secret left out must read as none
	cons.ok("PUT", "/clients/web", loginClient("idporten", map[string]any{"token_endpoint_auth_method": "private_key_jwt"}), &keys)
	if _, ok := s.ClientSecret("web"); ok || keys.ClientSecret != "" || s.SecretWorks("web", first) {
		t.Errorf("to private_key_jwt: the secret is still there (answered %q)", keys.ClientSecret)
	}
	if _, ok := s.ClientSecretCreated("web"); ok {
		t.Error("a removed secret has a creation time")
	}
	eb := cons.fails("POST", "/clients/web/secret", nil, http.StatusBadRequest)
	if !eb.fieldNamed("token_endpoint_auth_method") || !strings.Contains(eb.ErrorDesc, "private_key_jwt") {
		t.Errorf("a secret for a private_key_jwt client: %s", eb.ErrorDesc)
	}

	var back Client
	cons.ok("PUT", "/clients/web", loginClient("idporten", nil), &back)
	if held, _ := s.ClientSecret("web"); back.ClientSecret == "" || back.ClientSecret == first || held != back.ClientSecret || s.SecretsMade("web") != 2 {
		t.Errorf("back to client_secret_basic: answered %q, holds %q, made %d", back.ClientSecret, held, s.SecretsMade("web"))
	}
	noSecretIn(t, cons, "/clients/web")
}

// A client that authenticates without a secret gets none, and has none to
// renew.
func TestNoSecretWithoutSecretMethod(t *testing.T) {
	s := newTestServer(t, Options{})
	cons := s.as(t, consOrgno)
	var cl Client
	cons.ok("POST", "/clients", loginClient("idporten", map[string]any{"client_id": "spa", "application_type": "browser",
		"token_endpoint_auth_method": "none"}), &cl)
	if _, ok := s.ClientSecret("spa"); ok || cl.ClientSecret != "" || s.SecretsMade("spa") != 0 {
		t.Errorf("a browser client got a secret: %q", cl.ClientSecret)
	}
	if eb := cons.fails("POST", "/clients/spa/secret", nil, http.StatusBadRequest); !eb.fieldNamed("token_endpoint_auth_method") {
		t.Errorf("a secret for a browser client: %s", eb.ErrorDesc)
	}
	if _, ok := s.ClientSecret("nobody"); ok || s.SecretsMade("nobody") != 0 || s.SecretWorks("nobody", "x") {
		t.Error("a client that does not exist has a secret")
	}
}

// A secret lives at most 360 days; a rotation gives a fresh one.
func TestClientSecretLifetime(t *testing.T) {
	clock := newClock()
	s := newTestServer(t, Options{Now: clock.Now})
	var cl Client
	s.as(t, consOrgno).ok("POST", "/clients", loginClient("idporten", map[string]any{"client_id": "web"}), &cl)
	clock.Advance(360*24*time.Hour - time.Minute)
	if !s.SecretWorks("web", cl.ClientSecret) {
		t.Fatal("a secret stopped working before 360 days")
	}
	clock.Advance(time.Minute)
	if s.SecretWorks("web", cl.ClientSecret) {
		t.Fatal("a secret works after 360 days")
	}
	s.as(t, consOrgno).ok("POST", "/clients/web/secret", nil, &cl) // a token of the new day
	if !s.SecretWorks("web", cl.ClientSecret) {
		t.Error("the rotated secret does not work")
	}
	if made, _ := s.ClientSecretCreated("web"); !made.Equal(clock.Now()) {
		t.Errorf("rotated secret created %v, want %v", made, clock.Now())
	}
}
