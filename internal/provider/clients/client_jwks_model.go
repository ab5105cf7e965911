package clients

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/platform-iac/terraform-provider-krr/internal/portal"
	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

// clientJWKSModel is krr_client_jwks's state.
type clientJWKSModel struct {
	ID       types.String `tfsdk:"id"`
	ClientID types.String `tfsdk:"client_id"`
	Keys     types.Map    `tfsdk:"keys"` // of clientKeyModel, by kid
}

// clientKeyModel is one entry of keys. public_key_pem and jwk hold what the
// user configured, verbatim, and never what the portal answered: the portal
// only has n, e and x5c, and a configured PEM written back as a JWK would be
// a diff on every plan. See keysFromPortal for when state holds the portal's
// form instead.
type clientKeyModel struct {
	PublicKeyPEM types.String `tfsdk:"public_key_pem"`
	JWK          types.String `tfsdk:"jwk"`
	Alg          types.String `tfsdk:"alg"`
	Exp          types.Int64  `tfsdk:"exp"`
	Created      types.String `tfsdk:"created"`
}

var clientKeyObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"public_key_pem": types.StringType,
	"jwk":            types.StringType,
	"alg":            types.StringType,
	"exp":            types.Int64Type,
	"created":        types.StringType,
}}

// keyMap reads keys; a null or unknown map (an import, before the first
// read) gives nil.
func (m clientJWKSModel) keyMap(ctx context.Context, diags *diag.Diagnostics) map[string]clientKeyModel {
	if m.Keys.IsNull() || m.Keys.IsUnknown() {
		return nil
	}
	var keys map[string]clientKeyModel
	diags.Append(m.Keys.ElementsAs(ctx, &keys, false)...)
	return keys
}

func keysValue(ctx context.Context, keys map[string]clientKeyModel, diags *diag.Diagnostics) types.Map {
	if keys == nil {
		keys = map[string]clientKeyModel{}
	}
	v, d := types.MapValueFrom(ctx, clientKeyObjectType, keys)
	diags.Append(d...)
	return v
}

func keyPath(kid string) path.Path { return path.Root("keys").AtMapKey(kid) }

// keyConfigError is a key's configuration refused: on which attribute of the
// entry ("" for the entry itself) and the rule it breaks, phrased to follow
// the attribute's path ("keys[\"k1\"].jwk is a private key …").
type keyConfigError struct{ attr, rule string }

func (e *keyConfigError) Error() string { return e.rule }

func (e *keyConfigError) path(kid string) path.Path {
	if e.attr == "" {
		return keyPath(kid)
	}
	return keyPath(kid).AtName(e.attr)
}

// addKeyError adds a refused key as an error on its attribute; the message
// starts with the attribute's path, since the CLI shows only the line.
func addKeyError(diags *diag.Diagnostics, kid string, err error) {
	var p path.Path
	var ke *keyConfigError
	if e, ok := err.(*keyConfigError); ok {
		ke, p = e, e.path(kid)
	} else {
		ke, p = &keyConfigError{rule: err.Error()}, keyPath(kid)
	}
	diags.AddAttributeError(p, "Invalid client key", fmt.Sprintf("%s %s.", p, strings.TrimSuffix(ke.rule, ".")))
}

