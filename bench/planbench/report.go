package main

import (
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"
)

// report is everything one benchmark run measured.
type report struct {
	Full        size
	Started     time.Time
	Args        string
	Environment []string
	Runs        []*run // the full size, every kind, every latency
	Consumers   []*run // the full size with krr_scope_consumers
	Refs        []*run // the full size written with references: krr, bare twin
	Chart       []*run // no-change plans by size, first latency
}

func (rep *report) find(kind string, s size, lat time.Duration) *run {
	for _, r := range append(append([]*run{}, rep.Runs...), rep.Chart...) {
		if r.Kind == kind && r.Size == s && r.Latency == lat && r.Shape == (shape{}) {
			return r
		}
	}
	return nil
}

func seconds(d time.Duration) string { return fmt.Sprintf("%.1f s", d.Seconds()) }

// spread is a step's median time, with the range of its runs when there
// were several.
func spread(s step) string {
	if len(s.Walls) < 2 {
		return seconds(s.Wall)
	}
	lo, hi := slices.Min(s.Walls), slices.Max(s.Walls)
	return fmt.Sprintf("%.2f s (%.2f–%.2f)", s.Wall.Seconds(), lo.Seconds(), hi.Seconds())
}

func ratio(a, b time.Duration) string {
	if b <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f×", a.Seconds()/b.Seconds())
}

