package clients

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

var (
	_ resource.ResourceWithConfigure      = (*clientJWKSResource)(nil)
	_ resource.ResourceWithImportState    = (*clientJWKSResource)(nil)
	_ resource.ResourceWithIdentity       = (*clientJWKSResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*clientJWKSResource)(nil)
	_ resource.ResourceWithValidateConfig = (*clientJWKSResource)(nil)
)

// expiryMargin: a key whose exp is this close is treated as expired when
// the set is written, since the portal refuses an exp in the past and the
// request may take a while (retries) to arrive.
const expiryMargin = 5 * time.Minute

// clientJWKSResource manages the complete key set of one client
// (krr_client_jwks).
type clientJWKSResource struct {
	framework.ConfiguredResource
}

func newJWKSResource() resource.Resource { return &clientJWKSResource{} }

func (r *clientJWKSResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_client_jwks"
}

func (r *clientJWKSResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = clientJWKSResourceSchema()
}

// ValidateConfig refuses a key set the portal would refuse (too many keys,
// a bad kid, a private, non-RSA or short key, a JWK at odds with its entry)
// at validate time, before any request, and names the attribute at fault.
func (r *clientJWKSResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var keys types.Map
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("keys"), &keys)...)
	if resp.Diagnostics.HasError() || keys.IsNull() || keys.IsUnknown() {
		return
	}
	known := map[string]clientKeyModel{}
	for kid, v := range keys.Elements() {
		obj, ok := v.(types.Object)
		if !ok || obj.IsNull() || obj.IsUnknown() {
			continue // checked again at apply, in keysToPortal
		}
		var k clientKeyModel
		resp.Diagnostics.Append(obj.As(ctx, &k, basetypes.ObjectAsOptions{})...)
		known[kid] = k
	}
	validateKeys(len(keys.Elements()), known, &resp.Diagnostics)
}

