// Command chaos-seeds runs TestChaosConverges (internal/provider) for a row
// of seeds, one after another, and prints each seed with the applies it
// took to converge (make chaos-seeds; go run ./scripts/chaos-seeds -n 20).
// It allows the test more applies than the one it requires
// (KRR_CHAOS_APPLIES), so that a seed that needs two is counted, not just
// failed. It exits 1 unless every seed converged in one apply.
//
// It is not a timed test: each seed applies about a hundred resources
// under faults, some 30 to 60 seconds.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

var resultLine = regexp.MustCompile(`chaos result: seed (\d+): (\d+) applies, converged (true|false)`)

func main() {
	n := flag.Int("n", 20, "how many seeds")
	from := flag.Int64("from", 1, "the first seed; the others follow it")
	maxApplies := flag.Int("max-applies", 3, "the applies a seed may take before it counts as not converged")
	verbose := flag.Bool("v", false, "print each run's output")
	flag.Parse()
	if err := run(*n, *from, *maxApplies, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "chaos-seeds:", err)
		os.Exit(1)
	}
}

func run(n int, from int64, maxApplies int, verbose bool) error {
	dir, err := os.MkdirTemp("", "chaos-seeds")
	if err != nil {
		return err
	}
	defer func() { _ = os.RemoveAll(dir) }()
	bin := filepath.Join(dir, "provider.test")
	build := exec.Command("go", "test", "-c", "-o", bin, "./internal/provider/")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("building the tests: %w", err)
	}

	fmt.Printf("| seed | applies | result | time |\n|---:|---:|---|---:|\n")
	oneApply := 0
	for seed := from; seed < from+int64(n); seed++ {
		start := time.Now()
		cmd := exec.Command(bin, "-test.run", "^TestChaosConverges$", "-test.v", "-test.count=1", "-test.timeout=15m")
		cmd.Dir = "internal/provider" // as go test runs a package's tests
		cmd.Env = append(os.Environ(), "TF_ACC=1", "KRR_CHAOS_SEED="+strconv.FormatInt(seed, 10),
			"KRR_CHAOS_APPLIES="+strconv.Itoa(maxApplies))
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		runErr := cmd.Run()
		if verbose {
			fmt.Fprint(os.Stderr, out.String())
		}
		applies, result := "?", "no result line"
		if m := resultLine.FindStringSubmatch(out.String()); m != nil {
			applies = m[2]
			switch {
			case m[3] == "false":
				result = "not converged"
			case runErr != nil:
				result = "converged; the portal differs"
			case m[2] == "1":
				result = "converged"
				oneApply++
			default:
				result = "converged"
			}
		} else if runErr != nil {
			result = "failed: " + lastLine(out.String())
		}
		if applies != "1" || runErr != nil {
			// Kept for a look at what failed: a seed replays the same
			// faults only for the same order of requests.
			logFile := filepath.Join(os.TempDir(), fmt.Sprintf("chaos-seed-%d.log", seed))
			if err := os.WriteFile(logFile, out.Bytes(), 0o600); err == nil {
				result += " (" + logFile + ")"
			}
		}
		fmt.Printf("| %d | %s | %s | %s |\n", seed, applies, result, time.Since(start).Round(time.Second))
	}
	fmt.Printf("\n%d of %d seeds converged in one apply\n", oneApply, n)
	if oneApply != n {
		return fmt.Errorf("%d seeds took more than one apply or failed", n-oneApply)
	}
	return nil
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}
