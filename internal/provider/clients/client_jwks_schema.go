package clients

import (
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// clientJWKSResourceSchema. The rules on keys that need more than one
// attribute (exactly one of public_key_pem and jwk, kids, the number of keys,
// what a PEM or JWK holds) are in ValidateConfig, so that every message can
// name the key and the attribute it is about.
func clientJWKSResourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "The complete set of public keys of one Maskinporten client, with which " +
			"it signs its JWT grants. The portal replaces the whole set on every write, so this resource " +
			"owns it: keys added in the web portal are removed at the next apply, and keys removed there are put " +
			"back. A client has at most five keys, RSA of 2048 bits or more, each signing with " +
			"`RS256` or `RS512` (the portal refuses `RS384`); every key is sent with `use = \"sig\"`.\n\n" +
			"Changing a key in place replaces it at once, and a system still signing with the old key stops " +
			"getting tokens; to rotate without that, add the new key under a new `kid`, move the signers to it, " +
			"then remove the old entry. The portal gives each new key an expiry one year ahead " +
			"(`exp`); a key whose material does not change keeps its `exp`, except that a key already expired is " +
			"renewed when the set is written anyway.\n\n" +
			"After an import every key is in state in JWK form (`jwk`), as the portal holds it; a configuration " +
			"with `public_key_pem` then plans one in-place update that writes the same keys back. Writing " +
			"`jwk = jsonencode({ kty = \"RSA\", n = \"…\", e = \"AQAB\" })` matches the imported form exactly.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The client's id, as `client_id`.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"client_id": schema.StringAttribute{
				MarkdownDescription: "The client whose keys these are, e.g. `krr_client.x.client_id`. The client " +
					"must exist and be active. Changing it removes every key from the old client and sets them on " +
					"the new one.",
				Required:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:    []validator.String{ClientIDFormat()},
			},
			"keys": schema.MapNestedAttribute{
				MarkdownDescription: "The client's keys by key id (`kid`, the `kid` header of the JWT grants the " +
					"client signs): letters, digits, `.`, `_` and `-`. At most five. An empty map removes every key.",
				Required: true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"public_key_pem": schema.StringAttribute{
							MarkdownDescription: "The public key in PEM (`PUBLIC KEY` or `RSA PUBLIC KEY`), or a " +
								"certificate (`CERTIFICATE`, optionally followed by its chain, which is sent as " +
								"`x5c`), e.g. `file(\"keys/2026.pub.pem\")`. A private key is refused. Exactly " +
								"one of `public_key_pem` and `jwk`.",
							Optional: true,
						},
						"jwk": schema.StringAttribute{
							MarkdownDescription: "The public key as a JSON JWK with `kty = \"RSA\"`, `n` and `e` " +
								"(and optionally `x5c`; `kid`, `use` and `alg`, when given, must agree with the " +
								"entry's key, `sig` and `alg`). A JWK with private members (`d`, `p`, `q`, …) is " +
								"refused. Exactly one of `public_key_pem` and `jwk`. Keys changed in the portal " +
								"show up here, in this form, so that the plan shows their repair.",
							Optional: true,
						},
						"alg": schema.StringAttribute{
							MarkdownDescription: "The signing algorithm: `RS256` (default) or `RS512`. The portal refuses `RS384` for a " +
								"client key, so it is refused at plan.",
							Optional:   true,
							Computed:   true,
							Default:    stringdefault.StaticString(defaultKeyAlg),
							Validators: []validator.String{keyAlgValidator{}},
						},
						// The portal sets exp and created; a key that is not
						// changed keeps both. UseNonNullStateForUnknown (not
						// UseStateForUnknown) because a new entry of the map has
						// a null prior value that must stay unknown, while
						// ModifyPlan makes a rotated key's values unknown again.
						"exp": schema.Int64Attribute{
							MarkdownDescription: "When the key expires, in seconds since the epoch; set by the " +
								"portal to one year after the key was written.",
							Computed:      true,
							PlanModifiers: []planmodifier.Int64{int64planmodifier.UseNonNullStateForUnknown()},
						},
						"created": schema.StringAttribute{
							MarkdownDescription: "When the key was added to the client (ISO 8601).",
							Computed:            true,
							PlanModifiers:       []planmodifier.String{stringplanmodifier.UseNonNullStateForUnknown()},
						},
					},
				},
			},
		},
	}
}
