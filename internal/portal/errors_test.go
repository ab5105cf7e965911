package portal

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"testing"
)

func TestAPIErrorFromPortalBody(t *testing.T) {
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(400)
		w.Write([]byte(`{"status":400,"timestamp":"2025-07-02T08:30:00.000Z","correlation_id":"b496e785cbd430eee802c1eaafa76f46",
 "errors":[{"errorMessage":"description must be set","isFieldError":true,"objectName":"Scope","fieldIdentifier":"description"}],
 "error":"description must be set","error_description":"description must be set"}`))
	})
	_, err := c.UpdateScope(context.Background(), "digdir:a", Scope{})
	var ae *APIError
	if !errors.As(err, &ae) {
		t.Fatalf("err = %v", err)
	}
	if ae.Method != "PUT" || ae.Path != "/scopes" || ae.StatusCode != 400 || ae.CorrelationID != "b496e785cbd430eee802c1eaafa76f46" ||
		ae.Message != "description must be set" {
		t.Errorf("APIError = %#v", ae)
	}
	if len(ae.FieldErrors) != 1 || ae.FieldErrors[0] != (FieldError{Field: "description", Message: "description must be set", ObjectName: "Scope"}) {
		t.Errorf("field errors = %#v", ae.FieldErrors)
	}
	want := "PUT /scopes: 400 Bad Request: description must be set (correlation_id b496e785cbd430eee802c1eaafa76f46)"
	if ae.Error() != want {
		t.Errorf("Error() =\n%s\nwant\n%s", ae.Error(), want)
	}
}

func TestAPIErrorMessages(t *testing.T) {
	e := &APIError{Method: "PUT", Path: "/scopes/access/889640782", StatusCode: 403, Message: "forbidden", CorrelationID: "c1",
		RequiredScope: requiredScope("PUT", "/scopes/access/889640782")}
	if s := e.Error(); !strings.Contains(s, "needs token scope idporten:scopes.write") || !strings.Contains(s, "another organisation") ||
		!strings.Contains(s, "correlation_id c1") {
		t.Errorf("403: %s", s)
	}
	e = &APIError{Method: "GET", Path: "/clients", StatusCode: 401}
	if s := e.Error(); !strings.Contains(s, "access token was refused") {
		t.Errorf("401: %s", s)
	}
	e = &APIError{Method: "GET", Path: "/scopes", StatusCode: 400, Message: "bad",
		FieldErrors: []FieldError{{Field: "description", Message: "bad"}, {Field: "prefix", Message: "prefix is not yours"}}}
	if s := e.Error(); s != "GET /scopes: 400 Bad Request: bad: prefix: prefix is not yours" {
		t.Errorf("field errors: %s", s)
	}
}

func TestRequiredScopeOn403(t *testing.T) {
	cases := []struct {
		call func(c *Client) error
		want string
	}{
		{func(c *Client) error { _, err := c.ListScopes(context.Background(), false); return err }, "idporten:scopes.read"},
		{func(c *Client) error { _, err := c.CreateScope(context.Background(), Scope{}); return err }, "idporten:scopes.write"},
		{func(c *Client) error { _, err := c.GrantAccess(context.Background(), "a:b", "889640782"); return err }, "idporten:scopes.write"},
		{func(c *Client) error { _, err := c.ListIntegrations(context.Background(), true); return err }, "idporten:dcr.read"},
		{func(c *Client) error { return c.DeactivateIntegration(context.Background(), "id") }, "idporten:dcr.write"},
		{func(c *Client) error { _, err := c.GetJWKS(context.Background(), "id"); return err }, "idporten:dcr.read"},
		{func(c *Client) error { return c.DeleteJWK(context.Background(), "id", "k1") }, "idporten:dcr.write (or idporten:dcr.modify)"},
		{func(c *Client) error { _, err := c.ListOnBehalfOf(context.Background(), "id"); return err }, "idporten:dcr.read"},
		{func(c *Client) error {
			_, err := c.CreateOnBehalfOf(context.Background(), "id", OnBehalfOf{OnBehalfOf: "kunde"})
			return err
		},
			"idporten:dcr.write (or idporten:dcr.modify, or idporten:dcr/onbehalfof.write)"},
		{func(c *Client) error { return c.DeleteOnBehalfOf(context.Background(), "id", "kunde") },
			"idporten:dcr.write (or idporten:dcr.modify, or idporten:dcr/onbehalfof.write)"},
		{func(c *Client) error { _, err := c.ListPrefixes(context.Background()); return err }, "idporten:scopes.read"},
		{func(c *Client) error { _, err := c.GetOrgContacts(context.Background()); return err }, "idporten:scopes.read"},
		{func(c *Client) error { _, err := c.PutOrgContacts(context.Background(), OrgContacts{}); return err }, "idporten:scopes.write"},
	}
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) { portalError(w, 403, "no") })
	for i, tc := range cases {
		err := tc.call(c)
		var ae *APIError
		if !errors.As(err, &ae) || !IsForbidden(err) || ae.RequiredScope != tc.want {
			t.Errorf("case %d: err = %v, RequiredScope want %q", i, err, tc.want)
		}
	}
}