// material parses what the entry configures. known is false when a value
// is not known yet (it comes from another resource): the entry is checked
// again once it is.
func (k clientKeyModel) material(kid string) (m keyMaterial, known bool, err error) {
	if k.PublicKeyPEM.IsUnknown() || k.JWK.IsUnknown() {
		return keyMaterial{}, false, nil
	}
	hasPEM, hasJWK := !k.PublicKeyPEM.IsNull(), !k.JWK.IsNull()
	switch {
	case hasPEM && hasJWK:
		return keyMaterial{}, true, &keyConfigError{rule: "sets both public_key_pem and jwk; set exactly one of them"}
	case !hasPEM && !hasJWK:
		return keyMaterial{}, true, &keyConfigError{rule: "sets neither public_key_pem nor jwk; set exactly one of them"}
	case hasPEM:
		m, err := parsePublicKeyPEM(k.PublicKeyPEM.ValueString())
		if err != nil {
			return keyMaterial{}, true, &keyConfigError{attr: "public_key_pem", rule: err.Error()}
		}
		return m, true, nil
	}
	j, err := parsePublicJWK(k.JWK.ValueString())
	if err != nil {
		return keyMaterial{}, true, &keyConfigError{attr: "jwk", rule: err.Error()}
	}
	// kid, use and alg in the JWK are redundant with the entry; one that
	// disagrees is a mistake the portal would settle silently in favour of
	// the entry, so say so now.
	switch {
	case j.kid != "" && j.kid != kid:
		return keyMaterial{}, true, &keyConfigError{attr: "jwk", rule: fmt.Sprintf(
			"has kid %q, but the entry's kid (its key in keys) is %q; make them equal or leave kid out of the JWK", j.kid, kid)}
	case j.use != "" && j.use != keyUseSig:
		return keyMaterial{}, true, &keyConfigError{attr: "jwk", rule: fmt.Sprintf(
			"has use %q; the portal accepts signing keys only (use \"sig\"), and sends use \"sig\" anyway", j.use)}
	case j.alg != "" && !slices.Contains(keyAlgorithms, j.alg):
		return keyMaterial{}, true, &keyConfigError{attr: "jwk", rule: fmt.Sprintf("has alg %q%s", j.alg, keyAlgRule)}
	case j.alg != "" && !k.Alg.IsUnknown() && j.alg != framework.OrDefault(k.Alg.ValueString(), defaultKeyAlg):
		return keyMaterial{}, true, &keyConfigError{attr: "jwk", rule: fmt.Sprintf(
			"has alg %q, but the entry's alg is %q; set alg = %q on the entry or leave alg out of the JWK",
			j.alg, framework.OrDefault(k.Alg.ValueString(), defaultKeyAlg), j.alg)}
	}
	return j.keyMaterial, true, nil
}

// validateKeys checks a configured key set against the portal's rules. It
// makes no request, so that ValidateConfig refuses a bad set before
// anything is read or written.
// count is the number of entries, including any not known yet, which keys
// leaves out.
func validateKeys(count int, keys map[string]clientKeyModel, diags *diag.Diagnostics) {
	if count > maxClientKeys {
		diags.AddAttributeError(path.Root("keys"), "Too many client keys", fmt.Sprintf(
			"keys has %d entries; a client has at most %d keys (the portal refuses more, and replaces the whole "+
				"set on every write). Remove a key that no client signs with any more.", count, maxClientKeys))
	}
	for _, kid := range sortedKids(keys) {
		if !kidPattern.MatchString(kid) {
			diags.AddAttributeError(keyPath(kid), "Invalid key id", fmt.Sprintf(
				"%s: the kid %q may hold only letters, digits, '.', '_' and '-' (the portal's rule for kid).",
				keyPath(kid), kid))
			continue
		}
		if _, _, err := keys[kid].material(kid); err != nil {
			addKeyError(diags, kid, err)
		}
	}
}

// keysToPortal is the key set a write sends, in kid order. A key keeps the
// exp the plan gives it (the portal would otherwise give every key of the
// set a new year on every write); a key whose exp is unknown (new, rotated
// or expired: see ModifyPlan) gets 0, the portal's "one year from now".
func keysToPortal(keys map[string]clientKeyModel, diags *diag.Diagnostics) []portal.JWK {
	validateKeys(len(keys), keys, diags)
	if diags.HasError() {
		return nil
	}
	out := make([]portal.JWK, 0, len(keys))
	for _, kid := range sortedKids(keys) {
		k := keys[kid]
		m, known, err := k.material(kid)
		if err == nil && !known {
			err = fmt.Errorf("is not known at apply time")
		}
		if err != nil {
			addKeyError(diags, kid, err)
			continue
		}
		var exp int64
		if !k.Exp.IsUnknown() && !k.Exp.IsNull() {
			exp = k.Exp.ValueInt64()
		}
		out = append(out, m.toPortal(kid, framework.OrDefault(k.Alg.ValueString(), defaultKeyAlg), exp))
	}
	return out
}

