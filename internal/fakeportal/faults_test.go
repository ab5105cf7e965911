package fakeportal

import (
	"net/http"
	"sync"
	"testing"
	"time"
)

func TestFaults(t *testing.T) {
	s := newTestServer(t, Options{})
	c := s.as(t, provOrgno)

	t.Run("status with Retry-After, Times", func(t *testing.T) {
		s.InjectFault(Fault{Method: "GET", Route: "/scopes", Status: 429, RetryAfter: "2", Times: 2})
		for range 2 {
			status, raw, hdr := c.do("GET", "/scopes", nil)
			if status != 429 || hdr.Get("Retry-After") != "2" {
				t.Fatalf("fault: %d %v", status, hdr)
			}
			checkErrorBody(t, 429, raw, hdr)
		}
		c.ok("GET", "/scopes", nil, nil) // used up
	})
	t.Run("only the matching method and route", func(t *testing.T) {
		s.InjectFault(Fault{Method: "POST", Route: "/scopes", Status: 503})
		c.ok("GET", "/scopes", nil, nil)
		c.ok("GET", "/clients", nil, nil)
		c.fails("POST", "/scopes", map[string]any{"prefix": "prov", "subscope": "f0", "description": "d"}, 503)
		c.ok("POST", "/scopes", map[string]any{"prefix": "prov", "subscope": "f0", "description": "d"}, nil)
	})
	t.Run("a status fault answers before doing anything", func(t *testing.T) {
		s.InjectFault(Fault{Route: "/scopes", Status: 500})
		c.fails("POST", "/scopes", map[string]any{"prefix": "prov", "subscope": "f1", "description": "d"}, 500)
		c.fails("GET", "/scopes/scope?scope=prov:f1", nil, http.StatusNotFound)
	})
	t.Run("AfterWrite performs the write", func(t *testing.T) {
		s.InjectFault(Fault{Method: "POST", Route: "/clients", Status: 502, AfterWrite: true})
		c.fails("POST", "/clients", map[string]any{"client_id": "aw", "client_name": "n", "description": "d",
			"integration_type": "krr", "scopes": KRRGlobalScopes}, 502)
		c.ok("GET", "/clients/aw", nil, nil)
		c.fails("POST", "/clients", map[string]any{"client_id": "aw", "client_name": "n", "description": "d",
			"integration_type": "krr", "scopes": KRRGlobalScopes}, http.StatusConflict)
	})
	t.Run("Drop", func(t *testing.T) {
		s.InjectFault(Fault{Route: "/scopes", Drop: true})
		req, _ := http.NewRequest("GET", s.BaseURL+"/scopes", nil)
		req.Header.Set("Authorization", "Bearer "+c.token)
		// A fresh connection: Go's transport silently retries an idempotent
		// request that was dropped on a reused connection.
		fresh := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
		resp, err := fresh.Do(req)
		if err == nil {
			resp.Body.Close()
			t.Fatalf("dropped connection answered %d", resp.StatusCode)
		}
		c.ok("GET", "/scopes", nil, nil)
	})
	t.Run("Latency", func(t *testing.T) {
		s.InjectFault(Fault{Route: "/scopes", Latency: 150 * time.Millisecond})
		start := time.Now()
		c.ok("GET", "/scopes", nil, nil)
		if d := time.Since(start); d < 150*time.Millisecond {
			t.Fatalf("latency fault took %s", d)
		}
		start = time.Now()
		c.ok("GET", "/scopes", nil, nil)
		if d := time.Since(start); d > 140*time.Millisecond {
			t.Fatalf("latency stayed: %s", d)
		}
	})
	t.Run("token endpoint", func(t *testing.T) {
		s.InjectFault(Fault{Route: "/token", Status: 503, RetryAfter: "1"})
		status, _ := postToken(t, s, "grant_type=x")
		if status != 503 {
			t.Fatalf("token fault: %d", status)
		}
	})
	t.Run("ClearFaults", func(t *testing.T) {
		s.InjectFault(Fault{Status: 500, Times: 100})
		s.ClearFaults()
		c.ok("GET", "/scopes", nil, nil)
	})
}

