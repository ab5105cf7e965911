package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
	pkcs12 "software.sslmate.com/src/go-pkcs12"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
)

// mod11 is portal-api.md §9's check, written out again so the seeded numbers
// are checked independently of the fake.
func mod11(s string) bool {
	if len(s) != 9 {
		return false
	}
	w := []int{3, 2, 7, 6, 5, 4, 3, 2}
	sum := 0
	for i := range 8 {
		sum += int(s[i]-'0') * w[i]
	}
	r := sum % 11
	if r == 1 {
		return false
	}
	want := 0
	if r != 0 {
		want = 11 - r
	}
	return int(s[8]-'0') == want
}

func TestSeededNumbersAreValid(t *testing.T) {
	for _, n := range []string{providerOrgno, consumerOrgno, otherOrgno} {
		if !mod11(n) {
			t.Errorf("%s fails the mod-11 check", n)
		}
	}
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startRun runs the standalone fake as main does, with an env file at
// envPath and the given flags, and waits for the env file. stop ends the
// run and answers what run returned.
func startRun(t *testing.T, envPath string, args ...string) (env map[string]string, logs *lockedBuffer, stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	logs = &lockedBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, append([]string{"-env-file", envPath}, args...), logs) }()
	env = waitForEnv(t, envPath, done)
	stop = func() error {
		t.Helper()
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(10 * time.Second):
			t.Fatal("run did not stop")
			return nil
		}
	}
	return env, logs, stop
}