// keysFromPortal is the keys attribute for the portal's key set. prior is
// what state (in Read) or the plan (after a write) says for each kid. For a
// kid whose prior public_key_pem or jwk still encodes the key the portal
// holds, the prior value is kept as configured. Otherwise (a key added in
// the portal, a key replaced there under the same kid, an import) the
// entry gets the portal's key as a canonical JWK in jwk and a null
// public_key_pem: the next plan then shows the configured key replacing it.
// Kids in prior that the portal lacks are left out, so the plan adds them.
func keysFromPortal(prior map[string]clientKeyModel, answer []portal.JWK) map[string]clientKeyModel {
	out := make(map[string]clientKeyModel, len(answer))
	for _, k := range answer {
		entry := clientKeyModel{
			PublicKeyPEM: types.StringNull(),
			JWK:          types.StringValue(canonicalJWK(k)),
			Alg:          types.StringValue(framework.OrDefault(k.Alg, defaultKeyAlg)),
			Exp:          types.Int64Value(k.Exp),
			Created:      types.StringValue(canonicalInstant(k.Created)),
		}
		if p, ok := prior[k.Kid]; ok {
			held, herr := materialFromPortal(k)
			configured, known, cerr := p.material(k.Kid)
			if herr == nil && cerr == nil && known && configured.equal(held) {
				entry.PublicKeyPEM, entry.JWK = p.PublicKeyPEM, p.JWK
			}
		}
		out[k.Kid] = entry
	}
	return out
}

// keysAfterWrite is the keys attribute after a write of planned: the portal's
// answer, but for an unchanged key, whose exp and created the plan knows
// (from state): those stay as planned. The per-key exp and created of a
// key-set answer are not promised (portal-api.md §11): the portal may write
// created in another form, or give an unchanged key a new exp, and taking
// either from the answer would make Terraform report an inconsistent result.
// A new exp of an unchanged key shows at the next refresh, from GET.
func keysAfterWrite(planned map[string]clientKeyModel, answer []portal.JWK) map[string]clientKeyModel {
	out := keysFromPortal(planned, answer)
	for kid, entry := range out {
		p, ok := planned[kid]
		if !ok {
			continue
		}
		if !p.Exp.IsUnknown() && !p.Exp.IsNull() {
			entry.Exp = p.Exp
		}
		if !p.Created.IsUnknown() && !p.Created.IsNull() {
			entry.Created = p.Created
		}
		out[kid] = entry
	}
	return out
}

// canonicalInstant writes a key's created in one form (RFC 3339 in UTC, with
// the fraction it has): the portal writes one instant in more than one form
// (portal-api.md §3), and a key-set answer need not use the form of GET
// (§11), so that state would change on every read otherwise. A value that
// does not parse is kept as the portal wrote it.
func canonicalInstant(ts string) string {
	t, err := time.Parse(time.RFC3339Nano, ts)
	if err != nil {
		return ts
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func sortedKids(keys map[string]clientKeyModel) []string {
	kids := make([]string, 0, len(keys))
	for kid := range keys {
		kids = append(kids, kid)
	}
	sort.Strings(kids)
	return kids
}

// kidsOf lists the kids of a key set from the portal, sorted.
func kidsOf(keys []portal.JWK) []string {
	kids := make([]string, len(keys))
	for i, k := range keys {
		kids[i] = k.Kid
	}
	slices.Sort(kids)
	return kids
}