func TestRequestCounts(t *testing.T) {
	s := newTestServer(t, Options{})
	c := s.as(t, provOrgno)
	c.ok("GET", "/scopes", nil, nil)
	s.ResetRequestCounts()
	c.ok("POST", "/scopes", map[string]any{"prefix": "prov", "subscope": "a/b", "description": "d"}, nil)
	c.ok("GET", "/scopes/scope?scope=prov:a/b", nil, nil)
	c.ok("GET", "/scopes/scope?scope=prov%3Aa%2Fb", nil, nil)
	c.ok("PUT", "/scopes/access/"+consOrgno+"?scope=prov:a/b", nil, nil)
	c.fails("GET", "/scopes/access/all", nil, http.StatusNotFound) // nothing granted to it: "does not have any"
	s.InjectFault(Fault{Status: 500})
	c.fails("GET", "/clients/x", nil, 500) // faulted requests count too
	c.fails("GET", "/clients/x", nil, http.StatusNotFound)
	c.fails("PUT", "/clients/x/jwks/k", map[string]any{}, http.StatusNotFound)
	postToken(t, s, "grant_type=x")
	(&apiClient{t: t, s: s}).ok("GET", "/prefix/all", nil, nil)

	want := map[string]int{
		"POST /scopes":                 1,
		"GET /scopes/scope":            2,
		"PUT /scopes/access/{orgno}":   1,
		"GET /scopes/access/all":       1,
		"GET /clients/{id}":            2,
		"PUT /clients/{id}/jwks/{kid}": 1,
		"POST /token":                  1,
		"GET /prefix/all":              1,
	}
	got := s.RequestCounts()
	if len(got) != len(want) {
		t.Errorf("counts %v, want %v", got, want)
	}
	for k, n := range want {
		if s.RequestCount(k) != n || got[k] != n {
			t.Errorf("%s: %d, want %d", k, s.RequestCount(k), n)
		}
	}
	s.ResetRequestCounts()
	if len(s.RequestCounts()) != 0 || s.RequestCount("POST /scopes") != 0 {
		t.Error("reset did not reset")
	}
}

// TestConcurrentRequests is for -race: many organisations' clients at once.
func TestConcurrentRequests(t *testing.T) {
	s := newTestServer(t, Options{})
	prov := s.as(t, provOrgno)
	prov.ok("POST", "/scopes", map[string]any{"prefix": "prov", "subscope": "shared", "description": "d"}, nil)
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sub := "c" + string(rune('a'+i))
			prov.ok("POST", "/scopes", map[string]any{"prefix": "prov", "subscope": sub, "description": "d"}, nil)
			prov.ok("PUT", "/scopes?scope=prov:"+sub, map[string]any{"description": "e", "active": true}, nil)
			prov.ok("PUT", "/scopes/access/"+consOrgno+"?scope=prov:shared", nil, nil)
			prov.ok("GET", "/scopes", nil, nil)
			cons := s.as(t, consOrgno)
			cons.ok("POST", "/clients", map[string]any{"client_name": "n", "description": "d",
				"integration_type": "maskinporten", "scopes": []string{"prov:shared"}}, nil)
			cons.ok("GET", "/clients", nil, nil)
			s.Edit(func(st *State) { _ = len(st.Clients) })
			_ = s.RequestCounts()
		}()
	}
	wg.Wait()
	var list []Client
	s.as(t, consOrgno).ok("GET", "/clients", nil, &list)
	if len(list) != 16 {
		t.Fatalf("%d clients, want 16", len(list))
	}
	if n := s.RequestCount("POST /scopes"); n != 17 {
		t.Errorf("POST /scopes counted %d, want 17", n)
	}
}
