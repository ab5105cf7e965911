// Command testacc-matrix runs the acceptance tests on every Terraform and
// OpenTofu of .ci/cli-versions.txt (make testacc-matrix) and prints a
// table of version × passed, skipped and failed, then which tests each
// version skipped and why.
//
// Each binary comes from scripts/build-cli.sh, which builds it from its Go
// module once and caches it. OpenTofu runs with TF_ACC_PROVIDER_HOST and
// TF_ACC_PROVIDER_NAMESPACE set, as terraform-plugin-testing needs.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

type cli struct {
	tool, version string
}

func (c cli) String() string { return c.tool + " " + c.version }

// result counts a run's tests and subtests by outcome.
type result struct {
	cli
	passed, skipped, failed int
	skips                   map[string]string // test → why
	failures                []string
	err                     error
}

func main() {
	versions := flag.String("versions", ".ci/cli-versions.txt", "the versions file")
	skipPath := flag.Bool("skip-path", false, "leave out the version that is the terraform on PATH (make test ran it)")
	only := flag.String("only", "", "run only these, comma-separated (terraform-1.16.4,tofu-1.12.6)")
	race := flag.Bool("race", true, "run the tests with the race detector, as make test does")
	parallel := flag.String("parallel", "4", "go test -parallel")
	pkgs := flag.String("packages", "./internal/provider/...", "the packages whose tests run")
	run := flag.String("run", "", "go test -run")
	logs := flag.String("logs", "", "where to keep each version's go test -json output (default: a temporary directory)")
	flag.Parse()

	clis, err := readVersions(*versions)
	if err != nil {
		fatal(err)
	}
	if *only != "" {
		keep := map[string]bool{}
		for _, s := range strings.Split(*only, ",") {
			keep[strings.TrimSpace(s)] = true
		}
		var kept []cli
		for _, c := range clis {
			if keep[c.tool+"-"+c.version] {
				kept = append(kept, c)
			}
		}
		clis = kept
	}
	logDir := *logs
	if logDir == "" {
		if logDir, err = os.MkdirTemp("", "krr-matrix-"); err != nil {
			fatal(err)
		}
	} else if err := os.MkdirAll(logDir, 0o755); err != nil {
		fatal(err)
	}
	onPath, _ := exec.LookPath("terraform")

	var results []result
	for _, c := range clis {
		bin, err := build(c)
		if err != nil {
			results = append(results, result{cli: c, err: err})
			continue
		}
		if *skipPath && onPath != "" && sameFile(bin, onPath) {
			fmt.Printf("==> %s: the terraform on PATH, run by make test; left out here\n", c)
			continue
		}
		fmt.Printf("==> %s: %s\n", c, bin)
		args := []string{"test", "-count=1", "-json", "-parallel", *parallel, "-timeout", "30m"}
		if *race {
			args = append(args, "-race")
		}
		if *run != "" {
			args = append(args, "-run", *run)
		}
		args = append(args, strings.Fields(*pkgs)...)
		cmd := exec.Command("go", args...)
		cmd.Env = append(os.Environ(), "TF_ACC=1", "TF_ACC_TERRAFORM_PATH="+bin)
		if c.tool == "tofu" {
			cmd.Env = append(cmd.Env, "TF_ACC_PROVIDER_HOST=registry.opentofu.org", "TF_ACC_PROVIDER_NAMESPACE=hashicorp")
		}
		logPath := filepath.Join(logDir, c.tool+"-"+c.version+".json")
		logFile, err := os.Create(logPath)
		if err != nil {
			fatal(err)
		}
		var stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = logFile, &stderr
		runErr := cmd.Run()
		_ = logFile.Close()
		r, err := summarise(c, logPath)
		if err != nil {
			r.err = err
		}
		if runErr != nil && r.failed == 0 {
			r.err = fmt.Errorf("go test: %v\n%s", runErr, stderr.String())
		}
		fmt.Printf("    %d passed, %d skipped, %d failed (log: %s)\n", r.passed, r.skipped, r.failed, logPath)
		results = append(results, r)
	}
	if !report(os.Stdout, results) {
		os.Exit(1)
	}
}