func TestAPIErrorFromHTMLBody(t *testing.T) {
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusBadGateway)
		w.Write([]byte("<html><head><title>502 Bad Gateway</title><script>var x='" + strings.Repeat("x", 5000) +
			"';</script></head><body><h1>Bad Gateway</h1><p>nginx</p></body></html>"))
	}, func(cfg *Config) { cfg.MaxRetries = -1 })
	_, err := c.ListScopes(context.Background(), false)
	var ae *APIError
	if !errors.As(err, &ae) || ae.StatusCode != 502 {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(ae.Message, "text/html") || !strings.Contains(ae.Message, "502 Bad Gateway") || len(ae.Message) > 300 {
		t.Errorf("message = %q", ae.Message)
	}
}

func TestExcerptIsShortAndPrintable(t *testing.T) {
	s := excerpt([]byte("<div>\x00\x1b[31mhello\n\n   world</div>" + strings.Repeat("y", 1000)))
	if strings.ContainsAny(s, "\x00\x1b\n") || len([]rune(s)) > excerptLen+1 || !strings.HasPrefix(s, "[31mhello world") {
		t.Errorf("excerpt = %q", s)
	}
}

func TestNotFoundHTMLHintsAtBaseURL(t *testing.T) {
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(404)
		w.Write([]byte("<h1>Not Found</h1>"))
	})
	_, err := c.GetScope(context.Background(), "a:b")
	if !IsNotFound(err) || !strings.Contains(err.Error(), "check the base URL") {
		t.Errorf("err = %v", err)
	}
}

func TestMerchantDataHint(t *testing.T) {
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) { portalError(w, 404, "No static resource") })
	_, err := c.GetOrgContacts(context.Background())
	if !IsNotFound(err) || !strings.Contains(err.Error(), "keep it in the web portal") {
		t.Errorf("err = %v", err)
	}
}

func TestUnreachableBaseURL(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	c, err := New(Config{BaseURL: "http://" + addr, Tokens: NewStaticTokenSource("t"), MaxRetries: 1,
		RetryWaitMin: 1e6, RetryWaitMax: 2e6})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ListScopes(context.Background(), false)
	var te *TransportError
	if !errors.As(err, &te) || te.Attempts != 2 {
		t.Fatalf("err = %#v", err)
	}
	if !strings.Contains(err.Error(), "could not reach") || !strings.Contains(err.Error(), addr) {
		t.Errorf("err = %v", err)
	}
}

func TestRedirectIsAnError(t *testing.T) {
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "https://login.example/", http.StatusFound)
	})
	_, err := c.ListScopes(context.Background(), false)
	if !hasStatus(err, 302) || !strings.Contains(err.Error(), "login.example") {
		t.Errorf("err = %v", err)
	}
}

func TestHTMLSuccessIsAnError(t *testing.T) {
	c, _ := testClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><title>Sign in</title></html>"))
	})
	_, err := c.ListScopes(context.Background(), false)
	if err == nil || !strings.Contains(err.Error(), "not JSON") || !strings.Contains(err.Error(), "Sign in") {
		t.Errorf("err = %v", err)
	}
}
