package portal

import "testing"

func TestNormalizeBaseURL(t *testing.T) {
	want := "https://api.test.samarbeid.digdir.no/api/v1"
	for _, in := range []string{
		"https://api.test.samarbeid.digdir.no",
		"https://api.test.samarbeid.digdir.no/",
		"https://api.test.samarbeid.digdir.no/api/v1",
		"https://api.test.samarbeid.digdir.no/api/v1/",
		"https://api.test.samarbeid.digdir.no/api/v1//",
		"https://api.test.samarbeid.digdir.no/api",
		"  https://api.test.samarbeid.digdir.no/api/v1  ",
	} {
		got, err := NormalizeBaseURL(in)
		if err != nil || got != want {
			t.Errorf("NormalizeBaseURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if got, err := NormalizeBaseURL("http://127.0.0.1:8080/portal"); err != nil || got != "http://127.0.0.1:8080/portal/api/v1" {
		t.Errorf("sub path: %q, %v", got, err)
	}
	for _, bad := range []string{"", "api.test.samarbeid.digdir.no", "ftp://x/", "https://", "https://x/?a=b", "https://u:p@x/"} {
		if _, err := NormalizeBaseURL(bad); err == nil {
			t.Errorf("NormalizeBaseURL(%q) gave no error", bad)
		}
	}
}

func TestEnvironments(t *testing.T) {
	for name, env := range Environments {
		if got, _ := NormalizeBaseURL(env.BaseURL); got != env.BaseURL {
			t.Errorf("%s: base %q is not normalised", name, env.BaseURL)
		}
		if env.Audience[len(env.Audience)-1] != '/' {
			t.Errorf("%s: audience %q lacks the trailing slash", name, env.Audience)
		}
	}
	if Environments["prod"].TokenEndpoint != "https://maskinporten.no/token" {
		t.Error("prod token endpoint")
	}
}
