package main

import (
	"fmt"
	"os"
	"runtime/pprof"
)

// startCPUProfile profiles the fake until the returned stop is called: a
// benchmark's fake shares the machine with Terraform and the provider, and
// what it costs there is part of what the benchmark measures.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("-cpu-profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("-cpu-profile: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		_ = f.Close()
	}, nil
}
