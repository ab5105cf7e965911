package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// binaries are what a run needs, built once.
type binaries struct {
	dir      string
	provider string // the real provider
	twin     string
	fake     string
	// overrides holds one dev_overrides directory per provider kind, each
	// with memwrap under the provider's name.
	overrides map[string]string
}

func build(dir string) (*binaries, error) {
	b := &binaries{dir: dir, overrides: map[string]string{},
		provider: filepath.Join(dir, "terraform-provider-krr-real"),
		twin:     filepath.Join(dir, "terraform-provider-krr-twin"),
		fake:     filepath.Join(dir, "fakeportal")}
	memwrap := filepath.Join(dir, "memwrap")
	for out, pkg := range map[string]string{
		b.provider: ".", b.twin: "./bench/twin", b.fake: "./internal/fakeportal/cmd/fakeportal", memwrap: "./bench/memwrap",
	} {
		if out, err := exec.Command("go", "build", "-o", out, pkg).CombinedOutput(); err != nil {
			return nil, fmt.Errorf("go build %s: %v\n%s", pkg, err, out)
		}
	}
	for _, kind := range []string{kindKRR, kindTwin, kindBare} {
		d := filepath.Join(dir, "overrides-"+kind)
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, err
		}
		if err := os.Link(memwrap, filepath.Join(d, "terraform-provider-krr")); err != nil {
			return nil, err
		}
		b.overrides[kind] = d
	}
	return b, nil
}

// Provider kinds of a run.
const (
	kindKRR           = "krr"
	kindTwin          = "twin"
	kindBare          = "bare twin" // the twin with the bare schemas (bench/twin/bare.go)
	kindTerraformData = "terraform_data"
)

// fakePortal is the standalone fake, started for one run.
type fakePortal struct {
	cmd  *exec.Cmd
	env  []string // KRR_* for the provider
	url  string
	orgs map[string]string
}

func startFake(b *binaries, dir string, latency time.Duration) (*fakePortal, error) {
	envFile := filepath.Join(dir, "fake.env")
	log, err := os.Create(filepath.Join(dir, "fake.log"))
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(b.fake, "-listen", "127.0.0.1:0", "-env-file", envFile, "-quiet", "-latency", latency.String())
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	f := &fakePortal{cmd: cmd, orgs: map[string]string{}}
	for range 200 {
		if vars, err := readEnvFile(envFile); err == nil {
			for k, v := range vars {
				if strings.HasPrefix(k, "KRR_") {
					f.env = append(f.env, k+"="+v)
				}
				f.orgs[k] = v
			}
			f.url = strings.TrimSuffix(vars["KRR_BASE_URL"], "/api/v1")
			return f, nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	f.stop()
	return nil, errors.New("the fake portal wrote no env file")
}

func (f *fakePortal) stop() {
	_ = f.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { _ = f.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = f.cmd.Process.Kill()
	}
}

// counts reads, then resets, the fake's request counts by route.
func (f *fakePortal) counts() (map[string]int, error) {
	resp, err := http.Get(f.url + "/_fakeportal/requests")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var out map[string]int
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return nil, err
	}
	req, _ := http.NewRequestWithContext(context.Background(), http.MethodDelete, f.url+"/_fakeportal/requests", nil)
	if r, err := http.DefaultClient.Do(req); err == nil {
		r.Body.Close()
	}
	return out, nil
}

// readEnvFile reads the `export NAME='value'` lines the fake writes.
func readEnvFile(path string) (map[string]string, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	vars := map[string]string{}
	sc := bufio.NewScanner(file)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line, ok := strings.CutPrefix(sc.Text(), "export ")
		if !ok {
			continue
		}
		k, v, _ := strings.Cut(line, "=")
		vars[k] = strings.ReplaceAll(strings.Trim(v, "'"), `'\''`, "'")
	}
	return vars, sc.Err()
}

// step is one Terraform command's measurement.
type step struct {
	Command  string
	Wall     time.Duration   // the median of Walls
	Walls    []time.Duration // every run of the command
	Requests map[string]int  // API requests by route
	Tokens   int             // token requests
	PeakKiB  int             // the provider processes' peak resident memory
}

func (s step) apiRequests() int {
	n := 0
	for _, c := range s.Requests {
		n += c
	}
	return n
}

func (s step) writes() int {
	n := 0
	for route, c := range s.Requests {
		if !strings.HasPrefix(route, "GET ") {
			n += c
		}
	}
	return n
}

// run is one configuration applied from nothing, planned with no change,
// and destroyed, by one kind of provider at one latency.
type run struct {
	Kind      string
	Shape     shape // how the configuration is written
	Size      size
	Latency   time.Duration
	Resources int
	Steps     map[string]step // apply, plan, destroy
}

