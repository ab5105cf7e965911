package provider

import (
	"context"
	"fmt"
	"slices"
	"sort"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// expectChangedAttributes passes when the plan changes exactly the given
// top-level attributes of addr (computed timestamps aside): a drift repair
// that touches more than the drift is a bug.
func expectChangedAttributes(addr string, attrs ...string) plancheck.PlanCheck {
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

// checkPortal runs fn against the fake portal after a step: what the
// portal holds is what a user of the web portal would see.
func checkPortal(fn func() error) statecheck.StateCheck { return portalCheck(fn) }

type portalCheck func() error

func (f portalCheck) CheckState(_ context.Context, _ statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	resp.Error = f()
}

// compareEqual compares two state values for statecheck.CompareValuePairs.
var compareEqual = compare.ValuesSame()
