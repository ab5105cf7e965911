// Command memwrap runs a provider for make bench-plan and records its peak
// memory. Terraform starts it in the provider's place (a dev_overrides
// directory holds it under the provider's name); it starts the real provider
// (KRR_BENCH_PROVIDER) with the same arguments, environment and standard
// streams, so the plugin handshake passes through, and when the provider
// exits it appends the provider's peak resident memory, in KiB, to
// KRR_BENCH_MEMLOG.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
)

func main() {
	cmd := exec.Command(os.Getenv("KRR_BENCH_PROVIDER"), os.Args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "memwrap:", err)
		os.Exit(1)
	}
	go func() {
		for s := range signals {
			_ = cmd.Process.Signal(s)
		}
	}()
	_ = cmd.Wait()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		if f, err := os.OpenFile(os.Getenv("KRR_BENCH_MEMLOG"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600); err == nil {
			fmt.Fprintln(f, ru.Maxrss) // KiB on Linux
			_ = f.Close()
		}
	}
	os.Exit(cmd.ProcessState.ExitCode())
}