func readVersions(path string) ([]cli, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	var clis []cli
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) < 2 || (fields[0] != "terraform" && fields[0] != "tofu") {
			return nil, fmt.Errorf("%s: %q is not `terraform|tofu VERSION why…`", path, line)
		}
		clis = append(clis, cli{fields[0], fields[1]})
	}
	if len(clis) == 0 {
		return nil, fmt.Errorf("%s names no version", path)
	}
	return clis, sc.Err()
}

// build returns the binary's path from scripts/build-cli.sh (its progress
// goes to standard error).
func build(c cli) (string, error) {
	cmd := exec.Command("scripts/build-cli.sh", c.tool, c.version)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("scripts/build-cli.sh %s %s: %v", c.tool, c.version, err)
	}
	return strings.TrimSpace(string(out)), nil
}

func sameFile(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(sa, sb)
}

// event is a line of go test -json.
type event struct {
	Action  string
	Package string
	Test    string
	Output  string
}

// summarise counts the tests and subtests of a go test -json log, and
// keeps why each skipped test skipped.
func summarise(c cli, path string) (result, error) {
	r := result{cli: c, skips: map[string]string{}}
	f, err := os.Open(path)
	if err != nil {
		return r, err
	}
	defer func() { _ = f.Close() }()
	output := map[string]*strings.Builder{}
	dec := json.NewDecoder(f)
	for {
		var e event
		if err := dec.Decode(&e); err == io.EOF {
			break
		} else if err != nil {
			return r, fmt.Errorf("%s: %v", path, err)
		}
		if e.Test == "" {
			continue
		}
		key := e.Package + " " + e.Test
		switch e.Action {
		case "output":
			if output[key] == nil {
				output[key] = &strings.Builder{}
			}
			output[key].WriteString(e.Output)
		case "pass":
			r.passed++
		case "skip":
			r.skipped++
			r.skips[shortPackage(e.Package)+"."+e.Test] = skipReason(output[key])
		case "fail":
			r.failed++
			r.failures = append(r.failures, shortPackage(e.Package)+"."+e.Test)
		}
	}
	return r, nil
}

func shortPackage(p string) string { return p[strings.LastIndex(p, "/")+1:] }

// skipReason is the line a skipped test printed last before its SKIP line.
func skipReason(out *strings.Builder) string {
	if out == nil {
		return ""
	}
	var last string
	for _, l := range strings.Split(out.String(), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "=== ") || strings.HasPrefix(l, "--- SKIP") {
			continue
		}
		last = l
	}
	if _, after, ok := strings.Cut(last, ": "); ok && strings.Contains(last, ".go:") {
		return after
	}
	return last
}

// report prints the table and the skips, and tells whether every version
// passed.
func report(w io.Writer, results []result) bool {
	ok := true
	_, _ = fmt.Fprintf(w, "\n| version | passed | skipped | failed |\n|---|---:|---:|---:|\n")
	for _, r := range results {
		if r.err != nil {
			ok = false
			_, _ = fmt.Fprintf(w, "| %s | – | – | did not run: %s |\n", r.cli, strings.SplitN(r.err.Error(), "\n", 2)[0])
			continue
		}
		if r.failed > 0 {
			ok = false
		}
		_, _ = fmt.Fprintf(w, "| %s | %d | %d | %d |\n", r.cli, r.passed, r.skipped, r.failed)
	}
	for _, r := range results {
		if len(r.failures) > 0 {
			_, _ = fmt.Fprintf(w, "\n%s failed:\n", r.cli)
			for _, f := range r.failures {
				_, _ = fmt.Fprintf(w, "  %s\n", f)
			}
		}
		if r.err != nil {
			_, _ = fmt.Fprintf(w, "\n%s: %v\n", r.cli, r.err)
		}
	}
	for _, r := range results {
		if len(r.skips) == 0 {
			continue
		}
		_, _ = fmt.Fprintf(w, "\n%s skipped:\n", r.cli)
		names := make([]string, 0, len(r.skips))
		for n := range r.skips {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			_, _ = fmt.Fprintf(w, "  %s: %s\n", n, r.skips[n])
		}
	}
	var passed, failed, skipped int
	for _, r := range results {
		passed, failed, skipped = passed+r.passed, failed+r.failed, skipped+r.skipped
	}
	// The closing line CI reads, summed over every version.
	_, _ = fmt.Fprintf(w, "\n%d passed, %d failed, %d skipped\n", passed, failed, skipped)
	return ok
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "testacc-matrix:", err)
	os.Exit(1)
}
