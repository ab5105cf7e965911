package acctest

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// ExpectChangedAttributes passes when the plan changes exactly the given
// top-level attributes of addr (computed timestamps aside): a drift repair
// that touches more than the drift is a bug.
func ExpectChangedAttributes(addr string, attrs ...string) plancheck.PlanCheck {
	return changedAttributesCheck{addr: addr, want: attrs}
}

type changedAttributesCheck struct {
	addr string
	want []string
}

func (c changedAttributesCheck) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != c.addr {
			continue
		}
		before, _ := rc.Change.Before.(map[string]any)
		after, _ := rc.Change.After.(map[string]any)
		unknown, _ := rc.Change.AfterUnknown.(map[string]any)
		var changed []string
		for name, a := range after {
			if name == "last_updated" {
				continue
			}
			if u, ok := unknown[name].(bool); ok && u || fmt.Sprint(before[name]) != fmt.Sprint(a) {
				changed = append(changed, name)
			}
		}
		sort.Strings(changed)
		want := slices.Clone(c.want)
		sort.Strings(want)
		if !slices.Equal(changed, want) {
			resp.Error = fmt.Errorf("%s: plan changes %v, want exactly %v", c.addr, changed, want)
		}
		return
	}
	resp.Error = fmt.Errorf("%s is not in the plan", c.addr)
}

// CheckPortal runs fn against the fake portal after a step: what the
// portal holds is what a user of the web portal would see.
func CheckPortal(fn func() error) statecheck.StateCheck { return portalCheck(fn) }

type portalCheck func() error

func (f portalCheck) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = f()
}

// CompareEqual compares two state values for statecheck.CompareValuePairs.
var CompareEqual = compare.ValuesSame()

// ExpectText fails the test for each wanted text the output lacks; the
// terminal's line wrapping does not count.
func ExpectText(t *testing.T, what, out string, wants ...string) {
	t.Helper()
	flat := strings.Join(strings.Fields(out), " ")
	for _, w := range wants {
		if !strings.Contains(flat, strings.Join(strings.Fields(w), " ")) {
			t.Errorf("%s does not say %q:\n%s", what, w, out)
		}
	}
}

// PhraseRegexp matches a sentence however Terraform wraps its lines.
func PhraseRegexp(parts ...string) *regexp.Regexp {
	var quoted []string
	for _, part := range parts {
		var words []string
		for _, w := range strings.Fields(part) {
			words = append(words, regexp.QuoteMeta(w))
		}
		quoted = append(quoted, strings.Join(words, `\s+`))
	}
	return regexp.MustCompile(`(?s)` + strings.Join(quoted, ".*"))
}
