// Command fakeportal serves the fake self-service API and token endpoint on
// loopback for the demo and for trying the provider by hand:
//
//	go run ./internal/fakeportal/cmd/fakeportal -listen 127.0.0.1:0 -env-file /tmp/krr/fakeportal.env
//	. /tmp/krr/fakeportal.env   # KRR_* for the provider, FAKEPORTAL_* for scripts
//
// It seeds three organisations: an API provider with the prefix "demo", a
// consumer without a prefix, and a third organisation to give access to. The
// provider has two admin clients, one with a registered key and one with a
// business certificate (Maskinporten refuses a certificate from a client
// with keys); the key, and the certificate as a PKCS#12 file, are written
// beside the env file. Timestamps vary in form as the real API's do, seeded
// from the clock unless -timestamp-seed is given; the seed is logged at start.
// It serves until SIGINT or SIGTERM.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/platform-iac/terraform-provider-krr/internal/fakeportal"
)

// The seeded organisations. The numbers are synthetic but pass the mod-11
// check of portal-api.md §9 (checked in main_test.go).
const (
	providerOrgno  = "311000004"
	providerName   = "DEMO API-TILBYDER AS"
	providerPrefix = "demo"
	consumerOrgno  = "312000008"
	consumerName   = "DEMO KONSUMENT AS"
	otherOrgno     = "313000001"
	otherName      = "DEMO TREDJEPART AS"

	// sessionTokenLifetime: the static tokens in the env file should outlast
	// a demo session.
	sessionTokenLifetime = 12 * time.Hour
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "fakeportal:", err)
		os.Exit(1)
	}
}