// ModifyPlan decides which keys keep their exp and created. An unchanged key
// keeps them (the attributes' UseNonNullStateForUnknown has copied them from
// state), and Update sends its exp back so that the portal does not renew
// it. A key whose material changes (rotated in place, or repaired after it
// was replaced in the portal) is a new key to the portal: it gets a new exp,
// so both are unknown. So is the exp of a key that has expired, when the set
// is written anyway: the portal refuses a past exp, so it is renewed.
func (r *clientJWKSResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || req.State.Raw.IsNull() {
		return // destroy, or create: every computed value is unknown already
	}
	var plan, state clientJWKSModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || plan.Keys.IsUnknown() || plan.Keys.IsNull() {
		return
	}
	if plan.Keys.Equal(state.Keys) && plan.ClientID.Equal(state.ClientID) {
		return // nothing is written
	}
	stateKeys := state.keyMap(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	replacing := !plan.ClientID.Equal(state.ClientID)
	renewBefore := time.Now().Add(expiryMargin).Unix()
	changed := false
	// Element by element, so that an entry not known yet (a whole object
	// from elsewhere) passes through untouched.
	entries := plan.Keys.Elements()
	for kid, v := range entries {
		obj, ok := v.(types.Object)
		sk, inState := stateKeys[kid]
		if !ok || obj.IsNull() || obj.IsUnknown() || !inState {
			continue // a new key (exp and created are unknown already), or one not known yet
		}
		var pk clientKeyModel
		resp.Diagnostics.Append(obj.As(ctx, &pk, basetypes.ObjectAsOptions{})...)
		switch {
		case resp.Diagnostics.HasError():
			return
		case replacing || !sameKey(kid, pk, sk):
			pk.Exp, pk.Created = types.Int64Unknown(), types.StringUnknown()
		case !pk.Exp.IsUnknown() && !pk.Exp.IsNull() && pk.Exp.ValueInt64() <= renewBefore:
			pk.Exp = types.Int64Unknown()
		default:
			continue
		}
		nv, d := types.ObjectValueFrom(ctx, clientKeyObjectType.AttrTypes, pk)
		resp.Diagnostics.Append(d...)
		entries[kid] = nv
		changed = true
	}
	if changed && !resp.Diagnostics.HasError() {
		keys, d := types.MapValue(clientKeyObjectType, entries)
		resp.Diagnostics.Append(d...)
		plan.Keys = keys
		resp.Diagnostics.Append(resp.Plan.Set(ctx, &plan)...)
	}
}

// sameKey: the planned entry encodes the same material as the one in state.
// A value not known yet, or one that does not parse, counts as different.
func sameKey(kid string, planned, current clientKeyModel) bool {
	p, pKnown, pErr := planned.material(kid)
	c, cKnown, cErr := current.material(kid)
	return pKnown && cKnown && pErr == nil && cErr == nil && p.equal(c)
}

func (r *clientJWKSResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan clientJWKSModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	clientID, keys, body := plan.plannedSet(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	unlock := lockClient(clientID)
	defer unlock()

	// A client this apply has just made is active and has no keys: nothing
	// to read before the write.
	fresh := newClientsOf(r.Data).has(clientID)
	// A new key set for a deactivated client is most likely meant for
	// another client (a deactivated one gets no tokens): say so now.
	gone, err := "", error(nil)
	if !fresh {
		gone, err = r.clientGone(ctx, clientID)
	}
	switch {
	case err != nil:
		framework.AddPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to read client %s before setting its keys", clientID), err, r.Data.Environment)
		return
	case gone != "":
		resp.Diagnostics.AddAttributeError(path.Root("client_id"), "Client not usable",
			fmt.Sprintf("client %s %s in the %s environment, so its keys cannot be set. Check client_id.", clientID, gone, r.Data.Environment))
		return
	}

	// The set replaces whatever the client has. Keys made in the web portal
	// or by an earlier tool go; say which, since a client may still sign
	// with one of them.
	current := &portal.JWKS{}
	if !fresh {
		if current, err = r.Data.Client.GetJWKS(ctx, clientID); err != nil {
			framework.AddPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to read the keys of client %s", clientID), err, r.Data.Environment)
			return
		}
	}
	var dropped []string
	for _, kid := range kidsOf(current.Keys) {
		if _, ok := keys[kid]; !ok {
			dropped = append(dropped, kid)
		}
	}
	if len(dropped) > 0 {
		resp.Diagnostics.AddWarning(fmt.Sprintf("Keys removed from client %s", clientID),
			fmt.Sprintf("Client %s had keys that the configuration does not name: %s. krr_client_jwks manages the "+
				"client's complete key set, so they have been removed; a system that still signs with one of them "+
				"can no longer get tokens.", clientID, strings.Join(dropped, ", ")))
	}

	if r.replaceSet(ctx, &plan, keys, body, &resp.Diagnostics) {
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		SetClientIdentity(ctx, resp.Identity, clientID, &resp.Diagnostics)
	}
}

// Why a client's keys cannot be set, as clientGone says it.
const (
	clientMissing     = "does not exist"
	clientDeactivated = "has been deactivated"
)

// clientGone says why clientID's keys cannot be set ("" when they can):
// the client is gone (404, clientMissing) or deactivated
// (clientDeactivated). A 403 is an error, never "gone".
func (r *clientJWKSResource) clientGone(ctx context.Context, clientID string) (string, error) {
	cl, err := r.Data.Client.GetIntegration(ctx, clientID)
	switch {
	case portal.IsNotFound(err):
		return clientMissing, nil
	case err != nil:
		return "", err
	case !cl.Active:
		return clientDeactivated, nil
	}
	return "", nil
}

// written is the keys attribute after a write: the planned entries with the
// portal's exp and created. The portal must hold exactly the kids sent;
// anything else would be reported by Terraform as an inconsistent result
// without saying why.
func (r *clientJWKSResource) written(ctx context.Context, clientID string, sent map[string]clientKeyModel, answer *portal.JWKS, diags *diag.Diagnostics) types.Map {
	want := sortedKids(sent)
	if got := kidsOf(answer.Keys); !slices.Equal(got, want) {
		diags.AddError(fmt.Sprintf("Unexpected key set for client %s", clientID),
			fmt.Sprintf("The portal answered with the keys [%s] after being sent [%s]. This is a bug in the portal "+
				"or the provider; please report it. Run terraform apply again to write the set anew.",
				strings.Join(got, ", "), strings.Join(want, ", ")))
		return types.MapNull(clientKeyObjectType)
	}
	return keysValue(ctx, keysAfterWrite(sent, answer.Keys), diags)
}

// Read compares the portal's key set with state; see keysFromPortal for how
// a difference shows in the next plan.
func (r *clientJWKSResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state clientJWKSModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	clientID := state.ClientID.ValueString()
	// First, so that state from before identity gets one even when the
	// client is gone (see clientResource.Read).
	SetClientIdentity(ctx, resp.Identity, clientID, &resp.Diagnostics)
	const kind = "Key set of client"
	// Only a client that does not exist takes its keys along. A deactivated
	// one keeps them in the portal, and krr_client stays in state with
	// active = false (design lesson 12): dropping the key set would plan to
	// write keys that are still there, beside the one change that matters.
	gone, err := r.clientGone(ctx, clientID)
	switch {
	case err != nil:
		framework.AddPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to read client %s", clientID), err, r.Data.Environment)
		return
	case gone == clientMissing:
		framework.WarnRemovedFromState(&resp.Diagnostics, kind, clientID, "is gone: the client "+gone+" in the portal")
		resp.State.RemoveResource(ctx)
		return
	}
	set, err := r.Data.Client.GetJWKS(ctx, clientID)
	switch {
	case portal.IsNotFound(err): // the client went between the two reads
		framework.WarnRemovedFromState(&resp.Diagnostics, kind, clientID, "is gone: the client does not exist in the portal")
		resp.State.RemoveResource(ctx)
		return
	case err != nil:
		framework.AddPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to read the keys of client %s", clientID), err, r.Data.Environment)
		return
	}
	prior := state.keyMap(ctx, &resp.Diagnostics)
	read := state
	read.ID = types.StringValue(clientID)
	read.Keys = keysValue(ctx, keysFromPortal(prior, set.Keys), &resp.Diagnostics)
	framework.SetIfChanged(ctx, &resp.State, &read, &state, &resp.Diagnostics)
}

// plannedSet is the key set a create or update sends: the client, its keys
// by kid, and the same keys as the portal takes them.
func (m clientJWKSModel) plannedSet(ctx context.Context, diags *diag.Diagnostics) (string, map[string]clientKeyModel, []portal.JWK) {
	keys := m.keyMap(ctx, diags)
	return m.ClientID.ValueString(), keys, keysToPortal(keys, diags)
}

// replaceSet writes the whole key set and puts what the portal answered
// into the model; it reports whether that worked.
func (r *clientJWKSResource) replaceSet(ctx context.Context, m *clientJWKSModel, keys map[string]clientKeyModel,
	body []portal.JWK, diags *diag.Diagnostics) bool {
	clientID := m.ClientID.ValueString()
	answer, err := r.Data.Client.ReplaceJWKS(ctx, clientID, body)
	if err != nil {
		framework.AddPortalError(diags, fmt.Sprintf("Unable to set the keys of client %s", clientID), err, r.Data.Environment)
		return false
	}
	m.ID = types.StringValue(clientID)
	m.Keys = r.written(ctx, clientID, keys, answer, diags)
	return !diags.HasError()
}

// Update sends the whole planned set: the portal has no other way to change
// a set atomically, and a key rotated in place is just a new entry under the
// same kid.
func (r *clientJWKSResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan clientJWKSModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	clientID, keys, body := plan.plannedSet(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	unlock := lockClient(clientID)
	defer unlock()
	if r.replaceSet(ctx, &plan, keys, body, &resp.Diagnostics) {
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		SetClientIdentity(ctx, resp.Identity, clientID, &resp.Diagnostics)
	}
}

// Delete removes every key of the client; the client itself stays. A client
// that is gone has no keys left to remove.
func (r *clientJWKSResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state clientJWKSModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	clientID := state.ClientID.ValueString()
	unlock := lockClient(clientID)
	defer unlock()
	if err := r.Data.Client.DeleteJWKS(ctx, clientID); err != nil && !portal.IsNotFound(err) {
		framework.AddPortalError(&resp.Diagnostics, fmt.Sprintf("Unable to remove the keys of client %s", clientID), err, r.Data.Environment)
	}
}