func TestRunWritesEnvFileAndServes(t *testing.T) {
	dir := t.TempDir()
	envPath := filepath.Join(dir, "fakeportal.env")
	env, logs, stop := startRun(t, envPath, "-listen", "127.0.0.1:0")
	for _, name := range []string{"KRR_BASE_URL", "KRR_TOKEN_ENDPOINT", "KRR_AUDIENCE", "KRR_CLIENT_ID", "KRR_KEY_ID",
		"KRR_PRIVATE_KEY_FILE", "FAKEPORTAL_PROVIDER_ORGNO", "FAKEPORTAL_PROVIDER_PREFIX", "FAKEPORTAL_PROVIDER_TOKEN",
		"FAKEPORTAL_CONSUMER_ORGNO", "FAKEPORTAL_CONSUMER_TOKEN", "FAKEPORTAL_OTHER_ORGNO",
		"FAKEPORTAL_CERTIFICATE_CLIENT_ID", "FAKEPORTAL_CERTIFICATE_FILE", "FAKEPORTAL_CERTIFICATE_PASSWORD"} {
		if env[name] == "" {
			t.Errorf("%s missing from the env file", name)
		}
	}
	base := env["KRR_BASE_URL"]
	if !strings.HasPrefix(base, "http://127.0.0.1:") || !strings.HasSuffix(base, "/api/v1") ||
		env["KRR_AUDIENCE"] != strings.TrimSuffix(base, "api/v1") || env["KRR_TOKEN_ENDPOINT"] != strings.TrimSuffix(base, "/api/v1")+"/token" {
		t.Fatalf("URLs: %v", env)
	}
	for _, p := range []string{envPath, env["KRR_PRIVATE_KEY_FILE"], env["FAKEPORTAL_CERTIFICATE_FILE"]} {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, %v", p, fi.Mode(), err)
		}
	}
	for _, p := range []string{env["KRR_PRIVATE_KEY_FILE"], env["FAKEPORTAL_CERTIFICATE_FILE"]} {
		if !filepath.IsAbs(p) || filepath.Dir(p) != dir {
			t.Errorf("%s is not an absolute path beside the env file", p)
		}
	}
	// The certificate's variables must not make the provider see two
	// credentials; a comment says how to switch to the certificate.
	for name := range env {
		if strings.HasPrefix(name, "KRR_CERTIFICATE") {
			t.Errorf("%s is set beside KRR_PRIVATE_KEY_FILE", name)
		}
	}
	raw, _ := os.ReadFile(envPath)
	if !regexp.MustCompile(`(?m)^# .*export .*KRR_CLIENT_ID="\$FAKEPORTAL_CERTIFICATE_CLIENT_ID".*KRR_CERTIFICATE_FILE="\$FAKEPORTAL_CERTIFICATE_FILE".*` +
		`KRR_CERTIFICATE_PASSWORD="\$FAKEPORTAL_CERTIFICATE_PASSWORD".*; unset KRR_PRIVATE_KEY_FILE KRR_KEY_ID$`).Match(raw) {
		t.Errorf("no comment on using the certificate:\n%s", raw)
	}

	// The admin client's key gets a token at the token endpoint.
	key := readKey(t, env["KRR_PRIVATE_KEY_FILE"])
	assertion := signGrant(t, env, env["KRR_CLIENT_ID"], jose.JSONWebKey{Key: key, KeyID: env["KRR_KEY_ID"]}, nil)
	status, tok := postGrant(t, env, assertion)
	if status != 200 || tok.AccessToken == "" {
		t.Fatalf("token endpoint: %d %+v", status, tok)
	}

	get := func(path, token string) (int, string) {
		req, _ := http.NewRequest("GET", base+path, nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		raw, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(raw)
	}
	if status, body := get("/prefix", tok.AccessToken); status != 200 || !strings.Contains(body, `"prefix":"demo"`) {
		t.Errorf("provider's /prefix: %d %s", status, body)
	}
	// The business certificate, read from the PKCS#12 file with its
	// password, signs a grant with x5c and no kid for the certificate's
	// admin client, which acts for the provider organisation too.
	p12, err := os.ReadFile(env["FAKEPORTAL_CERTIFICATE_FILE"])
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := pkcs12.DecodeChain(p12, "not-the-password"); err == nil {
		t.Error("the PKCS#12 file opens without its password")
	}
	certKey, cert, _, err := pkcs12.DecodeChain(p12, env["FAKEPORTAL_CERTIFICATE_PASSWORD"])
	if err != nil {
		t.Fatalf("reading the PKCS#12 file: %v", err)
	}
	if cert.Subject.SerialNumber != providerOrgno {
		t.Errorf("certificate subject %v", cert.Subject)
	}
	x5c := []string{base64.StdEncoding.EncodeToString(cert.Raw)}
	status, certTok := postGrant(t, env, signGrant(t, env, env["FAKEPORTAL_CERTIFICATE_CLIENT_ID"], certKey, x5c))
	if status != 200 || certTok.AccessToken == "" {
		t.Fatalf("certificate grant: %d %+v", status, certTok)
	}
	if status, body := get("/prefix", certTok.AccessToken); status != 200 || !strings.Contains(body, `"prefix":"demo"`) {
		t.Errorf("/prefix with the certificate's token: %d %s", status, body)
	}
	// Maskinporten refuses a certificate from the client with the key.
	if status, ans := postGrant(t, env, signGrant(t, env, env["KRR_CLIENT_ID"], certKey, x5c)); status != 400 ||
		!strings.Contains(ans.ErrorDescription, "registered keys") {
		t.Errorf("certificate grant for the key's client: %d %+v", status, ans)
	}

	if status, body := get("/prefix", env["FAKEPORTAL_PROVIDER_TOKEN"]); status != 200 || !strings.Contains(body, providerOrgno) {
		t.Errorf("provider token: %d %s", status, body)
	}
	if status, body := get("/prefix", env["FAKEPORTAL_CONSUMER_TOKEN"]); status != 404 || !strings.Contains(body, "does not have any") {
		t.Errorf("consumer's /prefix: %d %s", status, body)
	}
	for _, n := range []string{env["FAKEPORTAL_PROVIDER_ORGNO"], env["FAKEPORTAL_CONSUMER_ORGNO"], env["FAKEPORTAL_OTHER_ORGNO"]} {
		if status, body := get("/organizations/"+n, ""); status != 200 {
			t.Errorf("organization %s: %d %s", n, status, body)
		}
	}

	if err := stop(); err != nil {
		t.Fatalf("run: %v", err)
	}
	out := logs.String()
	if !strings.Contains(out, "GET /prefix 200") || !strings.Contains(out, "POST /token 200") ||
		!regexp.MustCompile(`timestamp seed [1-9][0-9]*`).MatchString(out) {
		t.Errorf("request log: %s", out)
	}
	for _, secret := range []string{tok.AccessToken, certTok.AccessToken, env["FAKEPORTAL_PROVIDER_TOKEN"], assertion,
		env["FAKEPORTAL_CERTIFICATE_PASSWORD"]} {
		if strings.Contains(out, secret) {
			t.Error("a token was logged")
		}
	}
}

