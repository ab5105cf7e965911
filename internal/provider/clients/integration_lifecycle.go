package clients

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

// The life of a client in the portal is the same for krr_client and
// krr_login_client: a create safe to retry under the id the provider
// chose, a read that keeps a deactivated client, a full-replace update,
// deactivation on destroy. Kind holds what differs.

// Kind is one resource's kind of client.
type Kind struct {
	// TypeName is the resource's type, for the import hint.
	TypeName string
	// Noun names the client in messages: "client", "login client".
	Noun string
	// Revive lays the planned fields over a deactivated client found
	// under the id, keeping what the resource does not manage.
	Revive func(found *portal.Integration, planned portal.Integration) portal.Integration
	// Same tells whether an active client found under the id is the one a
	// lost create asked for.
	Same func(found *portal.Integration, asked portal.Integration) bool
}

// SortedEqual tells whether a and b hold the same strings, in any order.
func SortedEqual(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// CreateOnce creates the client so that it exists exactly once under the
// id asked for, even when the answer to the POST is lost (a 5xx or a
// dropped connection after the portal did the work), or a POST that landed
// is sent again (409): framework.CreateWithRetries, with the lookup by id
// before every POST after a lost answer. A client found under the id is:
//   - of another kind, or active and another client: an error that says
//     how to import it;
//   - deactivated (a destroy before, or "Deaktiver" in the web portal):
//     brought back with PUT, keeping its id;
//   - active and the one asked for: adopted.
//
// When it cannot tell whether the portal made the client, the error says
// so (framework.CreateOutcomeUnknown).
func (k Kind) CreateOnce(ctx context.Context, data *framework.ProviderData, body portal.Integration) (*portal.Integration, error) {
	settled := false // found under the id: an earlier attempt's, or revived
	created, err := framework.CreateWithRetries(ctx, data.Client.RetryBudget(), framework.CreateSteps[portal.Integration]{
		Post: func(ctx context.Context) (*portal.Integration, error) {
			return data.Client.CreateIntegration(ctx, body)
		},
		Lookup: func(ctx context.Context) (*portal.Integration, error) {
			return data.Client.GetIntegration(ctx, body.ClientID)
		},
		Settle: func(ctx context.Context, found *portal.Integration) (*portal.Integration, error) {
			settled = true
			switch {
			case found.IntegrationType != body.IntegrationType:
			case !found.Active:
				revived := k.Revive(found, body)
				revived.ClientSecret = ""
				revived.Active = true
				return data.Client.UpdateIntegration(ctx, body.ClientID, revived)
			case k.Same(found, body):
				return found, nil
			}
			return nil, fmt.Errorf("client id %s belongs to another client, %q (%s). To manage that client with "+
				"Terraform, import it: terraform import %s.<name> %s", body.ClientID, found.ClientName,
				found.IntegrationType, k.TypeName, body.ClientID)
		},
	})
	if err == nil && !settled {
		newClientsOf(data).record(body.ClientID)
	}
	return created, err
}

// Read reads the client of id for a resource's Read: nil, with the state
// to be removed (gone), when the portal does not know it, which warns;
// nil with an error added when it cannot be read.
func (k Kind) Read(ctx context.Context, data *framework.ProviderData, id string, diags *diag.Diagnostics) (found *portal.Integration, gone bool) {
	found, err := data.Client.GetIntegration(ctx, id)
	switch {
	case portal.IsNotFound(err):
		framework.WarnRemovedFromState(diags, capitalised(k.Noun), id, "no longer exists in the portal")
		return nil, true
	case err != nil:
		framework.AddPortalError(diags, fmt.Sprintf("Unable to read %s %s", k.Noun, id), err, data.Environment)
		return nil, false
	}
	return found, false
}

// Update reads the client, lays the plan over it (apply), checks it with
// every value known (check, which adds the errors and returns false when
// the write must not go), and writes the whole object back: PUT is a full
// replace, and fields the resource does not manage must survive it.
// wantActive is sent with the PUT, which also brings a deactivated client
// back; nothing is written when the plan neither brings it back nor
// changes what the portal holds (changed). It returns the client as the
// portal holds it after, nil after an error.
func (k Kind) Update(ctx context.Context, data *framework.ProviderData, id string, wantActive, changed bool,
	apply func(*portal.Integration), check func(portal.Integration) bool, diags *diag.Diagnostics) *portal.Integration {
	current, err := data.Client.GetIntegration(ctx, id)
	if err != nil {
		framework.AddPortalError(diags, fmt.Sprintf("Unable to read %s %s before changing it", k.Noun, id), err, data.Environment)
		return nil
	}
	if !wantActive && !changed {
		return current
	}
	body := *current
	body.ClientSecret = ""
	apply(&body)
	body.Active = wantActive || current.Active
	if diags.HasError() || !check(body) {
		return nil
	}
	if current, err = data.Client.UpdateIntegration(ctx, id, body); err != nil {
		framework.AddPortalError(diags, fmt.Sprintf("Unable to change %s %s", k.Noun, id), err, data.Environment)
		return nil
	}
	return current
}

// Deactivate deactivates the client (the web portal's "Deaktiver"). The
// portal never deletes one: applying again with the same client_id brings
// it back. On destroy (onDestroy), a client already gone is no error.
func (k Kind) Deactivate(ctx context.Context, data *framework.ProviderData, id string, onDestroy bool, diags *diag.Diagnostics) bool {
	newClientsOf(data).forget(id)
	err := data.Client.DeactivateIntegration(ctx, id)
	if err == nil || (onDestroy && portal.IsNotFound(err)) {
		return true
	}
	framework.AddPortalError(diags, fmt.Sprintf("Unable to deactivate %s %s", k.Noun, id), err, data.Environment)
	return false
}

func capitalised(s string) string {
	if s == "" {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
