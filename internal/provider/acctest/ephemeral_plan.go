package acctest

import (
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"strings"
	"sync"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
)

// CLIVersion is the version of the CLI under test, read once.
var CLIVersion = sync.OnceValues(func() (*version.Version, error) {
	cmd := exec.Command(CLI(), "version", "-json")
	cmd.Env = append(cmd.Environ(), "TF_CLI_CONFIG_FILE=/dev/null")
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s version -json: %w", CLI(), err)
	}
	var v struct {
		TerraformVersion string `json:"terraform_version"`
	}
	// OpenTofu may print a warning before the JSON.
	if i := strings.IndexByte(string(out), '{'); i >= 0 {
		out = out[i:]
	}
	if err := json.Unmarshal(out, &v); err != nil {
		return nil, fmt.Errorf("%s version -json: %w", CLI(), err)
	}
	return version.NewVersion(v.TerraformVersion)
})

// ephemeralInPlan tells whether the CLI under test puts ephemeral
// resources among a plan's resource changes, where terraform-plugin-testing
// counts them as changes: OpenTofu 1.11 does (opentofu#3781), 1.12 does not.
func ephemeralInPlan() bool {
	if !IsOpenTofu() {
		return false
	}
	v, err := CLIVersion()
	return err == nil && v.Core().LessThan(version.Must(version.NewVersion("1.12.0")))
}

// WithEphemeralInPlan adapts a step whose configuration opens an ephemeral
// resource and whose plan after apply must be empty. Where the CLI lists
// ephemeral resources in its plan (OpenTofu 1.11), it asks for the same
// check as an empty plan, in a form that allows them: every change in the
// plan is an ephemeral resource, and none holds a value.
func WithEphemeralInPlan(step resource.TestStep) resource.TestStep {
	if !ephemeralInPlan() {
		return step
	}
	step.ExpectNonEmptyPlan = true
	only := onlyEphemeralChanges{}
	step.ConfigPlanChecks.PostApplyPreRefresh = append(step.ConfigPlanChecks.PostApplyPreRefresh, only)
	step.ConfigPlanChecks.PostApplyPostRefresh = append(step.ConfigPlanChecks.PostApplyPostRefresh, only)
	return step
}

type onlyEphemeralChanges struct{}

// CheckPlan fails on a change to anything but an ephemeral resource, and on
// an ephemeral resource whose change holds a value.
func (onlyEphemeralChanges) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Mode == "ephemeral" {
			if rc.Change != nil && (rc.Change.Before != nil || rc.Change.After != nil) {
				resp.Error = fmt.Errorf("the plan holds values of ephemeral resource %s", rc.Address)
				return
			}
			continue
		}
		if rc.Change != nil && !rc.Change.Actions.NoOp() {
			resp.Error = fmt.Errorf("the plan after apply changes %s (%v): want no change", rc.Address, rc.Change.Actions)
			return
		}
	}
	for name, oc := range req.Plan.OutputChanges {
		if !oc.Actions.NoOp() {
			resp.Error = fmt.Errorf("the plan after apply changes output %s: want no change", name)
			return
		}
	}
}