func TestRunNeedsEnvFile(t *testing.T) {
	if err := run(context.Background(), nil, io.Discard); err == nil || !strings.Contains(err.Error(), "-env-file") {
		t.Fatalf("run without -env-file: %v", err)
	}
}

// waitForEnv waits for run to write the env file and reads it the way a
// shell would.
func waitForEnv(t *testing.T, path string, done <-chan error) map[string]string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		f, err := os.Open(path)
		if err == nil {
			defer f.Close()
			env := map[string]string{}
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				line := sc.Text()
				if strings.HasPrefix(line, "#") || line == "" {
					continue
				}
				name, value, ok := strings.Cut(strings.TrimPrefix(line, "export "), "=")
				if !ok || !strings.HasPrefix(value, "'") || !strings.HasSuffix(value, "'") {
					t.Fatalf("bad line %q", line)
				}
				env[name] = strings.ReplaceAll(value[1:len(value)-1], `'\''`, "'")
			}
			return env
		}
		select {
		case err := <-done:
			t.Fatalf("run stopped early: %v", err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatal("no env file")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// signGrant signs a JWT grant for clientID with key: a jose.JSONWebKey
// with a kid, or a bare key sent with the certificate chain x5c.
func signGrant(t *testing.T, env map[string]string, clientID string, key any, x5c []string) string {
	t.Helper()
	opts := &jose.SignerOptions{}
	if x5c != nil {
		opts = opts.WithHeader("x5c", x5c)
	}
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: key}, opts)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	assertion, err := jwt.Signed(signer).Claims(map[string]any{"iss": clientID, "aud": env["KRR_AUDIENCE"],
		"scope": "idporten:scopes.read idporten:scopes.write", "iat": now.Unix(), "exp": now.Add(100 * time.Second).Unix(),
		"jti": rand.Text()}).Serialize()
	if err != nil {
		t.Fatal(err)
	}
	return assertion
}

type tokenAnswer struct {
	AccessToken      string `json:"access_token"`
	ErrorDescription string `json:"error_description"`
}