// execute runs apply, plan and destroy (or only those in commands) in a
// fresh directory, against a fresh fake.
func execute(b *binaries, work string, r *run, publicKeyPEM string, commands []string) error {
	dir, err := os.MkdirTemp(work, strings.ReplaceAll(r.Kind, " ", "-")+"-")
	if err != nil {
		return err
	}
	env := append(os.Environ(), "TF_IN_AUTOMATION=1", "CHECKPOINT_DISABLE=1")
	var fake *fakePortal
	config := terraformDataConfig(r.Resources)
	if r.Kind != kindTerraformData {
		if fake, err = startFake(b, dir, r.Latency); err != nil {
			return err
		}
		defer fake.stop()
		config = krrConfig(r.Size, fake.orgs["FAKEPORTAL_PROVIDER_PREFIX"], r.Shape, publicKeyPEM)
		rc := filepath.Join(dir, "terraformrc")
		if err := os.WriteFile(rc, []byte(fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n",
			"registry.terraform.io/platform-iac/krr", b.overrides[r.Kind])), 0o600); err != nil {
			return err
		}
		real := b.provider
		if r.Kind == kindTwin || r.Kind == kindBare {
			real = b.twin
		}
		if r.Kind == kindBare {
			env = append(env, "KRR_TWIN_BARE=1")
		}
		env = append(env, fake.env...)
		env = append(env, "TF_CLI_CONFIG_FILE="+rc, "KRR_BENCH_PROVIDER="+real,
			"KRR_BENCH_MEMLOG="+filepath.Join(dir, "mem.log"))
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600); err != nil {
		return err
	}
	r.Steps = map[string]step{}
	args := map[string][]string{
		"apply":   {"apply", "-auto-approve", "-input=false", "-no-color"},
		"plan":    {"plan", "-input=false", "-no-color", "-detailed-exitcode"},
		"destroy": {"destroy", "-auto-approve", "-input=false", "-no-color"},
	}
	for _, command := range commands {
		repeats := 1
		if command == "plan" {
			repeats = planRuns
		}
		var s step
		for range repeats {
			one, err := measure(fake, dir, env, r, command, args[command])
			if err != nil {
				return err
			}
			walls := append(s.Walls, one.Wall)
			s = one
			s.Walls = walls
		}
		s.Wall = median(s.Walls)
		r.Steps[command] = s
	}
	return nil
}

// after is r taken as one more round of earlier (nil for the first): each
// command's walls are those of every round, and its median counts; the
// requests are r's, the peak memory the highest of any round.
func (r *run) after(earlier *run) *run {
	if earlier == nil {
		return r
	}
	for command, s := range r.Steps {
		before := earlier.Steps[command]
		s.Walls = append(slices.Clone(before.Walls), s.Walls...)
		s.Wall = median(s.Walls)
		s.PeakKiB = max(s.PeakKiB, before.PeakKiB)
		r.Steps[command] = s
	}
	return r
}

// planRuns is how often the no-change plan is measured; its median counts,
// since one run on a shared machine is noise.
var planRuns = 3

// measure runs one terraform command and counts what it asked of the fake.
func measure(fake *fakePortal, dir string, env []string, r *run, command string, args []string) (step, error) {
	if fake != nil {
		if _, err := fake.counts(); err != nil { // reset
			return step{}, err
		}
	}
	_ = os.Remove(filepath.Join(dir, "mem.log"))
	cmd := exec.Command("terraform", append([]string{"-chdir=" + dir}, args...)...)
	cmd.Env = env
	start := time.Now()
	out, err := cmd.CombinedOutput()
	wall := time.Since(start)
	if err != nil {
		_ = os.WriteFile(filepath.Join(dir, command+".log"), out, 0o600)
		return step{}, fmt.Errorf("%s %s: terraform %s: %v (output in %s)", r.Kind, r.Size, command, err, filepath.Join(dir, command+".log"))
	}
	s := step{Command: command, Wall: wall, Requests: map[string]int{}}
	if fake != nil {
		counts, err := fake.counts()
		if err != nil {
			return step{}, err
		}
		for route, n := range counts {
			if route == "POST /token" {
				s.Tokens += n
			} else {
				s.Requests[route] = n
			}
		}
		s.PeakKiB = peakKiB(filepath.Join(dir, "mem.log"))
	}
	return s, nil
}

func median(ds []time.Duration) time.Duration {
	sorted := slices.Clone(ds)
	slices.Sort(sorted)
	return sorted[len(sorted)/2]
}

// peakKiB is the largest figure memwrap logged.
func peakKiB(path string) int {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	peak := 0
	for _, line := range strings.Fields(string(data)) {
		if n, err := strconv.Atoi(line); err == nil && n > peak {
			peak = n
		}
	}
	return peak
}

// routesByCount lists a step's routes, most requests first.
func routesByCount(requests map[string]int) []string {
	routes := make([]string, 0, len(requests))
	for r := range requests {
		routes = append(routes, r)
	}
	sort.Slice(routes, func(i, j int) bool {
		if requests[routes[i]] != requests[routes[j]] {
			return requests[routes[i]] > requests[routes[j]]
		}
		return routes[i] < routes[j]
	})
	return routes
}
