package fakeportal

import (
	"fmt"
	"regexp"
	"testing"
	"time"
)

// The forms of portal-api.md §3, by what they look like.
var formPatterns = map[string]*regexp.Regexp{
	"milliseconds Z":      regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`),
	"microseconds Z":      regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$`),
	"no fraction":         regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$`),
	"milliseconds offset": regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$`),
}

func formOf(t *testing.T, ts string) string {
	t.Helper()
	for name, re := range formPatterns {
		if re.MatchString(ts) {
			return name
		}
	}
	t.Fatalf("timestamp %q is in none of the real API's forms", ts)
	return ""
}

// mustParseRFC3339 parses ts as RFC 3339, as a client must.
func mustParseRFC3339(t *testing.T, ts string) time.Time {
	t.Helper()
	p, err := time.Parse(time.RFC3339, ts)
	if err != nil {
		t.Fatalf("timestamp %q is not RFC 3339: %v", ts, err)
	}
	return p
}

// createdStamps makes n scopes and returns their created timestamps.
func createdStamps(t *testing.T, s *Server, n int) []string {
	t.Helper()
	c := s.as(t, provOrgno)
	var out []string
	for i := range n {
		var sc Scope
		c.ok("POST", "/scopes", map[string]any{"prefix": "prov", "subscope": fmt.Sprintf("s%d", i), "description": "d"}, &sc)
		if sc.Created != sc.LastUpdated {
			t.Fatalf("a new scope's created %q and last_updated %q differ", sc.Created, sc.LastUpdated)
		}
		out = append(out, sc.Created)
	}
	return out
}

func TestTimestampSeedVariesTheForm(t *testing.T) {
	s := newTestServer(t, Options{TimestampSeed: 42})
	forms := map[string]int{}
	for _, ts := range createdStamps(t, s, 40) {
		mustParseRFC3339(t, ts)
		forms[formOf(t, ts)]++
	}
	if len(forms) != len(formPatterns) {
		t.Errorf("40 new objects came in the forms %v, want all %d", forms, len(formPatterns))
	}
	// Other objects than scopes get them too.
	forms = map[string]int{}
	for i := range 12 {
		var g Grant
		s.as(t, provOrgno).ok("PUT", fmt.Sprintf("/scopes/access/%s?scope=prov:s%d", consOrgno, i), nil, &g)
		mustParseRFC3339(t, g.Created)
		forms[formOf(t, g.Created)]++
	}
	if len(forms) < 2 {
		t.Errorf("12 grants came in the forms %v", forms)
	}
}

func TestTimestampSeedReplays(t *testing.T) {
	clock := newClock() // one frozen instant for both fakes: only the form differs
	a := createdStamps(t, newTestServer(t, Options{TimestampSeed: 7, Now: clock.Now}), 12)
	b := createdStamps(t, newTestServer(t, Options{TimestampSeed: 7, Now: clock.Now}), 12)
	c := createdStamps(t, newTestServer(t, Options{TimestampSeed: 8, Now: clock.Now}), 12)
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Errorf("one seed, two runs:\n%v\n%v", a, b)
	}
	if fmt.Sprint(a) == fmt.Sprint(c) {
		t.Errorf("seeds 7 and 8 gave the same forms: %v", a)
	}
}

// Without a seed the fake writes today's one form, milliseconds and the
// clock's offset.
func TestTimestampDefaultForm(t *testing.T) {
	plus2 := time.FixedZone("", 2*60*60)
	at := time.Date(2025, 7, 2, 8, 30, 0, 597_600_000, plus2)
	s := newTestServer(t, Options{Now: func() time.Time { return at }})
	for _, ts := range createdStamps(t, s, 3) {
		if ts != "2025-07-02T08:30:00.597+02:00" {
			t.Errorf("default timestamp %q", ts)
		}
	}
}

// touch moves last_updated forward on every write, whatever the forms of the
// old and the new value, even when the clock stands still.
func TestTouchMovesForwardAcrossForms(t *testing.T) {
	clock := newClock()
	s := newTestServer(t, Options{TimestampSeed: 3, Now: clock.Now})
	c := s.as(t, provOrgno)
	var sc Scope
	c.ok("POST", "/scopes", map[string]any{"prefix": "prov", "subscope": "api", "description": "d"}, &sc)
	prev := mustParseRFC3339(t, sc.LastUpdated)
	forms := map[string]bool{}
	for i := range 40 {
		if i%10 == 9 {
			clock.Advance(1500 * time.Microsecond) // sometimes the clock moves, less than a second
		}
		c.ok("PUT", "/scopes?scope=prov:api", map[string]any{"description": fmt.Sprint("d", i), "active": true}, &sc)
		forms[formOf(t, sc.LastUpdated)] = true
		next := mustParseRFC3339(t, sc.LastUpdated)
		if !next.After(prev) {
			t.Fatalf("write %d: last_updated %s is not after %s", i, sc.LastUpdated, prev.Format(time.RFC3339Nano))
		}
		prev = next
	}
	if len(forms) < 3 {
		t.Errorf("the writes came in %d forms only", len(forms))
	}

	// Every pair of forms, directly: a previous value in a finer or coarser
	// form than the new one, at or after the clock.
	f := New(Options{SigningKey: signKeyA, TimestampSeed: 11, Now: clock.Now})
	now := clock.Now()
	for _, prevForm := range append(realForms, defaultForm) {
		for _, ahead := range []time.Duration{0, 999 * time.Microsecond, 1500 * time.Millisecond} {
			prevStamp := prevForm.format(now.Add(ahead))
			p := mustParseRFC3339(t, prevStamp)
			for range 20 {
				got := f.touch(prevStamp)
				if !mustParseRFC3339(t, got).After(p) {
					t.Errorf("touch(%q) = %q, not later", prevStamp, got)
				}
			}
		}
	}
}

func TestOsloOffset(t *testing.T) {
	for _, c := range []struct {
		at   string
		want string
	}{
		{"2021-01-13T09:53:56Z", "+01:00"},
		{"2025-03-30T00:59:59Z", "+01:00"}, // the last Sunday of March, before 01:00 UTC
		{"2025-03-30T01:00:00Z", "+02:00"},
		{"2025-07-02T06:30:00Z", "+02:00"},
		{"2025-10-26T00:59:59Z", "+02:00"},
		{"2025-10-26T01:00:00Z", "+01:00"},
	} {
		at, _ := time.Parse(time.RFC3339, c.at)
		if got := at.In(oslo(at)).Format("-07:00"); got != c.want {
			t.Errorf("%s: offset %s, want %s", c.at, got, c.want)
		}
	}
}