// postGrant sends a grant to the token endpoint.
func postGrant(t *testing.T, env map[string]string, assertion string) (int, tokenAnswer) {
	t.Helper()
	resp, err := http.PostForm(env["KRR_TOKEN_ENDPOINT"], url.Values{"grant_type": {"urn:ietf:params:oauth:grant-type:jwt-bearer"},
		"assertion": {assertion}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var ans tokenAnswer
	if err := json.NewDecoder(resp.Body).Decode(&ans); err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, ans
}

func readKey(t *testing.T, path string) *rsa.PrivateKey {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(raw)
	if block == nil || block.Type != "PRIVATE KEY" {
		t.Fatalf("key file is not PKCS#8 PEM")
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return k.(*rsa.PrivateKey)
}

func TestShellQuote(t *testing.T) {
	if got := shellQuote("a'b"); got != `'a'\''b'` {
		t.Errorf("shellQuote: %s", got)
	}
}

// For make bench-plan: -latency holds every request, -quiet logs none, and
// the request counts can be read and reset between commands.
func TestRunLatencyAndRequestCounts(t *testing.T) {
	env, logs, stop := startRun(t, filepath.Join(t.TempDir(), "fakeportal.env"), "-listen", "127.0.0.1:0", "-latency", "150ms", "-quiet")
	root := strings.TrimSuffix(env["KRR_BASE_URL"], "/api/v1")

	start := time.Now()
	resp, err := http.Get(root + "/api/v1/prefix/all")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if e := time.Since(start); e < 150*time.Millisecond {
		t.Errorf("a request with -latency 150ms took %v", e)
	}

	counts := func() map[string]int {
		resp, err := http.Get(root + requestCountsPath)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var c map[string]int
		if err := json.NewDecoder(resp.Body).Decode(&c); err != nil {
			t.Fatal(err)
		}
		return c
	}
	if c := counts(); c["GET /prefix/all"] != 1 {
		t.Errorf("counts after one request: %v", c)
	}
	req, _ := http.NewRequest(http.MethodDelete, root+requestCountsPath, nil)
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusNoContent {
		t.Fatalf("reset: %v %v", resp, err)
	}
	if c := counts(); len(c) != 0 {
		t.Errorf("counts after the reset: %v", c)
	}
	if err := stop(); err != nil {
		t.Fatalf("run: %v", err)
	}
	if strings.Contains(logs.String(), "GET /prefix/all") {
		t.Errorf("-quiet logged requests: %s", logs.String())
	}
}

// -timestamp-seed fixes the forms of the timestamps: a run replays the forms
// of an in-process fake with that seed, seeded with the same organisations.
func TestRunTimestampSeed(t *testing.T) {
	env, logs, stop := startRun(t, filepath.Join(t.TempDir(), "fakeportal.env"), "-quiet", "-timestamp-seed", "5")
	got := createdShapes(t, env["KRR_BASE_URL"], env["FAKEPORTAL_PROVIDER_TOKEN"])
	if err := stop(); err != nil {
		t.Fatalf("run: %v", err)
	}
	if !strings.Contains(logs.String(), "timestamp seed 5 ") {
		t.Errorf("log: %s", logs.String())
	}

	replay, err := fakeportal.StartWith(fakeportal.Options{TimestampSeed: 5},
		fakeportal.Org{Orgno: providerOrgno, Name: providerName, Prefixes: []string{providerPrefix}},
		fakeportal.Org{Orgno: consumerOrgno}, fakeportal.Org{Orgno: otherOrgno})
	if err != nil {
		t.Fatal(err)
	}
	defer replay.Close()
	want := createdShapes(t, replay.BaseURL, replay.IssueToken(providerOrgno))
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("forms with -timestamp-seed 5:\n%v\nan in-process fake with seed 5:\n%v", got, want)
	}
}

// createdShapes is the form (digits blanked) of the provider prefix's created
// and of six new scopes' created.
func createdShapes(t *testing.T, base, token string) []string {
	t.Helper()
	digits := regexp.MustCompile(`[0-9]`)
	call := func(method, path, body string) map[string]any {
		req, _ := http.NewRequest(method, base+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		raw, _ := io.ReadAll(resp.Body)
		var one map[string]any
		var list []map[string]any
		if json.Unmarshal(raw, &list) == nil && len(list) > 0 {
			one = list[0]
		} else if err := json.Unmarshal(raw, &one); err != nil || resp.StatusCode != 200 {
			t.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, raw)
		}
		return one
	}
	shape := func(obj map[string]any) string {
		ts, _ := obj["created"].(string)
		if _, err := time.Parse(time.RFC3339, ts); err != nil {
			t.Fatalf("created %q: %v", ts, err)
		}
		return digits.ReplaceAllString(ts, "0")
	}
	out := []string{shape(call("GET", "/prefix", ""))}
	for i := range 6 {
		out = append(out, shape(call("POST", "/scopes", fmt.Sprintf(`{"prefix":"demo","subscope":"s%d","description":"d"}`, i))))
	}
	return out
}

// -production judges login clients as the production environment does: a
// web client may not redirect to localhost there, as it may by default.
func TestRunProduction(t *testing.T) {
	web := `{"client_name":"Innlogging","description":"Logger inn brukere","integration_type":"idporten",
"application_type":"web","token_endpoint_auth_method":"client_secret_basic","grant_types":["authorization_code"],
"redirect_uris":["https://localhost/cb"],"post_logout_redirect_uris":["https://app.example.no/"],
"code_challenge_method":"S256","scopes":["openid","profile"]}`
	for _, tc := range []struct {
		args []string
		want int
	}{
		{nil, http.StatusOK},
		{[]string{"-production"}, http.StatusBadRequest},
	} {
		env, logs, stop := startRun(t, filepath.Join(t.TempDir(), "fakeportal.env"), append([]string{"-listen", "127.0.0.1:0", "-quiet"}, tc.args...)...)
		req, _ := http.NewRequest(http.MethodPost, env["KRR_BASE_URL"]+"/clients", strings.NewReader(web))
		req.Header.Set("Authorization", "Bearer "+env["FAKEPORTAL_CONSUMER_TOKEN"])
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.want {
			t.Errorf("%v: a web client redirecting to localhost: %d, want %d: %s", tc.args, resp.StatusCode, tc.want, body)
		}
		if err := stop(); err != nil {
			t.Fatalf("run: %v", err)
		}
		if got := strings.Contains(logs.String(), "production"); got != (len(tc.args) > 0) {
			t.Errorf("%v: the log names the production environment: %v, want %v", tc.args, got, len(tc.args) > 0)
		}
	}
}