// run serves until ctx is done, then shuts down gracefully.
func run(ctx context.Context, args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("fakeportal", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", "127.0.0.1:0", "address to listen on (plain HTTP; keep it on loopback)")
	envFile := fs.String("env-file", "", "where to write `export NAME=value` lines for the provider and scripts (required)")
	latency := fs.Duration("latency", 0, "added to every request before it is handled, as a network would (for benchmarks)")
	quiet := fs.Bool("quiet", false, "do not log each request")
	timestampSeed := fs.Int64("timestamp-seed", 0, "seed of the timestamps' forms, to replay a run (0: from the clock)")
	production := fs.Bool("production", false, "judge as the production environment where it differs from the test one: a web or browser login client may not redirect to localhost (portal-api.md §12)")
	cpuProfile := fs.String("cpu-profile", "", "write a CPU profile of the fake's whole run to this file, for `go tool pprof` (for benchmarks)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *envFile == "" {
		return errors.New("-env-file is required")
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}

	if *cpuProfile != "" {
		stopProfile, err := startCPUProfile(*cpuProfile)
		if err != nil {
			return err
		}
		defer stopProfile()
	}

	var logMu sync.Mutex
	logLine := func(format string, a ...any) {
		logMu.Lock()
		defer logMu.Unlock()
		fmt.Fprintf(stderr, "fakeportal: "+format+"\n", a...)
	}

	// Varied timestamp forms by default: the demo should meet what the real
	// API answers, and the logged seed replays a run.
	seed := *timestampSeed
	if seed == 0 {
		seed = time.Now().UnixNano() | 1 // never 0, which means one fixed form
	}
	opts := fakeportal.Options{StaticTokenLifetime: sessionTokenLifetime, Latency: *latency, TimestampSeed: seed, Production: *production}
	if !*quiet {
		// Method, route and status only: never a token or a body.
		opts.OnRequest = func(method, route string, status int, elapsed time.Duration) {
			logLine("%s %s %s %d %s", time.Now().Add(-elapsed).Format("15:04:05.000"), method, route, status, elapsed.Round(time.Microsecond))
		}
	}
	fake := fakeportal.New(opts)

	provider, key := fakeportal.NewOrg(providerOrgno, providerName, providerPrefix)
	certKey, cert, err := newBusinessCertificate(providerOrgno, providerName)
	if err != nil {
		return fmt.Errorf("making the business certificate: %w", err)
	}
	creds, err := writeCredentials(filepath.Dir(*envFile), key, certKey, cert)
	if err != nil {
		return err
	}
	certClientID := provider.AdminClientID + "-certificate"
	provider.ExtraAdminClients = []fakeportal.AdminClient{{ClientID: certClientID, Certificate: cert}}

	l, err := net.Listen("tcp", *listen)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", *listen, err)
	}
	url := "http://" + l.Addr().String()
	fake.SetIssuer(url)
	fake.AddOrg(provider)
	// The consumer acts through FAKEPORTAL_CONSUMER_TOKEN; it needs no admin client.
	fake.AddOrg(fakeportal.Org{Orgno: consumerOrgno, Name: consumerName})
	fake.AddOrg(fakeportal.Org{Orgno: otherOrgno, Name: otherName})

	env := [][2]string{
		{"KRR_BASE_URL", url + "/api/v1"},
		{"KRR_TOKEN_ENDPOINT", url + "/token"},
		{"KRR_AUDIENCE", fake.Audience()},
		{"KRR_CLIENT_ID", provider.AdminClientID},
		{"KRR_KEY_ID", provider.AdminKeyID},
		{"KRR_PRIVATE_KEY_FILE", creds.keyPath},
		{"FAKEPORTAL_PROVIDER_ORGNO", providerOrgno},
		{"FAKEPORTAL_PROVIDER_PREFIX", providerPrefix},
		{"FAKEPORTAL_PROVIDER_TOKEN", fake.IssueToken(providerOrgno)},
		{"FAKEPORTAL_CONSUMER_ORGNO", consumerOrgno},
		{"FAKEPORTAL_CONSUMER_TOKEN", fake.IssueToken(consumerOrgno)},
		{"FAKEPORTAL_OTHER_ORGNO", otherOrgno},
		// Not KRR_CERTIFICATE_*: the provider would see a key and a
		// certificate at once and refuse them as conflicting.
		{"FAKEPORTAL_CERTIFICATE_CLIENT_ID", certClientID},
		{"FAKEPORTAL_CERTIFICATE_FILE", creds.certPath},
		{"FAKEPORTAL_CERTIFICATE_PASSWORD", creds.certPassword},
	}
	notes := []string{
		"the provider signs with the admin client's key (KRR_KEY_ID, KRR_PRIVATE_KEY_FILE); to sign with the business certificate instead:",
		`export KRR_CLIENT_ID="$FAKEPORTAL_CERTIFICATE_CLIENT_ID" KRR_CERTIFICATE_FILE="$FAKEPORTAL_CERTIFICATE_FILE" KRR_CERTIFICATE_PASSWORD="$FAKEPORTAL_CERTIFICATE_PASSWORD"; unset KRR_PRIVATE_KEY_FILE KRR_KEY_ID`,
	}
	if err := writeEnvFile(*envFile, env, notes); err != nil {
		l.Close()
		return err
	}

	srv := &http.Server{Handler: withRequestCounts(fake), ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()
	logLine("serving %s (API %s/api/v1); environment in %s; timestamp seed %d (replay with -timestamp-seed %d)",
		url, url, *envFile, seed, seed)
	if *production {
		logLine("judging as the production environment (-production)")
	}

	select {
	case err := <-served:
		return fmt.Errorf("serving: %w", err)
	case <-ctx.Done():
	}
	logLine("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	return nil
}

// requestCountsPath answers the fake's request counts by route (GET) and
// resets them (DELETE), so that a benchmark can count the requests of each
// command. It is the standalone server's, not the API's.
const requestCountsPath = "/_fakeportal/requests"

func withRequestCounts(fake *fakeportal.Fake) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != requestCountsPath {
			fake.ServeHTTP(w, r)
			return
		}
		switch r.Method {
		case http.MethodGet:
			w.Header().Set("Content-Type", "application/json")
			_ = json.NewEncoder(w).Encode(fake.RequestCounts())
		case http.MethodDelete:
			fake.ResetRequestCounts()
			w.WriteHeader(http.StatusNoContent)
		default:
			w.WriteHeader(http.StatusMethodNotAllowed)
		}
	})
}

// writeEnvFile writes `export NAME='value'` lines after comment lines of
// notes; it holds bearer tokens and a password, so it is the owner's only.
func writeEnvFile(path string, env [][2]string, notes []string) error {
	var b strings.Builder
	b.WriteString("# written by fakeportal; source it: . " + filepath.Base(path) + "\n")
	for _, n := range notes {
		b.WriteString("# " + n + "\n")
	}
	for _, kv := range env {
		fmt.Fprintf(&b, "export %s=%s\n", kv[0], shellQuote(kv[1]))
	}
	return writeAtomic(path, []byte(b.String()))
}

// writeAtomic writes through a temporary file and a rename, so that a script
// waiting for the file never reads half of it.
func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// shellQuote single-quotes s for POSIX shells.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
