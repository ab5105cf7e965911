// Package cpuprofile writes a CPU profile of a provider process when
// KRR_CPU_PROFILE_DIR asks for one: the provider and its bench twins use it,
// so that their profiles compare like for like.
package cpuprofile

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
)

// DirEnv names a directory where each provider process writes a CPU
// profile of its whole life, cpu-<pid>.pprof, for `go tool pprof`: a plan
// starts several provider processes, and the one that plans is the one
// worth reading. Unset, nothing is profiled.
const DirEnv = "KRR_CPU_PROFILE_DIR"

// Start starts the profile when DirEnv asks for one and
// returns what stops it (safe to call twice). A profile that cannot be
// started is reported on standard error, which Terraform logs, and the
// provider runs on unprofiled.
func Start() (stop func()) {
	dir := os.Getenv(DirEnv)
	if dir == "" {
		return func() {}
	}
	f, err := os.Create(filepath.Join(dir, fmt.Sprintf("cpu-%d.pprof", os.Getpid())))
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: no CPU profile: %v\n", DirEnv, err)
		return func() {}
	}
	stopped := false
	return func() {
		if !stopped {
			stopped = true
			pprof.StopCPUProfile()
			_ = f.Close()
		}
	}
}