func (rep *report) markdown(svgPath string) string {
	var b strings.Builder
	b.WriteString("# Benchmarks\n\n")
	b.WriteString("Written by `make bench-plan` (`go run ./bench/planbench " + rep.Args + "`) on " +
		rep.Started.UTC().Format("2006-01-02") + ". Do not edit by hand; run it again.\n\n")
	b.WriteString("What it does: builds the provider, its two twins and the standalone fake portal; generates a " +
		"configuration of " + rep.Full.String() + " and the merchant data; and, against a fresh fake with a latency " +
		"added to every request, runs `terraform apply` from nothing, a no-change `terraform plan`, and " +
		"`terraform destroy`. It runs the same for each twin, and for Terraform's own `terraform_data` with as many " +
		"resources. The **twin** (`bench/twin`) serves the provider's own schemas, validators and plan modifiers " +
		"included, and does no work and no request. The **bare twin** (`KRR_TWIN_BARE=1`) serves the schemas as " +
		"`terraform providers schema -json` shows them: types and flags only, no validator, no plan modifier, no " +
		"default. Names and ids are written out with `depends_on` for the order, so that the twins, which know no " +
		"computed value, apply the same configuration; a second configuration, measured against the bare twin, " +
		"writes them as references (`scope = krr_scope.s0001.name`), as users do.\n\n")
	b.WriteString("Machine: " + strings.Join(rep.Environment, "; ") + ". Times are wall times on a shared machine: " +
		"compare within one run, not across runs. Each no-change plan is run several times (`-plan-runs`), and its " +
		"median counts; the range is in brackets.\n\n")

	b.WriteString("## No-change plan, full size\n\n")
	b.WriteString("| latency | krr | twin | bare twin | terraform_data | krr ÷ twin | krr ÷ bare twin | API requests | token requests | provider peak memory | twin peak memory |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, lat := range rep.latencies() {
		krr, twin, bare, data := rep.get(kindKRR, lat), rep.get(kindTwin, lat), rep.get(kindBare, lat), rep.get(kindTerraformData, lat)
		if krr == nil || twin == nil || bare == nil || data == nil {
			continue
		}
		p := krr.Steps["plan"]
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %d | %d | %s | %s |\n", lat, spread(p),
			spread(twin.Steps["plan"]), spread(bare.Steps["plan"]), spread(data.Steps["plan"]),
			ratio(p.Wall, twin.Steps["plan"].Wall), ratio(p.Wall, bare.Steps["plan"].Wall),
			p.apiRequests(), p.Tokens, mib(p.PeakKiB), mib(twin.Steps["plan"].PeakKiB))
	}

	b.WriteString("\n## Every command, full size\n\n")
	b.WriteString("| latency | command | krr | twin | bare twin | terraform_data | krr ÷ twin | krr ÷ bare twin | API requests | writes | token requests | provider peak memory |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, lat := range rep.latencies() {
		krr, twin, bare, data := rep.get(kindKRR, lat), rep.get(kindTwin, lat), rep.get(kindBare, lat), rep.get(kindTerraformData, lat)
		if krr == nil || twin == nil || bare == nil || data == nil {
			continue
		}
		for _, c := range []string{"apply", "plan", "destroy"} {
			s := krr.Steps[c]
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s | %d | %d | %d | %s |\n", lat, c, seconds(s.Wall),
				seconds(twin.Steps[c].Wall), seconds(bare.Steps[c].Wall), seconds(data.Steps[c].Wall),
				ratio(s.Wall, twin.Steps[c].Wall), ratio(s.Wall, bare.Steps[c].Wall),
				s.apiRequests(), s.writes(), s.Tokens, mib(s.PeakKiB))
		}
	}

	if krr := rep.get(kindKRR, rep.latencies()[0]); krr != nil {
		b.WriteString("\n## API requests by route, full size (" + rep.latencies()[0].String() + ")\n\n")
		b.WriteString("| route | apply | plan | destroy |\n|---|---|---|---|\n")
		routes := map[string]int{}
		for _, s := range krr.Steps {
			for r, n := range s.Requests {
				routes[r] += n
			}
		}
		for _, r := range routesByCount(routes) {
			fmt.Fprintf(&b, "| `%s` | %d | %d | %d |\n", r, krr.Steps["apply"].Requests[r], krr.Steps["plan"].Requests[r],
				krr.Steps["destroy"].Requests[r])
		}
	}

	if len(rep.Consumers) == 2 {
		krr, twin := rep.Consumers[0], rep.Consumers[1]
		fmt.Fprintf(&b, "\n## With krr_scope_consumers in place of krr_scope_access (%d resources, %s)\n\n", krr.Resources, krr.Latency)
		fmt.Fprintf(&b, "The provider and the twin took turns, %d rounds each, every round against a fresh fake: the medians count, and the range is in brackets.\n\n",
			len(krr.Steps["apply"].Walls))
		b.WriteString("| command | krr | twin | krr ÷ twin | API requests | writes | token requests | provider peak memory |\n|---|---|---|---|---|---|---|---|\n")
		for _, c := range []string{"apply", "plan", "destroy"} {
			s := krr.Steps[c]
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %d | %d | %d | %s |\n", c, spread(s), spread(twin.Steps[c]),
				ratio(s.Wall, twin.Steps[c].Wall), s.apiRequests(), s.writes(), s.Tokens, mib(s.PeakKiB))
		}
	}

	if len(rep.Refs) == 2 {
		krr, bare := rep.Refs[0], rep.Refs[1]
		fmt.Fprintf(&b, "\n## Written with references (%d resources, %s)\n\n", krr.Resources, krr.Latency)
		b.WriteString("| command | krr | bare twin | krr ÷ bare twin | API requests | writes | token requests | provider peak memory |\n|---|---|---|---|---|---|---|---|\n")
		for _, c := range []string{"apply", "plan", "destroy"} {
			s := krr.Steps[c]
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %d | %d | %d | %s |\n", c, spread(s), spread(bare.Steps[c]),
				ratio(s.Wall, bare.Steps[c].Wall), s.apiRequests(), s.writes(), s.Tokens, mib(s.PeakKiB))
		}
	}

	b.WriteString("\n## No-change plan time against size (" + rep.latencies()[0].String() + ")\n\n")
	fmt.Fprintf(&b, "![No-change plan time against the number of resources](%s)\n\n", svgPath)
	b.WriteString("| resources | krr | twin | bare twin | terraform_data | krr ÷ twin | krr ÷ bare twin | API requests |\n|---|---|---|---|---|---|---|---|\n")
	for _, s := range rep.chartSizes() {
		krr, twin, bare, data := rep.chartRun(kindKRR, s), rep.chartRun(kindTwin, s), rep.chartRun(kindBare, s), rep.chartRun(kindTerraformData, s)
		if krr == nil || twin == nil || bare == nil || data == nil {
			continue
		}
		plan := func(r *run) time.Duration { return r.Steps["plan"].Wall }
		fmt.Fprintf(&b, "| %d | %s | %s | %s | %s | %s | %s | %d |\n", krr.Resources, seconds(plan(krr)),
			seconds(plan(twin)), seconds(plan(bare)), seconds(plan(data)),
			ratio(plan(krr), plan(twin)), ratio(plan(krr), plan(bare)), krr.Steps["plan"].apiRequests())
	}
	b.WriteString("\n" + rep.targets())
	return b.String()
}

