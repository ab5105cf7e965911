// Command planbench measures the provider as a platform team runs it (make
// bench-plan): a configuration of a chosen size, applied from nothing,
// planned with no change, and destroyed through the terraform binary,
// against the standalone fake portal with a latency added to every request.
// In the same run, for the same configuration, it measures two baselines:
// the provider's twin (bench/twin: the same schemas, no work) and
// Terraform's own terraform_data with as many resources. It writes
// BENCHMARKS.md and an SVG chart of no-change plan time against size.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

func main() {
	if err := benchmark(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "planbench:", err)
		os.Exit(1)
	}
}

func benchmark(args []string) error {
	fs := flag.NewFlagSet("planbench", flag.ContinueOnError)
	scopes := fs.Int("scopes", 100, "scopes in the full-size configuration")
	grants := fs.Int("grants", 9, "grants per scope")
	clients := fs.Int("clients", 50, "clients, each with a key set")
	latencies := fs.String("latencies", "20ms,100ms", "latencies added to every request, comma-separated")
	chart := fs.String("chart-sizes", "0.1,0.25,0.5,1", "sizes of the chart, as fractions of the full size")
	out := fs.String("out", "BENCHMARKS.md", "the report")
	svg := fs.String("svg", "bench/plan-time.svg", "the chart")
	keep := fs.Bool("keep", false, "keep the working directory")
	fs.IntVar(&planRuns, "plan-runs", planRuns, "how often each no-change plan is measured (the median counts)")
	consumerRounds := fs.Int("consumers-rounds", 3, "how often the krr_scope_consumers variant is applied, planned and destroyed by each provider, in turn (the medians count)")
	writeConfig := fs.String("write-config", "", "only write the full-size configuration (for the standalone fake's prefix \"demo\") to this directory")
	consumers := fs.Bool("consumers", false, "with -write-config: krr_scope_consumers in place of krr_scope_access")
	refs := fs.Bool("refs", false, "with -write-config: names and ids as references")
	if err := fs.Parse(args); err != nil {
		return err
	}
	full := size{Scopes: *scopes, Grants: *grants, Clients: *clients}
	lats, err := parseDurations(*latencies)
	if err != nil {
		return err
	}
	fractions, err := parseFloats(*chart)
	if err != nil {
		return err
	}

	if *writeConfig != "" {
		key, err := newPublicKeyPEM()
		if err != nil {
			return err
		}
		if err := os.MkdirAll(*writeConfig, 0o755); err != nil {
			return err
		}
		sh := shape{Consumers: *consumers, Refs: *refs}
		return os.WriteFile(filepath.Join(*writeConfig, "main.tf"), []byte(krrConfig(full, "demo", sh, key)), 0o644)
	}

	work, err := os.MkdirTemp("", "krr-planbench-")
	if err != nil {
		return err
	}
	if !*keep {
		defer func() { _ = os.RemoveAll(work) }()
	}
	progress("building the provider, its twin and the fake portal in %s", work)
	bins, err := build(work)
	if err != nil {
		return err
	}
	key, err := newPublicKeyPEM()
	if err != nil {
		return err
	}
	all := []string{"apply", "plan", "destroy"}
	do := func(r *run, commands []string) error {
		start := time.Now()
		progress("%s%s, %s (%d resources), latency %s", r.Kind, r.Shape, r.Size, r.Resources, r.Latency)
		if err := execute(bins, work, r, key, commands); err != nil {
			return err
		}
		progress("  done in %s: plan %s", time.Since(start).Round(time.Second), r.Steps["plan"].Wall.Round(time.Millisecond))
		return nil
	}

	rep := report{Full: full, Started: time.Now(), Args: strings.Join(args, " ")}
	for _, lat := range lats {
		for _, kind := range []string{kindKRR, kindTwin, kindBare, kindTerraformData} {
			r := &run{Kind: kind, Size: full, Latency: lat, Resources: full.Resources(false)}
			if err := do(r, all); err != nil {
				return err
			}
			rep.Runs = append(rep.Runs, r)
		}
	}
	// Its apply and destroy are a few seconds each, so one of each is
	// noise: the two providers take turns, each round against a fresh fake,
	// and each command's median counts.
	rep.Consumers = []*run{nil, nil}
	for range max(1, *consumerRounds) {
		for i, kind := range []string{kindKRR, kindTwin} {
			r := &run{Kind: kind, Shape: shape{Consumers: true}, Size: full, Latency: lats[0], Resources: full.Resources(true)}
			if err := do(r, all); err != nil {
				return err
			}
			rep.Consumers[i] = r.after(rep.Consumers[i])
		}
	}
	// Written with references, as users write it: against the bare twin,
	// which applies it too (the twin's validators would meet the empty
	// names it stores for values not known at plan).
	for _, kind := range []string{kindKRR, kindBare} {
		r := &run{Kind: kind, Shape: shape{Refs: true}, Size: full, Latency: lats[0], Resources: full.Resources(false)}
		if err := do(r, all); err != nil {
			return err
		}
		rep.Refs = append(rep.Refs, r)
	}
	for _, f := range fractions {
		s := full.scaled(f)
		for _, kind := range []string{kindKRR, kindTwin, kindBare, kindTerraformData} {
			r := &run{Kind: kind, Size: s, Latency: lats[0], Resources: s.Resources(false)}
			if existing := rep.find(kind, s, lats[0]); existing != nil {
				r = existing
			} else if err := do(r, []string{"apply", "plan"}); err != nil {
				return err
			}
			rep.Chart = append(rep.Chart, r)
		}
	}
	rep.Environment = environment()
	if err := os.WriteFile(*svg, []byte(rep.svg()), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(*out, []byte(rep.markdown(*svg)), 0o644); err != nil {
		return err
	}
	progress("wrote %s and %s", *out, *svg)
	return nil
}

func progress(format string, a ...any) {
	fmt.Fprintf(os.Stderr, "==> "+format+"\n", a...)
}

func parseDurations(s string) ([]time.Duration, error) {
	var out []time.Duration
	for _, f := range strings.Split(s, ",") {
		d, err := time.ParseDuration(strings.TrimSpace(f))
		if err != nil {
			return nil, fmt.Errorf("-latencies: %w", err)
		}
		out = append(out, d)
	}
	return out, nil
}

func parseFloats(s string) ([]float64, error) {
	var out []float64
	for _, f := range strings.Split(s, ",") {
		v, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil || v <= 0 {
			return nil, fmt.Errorf("-chart-sizes: %q is not a positive fraction", f)
		}
		out = append(out, v)
	}
	return out, nil
}

// environment describes the machine and the versions, for the report.
func environment() []string {
	lines := []string{fmt.Sprintf("%s/%s, %d CPUs, %s", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), runtime.Version())}
	if model := cpuModel(); model != "" {
		lines = append(lines, model)
	}
	if v, err := commandOutput("terraform", "version"); err == nil {
		lines = append(lines, strings.SplitN(v, "\n", 2)[0])
	}
	return lines
}
