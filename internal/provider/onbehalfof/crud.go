package onbehalfof

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

// Create makes the record exactly once, even when the answer to the POST
// is lost or a POST that landed is sent again: the record is looked up by
// its onbehalfof (framework.CreateWithRetries). One found under it is
// adopted when it is for the same organisation, and given the planned
// fields; one for another organisation is an error.
func (r *recordResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan recordModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	clientID, body := plan.ClientID.ValueString(), plan.toPortal()
	label := portal.OnBehalfOfID(clientID, body.OnBehalfOf)
	created, err := framework.CreateWithRetries(ctx, r.Data.Client.RetryBudget(), framework.CreateSteps[portal.OnBehalfOf]{
		Post: func(ctx context.Context) (*portal.OnBehalfOf, error) {
			return r.Data.Client.CreateOnBehalfOf(ctx, clientID, body)
		},
		Lookup: func(ctx context.Context) (*portal.OnBehalfOf, error) {
			return r.Data.Client.GetOnBehalfOf(ctx, clientID, body.OnBehalfOf)
		},
		Settle: func(ctx context.Context, found *portal.OnBehalfOf) (*portal.OnBehalfOf, error) {
			switch {
			case found.Orgno != body.Orgno:
				return nil, fmt.Errorf("client %s has an on-behalf-of record %s already, for organisation %s (%s), not %s. "+
					"Choose another onbehalfof, or manage that record with Terraform: terraform import %s.<name> %s",
					clientID, body.OnBehalfOf, found.Orgno, found.Name, body.Orgno, typeName, label)
			case sameFields(found, body):
				return found, nil
			}
			return r.Data.Client.UpdateOnBehalfOf(ctx, clientID, body.OnBehalfOf, body)
		},
	})
	setIdentity(ctx, resp.Identity, clientID, body.OnBehalfOf, &resp.Diagnostics)
	if framework.CreateOutcomeUnknown(err) {
		// Keep the record in state, so that it is not lost if the portal
		// made it: Terraform marks it tainted, and the next refresh finds
		// it or drops it.
		plan.fromPortal(clientID, &body)
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	}
	if err != nil {
		framework.AddCreateError(&resp.Diagnostics, fmt.Sprintf("Unable to create on-behalf-of record %s", label), err, r.Data.Environment)
		return
	}
	plan.fromPortal(clientID, created)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// Read reads every attribute back. A record gone from the portal, or whose
// client is gone (404 either way), is removed from state with a warning,
// so that the plan makes it again; a 403 is an error, never "gone".
func (r *recordResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state recordModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	clientID, obo := state.ClientID.ValueString(), state.OnBehalfOf.ValueString()
	// First, so that state without identity gets one even when the record
	// is gone: the framework refuses a read that leaves it empty.
	setIdentity(ctx, resp.Identity, clientID, obo, &resp.Diagnostics)
	label := portal.OnBehalfOfID(clientID, obo)
	found, err := r.Data.Client.GetOnBehalfOf(ctx, clientID, obo)
	switch {
	case portal.IsNotFound(err):
		framework.WarnRemovedFromState(&resp.Diagnostics, "On-behalf-of record", label,
			"no longer exists in the portal (or its client does not)")
		resp.State.RemoveResource(ctx)
		return
	case err != nil:
		framework.AddPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to read on-behalf-of record %s", label), err, r.Data.Environment)
		return
	}
	state.fromPortal(clientID, found)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update writes the whole record (PUT replaces it): name, description, uri
// and logo_uri as planned; onbehalfof and orgno never change here (they
// replace the record).
func (r *recordResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior recordModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	clientID, obo := plan.ClientID.ValueString(), plan.OnBehalfOf.ValueString()
	body := plan.toPortal()
	body.OrganizationName = known(prior.OrganizationName)
	label := portal.OnBehalfOfID(clientID, obo)
	updated, err := r.Data.Client.UpdateOnBehalfOf(ctx, clientID, obo, body)
	if err != nil {
		framework.AddPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to change on-behalf-of record %s", label), err, r.Data.Environment)
		return
	}
	plan.fromPortal(clientID, updated)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	setIdentity(ctx, resp.Identity, clientID, obo, &resp.Diagnostics)
}

// Delete deletes the record; one that is gone already is what was asked for.
func (r *recordResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state recordModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	clientID, obo := state.ClientID.ValueString(), state.OnBehalfOf.ValueString()
	if err := r.Data.Client.DeleteOnBehalfOf(ctx, clientID, obo); err != nil && !portal.IsNotFound(err) {
		framework.AddPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to delete on-behalf-of record %s",
			portal.OnBehalfOfID(clientID, obo)), err, r.Data.Environment)
	}
}