// targets compares the full-size results with the targets.
func (rep *report) targets() string {
	var b strings.Builder
	b.WriteString("## Targets\n\n| target | measured | met |\n|---|---|---|\n")
	row := func(target, measured string, met bool) {
		mark := "yes"
		if !met {
			mark = "**no**"
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", target, measured, mark)
	}
	lats := rep.latencies()
	if krr := rep.get(kindKRR, lats[0]); krr != nil {
		p := krr.Steps["plan"]
		row("no-change plan: at most 160 API requests", fmt.Sprint(p.apiRequests()), p.apiRequests() <= 160)
		row("no-change plan: one token request per provider process", fmt.Sprint(p.Tokens), p.Tokens <= 1)
		a := krr.Steps["apply"]
		row("apply from nothing: at most one write per resource", fmt.Sprintf("%d writes for %d resources", a.writes(), krr.Resources),
			a.writes() <= krr.Resources)
		peak := max(a.PeakKiB, p.PeakKiB, krr.Steps["destroy"].PeakKiB)
		measured := mib(peak)
		if twin := rep.get(kindTwin, lats[0]); twin != nil {
			tw := max(twin.Steps["apply"].PeakKiB, twin.Steps["plan"].PeakKiB, twin.Steps["destroy"].PeakKiB)
			measured += fmt.Sprintf(" (the twin, with no work of its own: %s)", mib(tw))
		}
		row("provider peak memory under 100 MB", measured, peak > 0 && peak < 100*1024)
	}
	for i, limit := range []float64{1.15, 1.3} {
		if i >= len(lats) {
			break
		}
		krr, twin := rep.get(kindKRR, lats[i]), rep.get(kindTwin, lats[i])
		if krr == nil || twin == nil {
			continue
		}
		r := krr.Steps["plan"].Wall.Seconds() / twin.Steps["plan"].Wall.Seconds()
		row(fmt.Sprintf("no-change plan at %s: at most %.2f× the twin", lats[i], limit), fmt.Sprintf("%.2f×", r), r <= limit)
	}
	if krr, bare := rep.get(kindKRR, lats[0]), rep.get(kindBare, lats[0]); krr != nil && bare != nil {
		r := krr.Steps["plan"].Wall.Seconds() / bare.Steps["plan"].Wall.Seconds()
		row(fmt.Sprintf("no-change plan at %s: at most 1.15× the bare twin", lats[0]), fmt.Sprintf("%.2f×", r), r <= 1.15)
	}
	if krr := rep.get(kindKRR, lats[0]); krr != nil {
		n := krr.Steps["destroy"].Requests["GET /scopes/access"]
		row(fmt.Sprintf("destroy of the full size: at most %d grant-list calls (one per scope)", rep.Full.Scopes),
			fmt.Sprint(n), n <= rep.Full.Scopes)
	}
	if len(rep.Consumers) == 2 {
		krr, twin := rep.Consumers[0], rep.Consumers[1]
		p := krr.Steps["plan"]
		row("with krr_scope_consumers: no-change plan within the same request bound (160)", fmt.Sprint(p.apiRequests()), p.apiRequests() <= 160)
		for _, c := range []string{"apply", "destroy"} {
			r := krr.Steps[c].Wall.Seconds() / twin.Steps[c].Wall.Seconds()
			row(fmt.Sprintf("with krr_scope_consumers: %s at most 1.2× the twin", c), fmt.Sprintf("%.2f×", r), r <= 1.2)
		}
	}
	return b.String()
}

func (rep *report) latencies() []time.Duration {
	var out []time.Duration
	for _, r := range rep.Runs {
		if len(out) == 0 || out[len(out)-1] != r.Latency {
			out = append(out, r.Latency)
		}
	}
	return out
}

func (rep *report) get(kind string, lat time.Duration) *run {
	for _, r := range rep.Runs {
		if r.Kind == kind && r.Latency == lat {
			return r
		}
	}
	return nil
}

func (rep *report) chartSizes() []size {
	var out []size
	for _, r := range rep.Chart {
		if len(out) == 0 || out[len(out)-1] != r.Size {
			out = append(out, r.Size)
		}
	}
	return out
}

func (rep *report) chartRun(kind string, s size) *run {
	for _, r := range rep.Chart {
		if r.Kind == kind && r.Size == s {
			return r
		}
	}
	return nil
}

func mib(kib int) string {
	if kib == 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f MiB", float64(kib)/1024)
}

func cpuModel() string {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

func commandOutput(name string, args ...string) (string, error) {
	out, err := exec.Command(name, args...).Output()
	return strings.TrimSpace(string(out)), err
}
