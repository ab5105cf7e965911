package onbehalfof

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/platform-iac/terraform-provider-krr/internal/provider/framework"
)

var (
	_ resource.ResourceWithConfigure   = (*recordResource)(nil)
	_ resource.ResourceWithImportState = (*recordResource)(nil)
	_ resource.ResourceWithIdentity    = (*recordResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*recordResource)(nil)
)

// allowedTypes are the integration types whose clients may hold records
// (portal-api.md §12). refusedType is the one §12 names as refused, which
// the plan refuses when it can read the client; any other is left to the
// portal.
var allowedTypes = []string{"idporten", "api_klient", "krr"}

const refusedType = "maskinporten"

// recordResource is krr_client_onbehalfof: one on-behalf-of record of a
// client.
type recordResource struct {
	framework.ConfiguredResource
}

func newResource() resource.Resource { return &recordResource{} }

const typeName = "krr_client_onbehalfof"

func (r *recordResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_client_onbehalfof"
}

const resourceDescription = "An on-behalf-of record of a client: a supplier that serves many customers through one " +
	"client keeps one record per customer, instead of one client per customer. Records are allowed on `idporten`, " +
	"`api_klient` and `krr` clients, not on `maskinporten` clients.\n\n" +
	"How the client uses it: an ID-porten or API-klient client sends `onbehalfof=<onbehalfof>` in its sign-in " +
	"(authorization) request; a KRR machine client " +
	"sends the claim `iss_onbehalfof` = `<onbehalfof>` in the JWT grant it sends to Maskinporten's token endpoint. " +
	"A record does not inherit the customer's scope grants: the client itself must carry every scope it asks for.\n\n" +
	"`orgno` and `onbehalfof` never change in the portal: changing either replaces the record. Destroying it " +
	"deletes the record. Import ID: `<client_id>::<onbehalfof>`."

func (r *recordResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	unchanging := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: resourceDescription,
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The record's full id, `<client_id>::<onbehalfof>`.",
				Computed:            true,
				PlanModifiers:       unchanging,
			},
			"client_id": schema.StringAttribute{
				MarkdownDescription: "The id of the client (of integration type `idporten`, `api_klient` or `krr`) " +
					"the record belongs to, usually `krr_client.x.client_id`. Changing it replaces the record.",
				Required:      true,
				PlanModifiers: replace,
				Validators:    []validator.String{stringvalidator.RegexMatches(framework.NoWhitespace, "must be a client id, without whitespace")},
			},
			"onbehalfof": schema.StringAttribute{
				MarkdownDescription: "The record's own id, unique on the client: what the client sends as " +
					"`onbehalfof=<value>` at sign-in, or as the claim `iss_onbehalfof` in a KRR grant. " +
					onBehalfOfRuleText + ". Changing it replaces the record.",
				Required:      true,
				PlanModifiers: replace,
				Validators:    []validator.String{stringvalidator.RegexMatches(onBehalfOfRule, "must be "+onBehalfOfRuleText)},
			},
			"orgno": schema.StringAttribute{
				MarkdownDescription: "The customer's organisation number (9 digits, valid check digit). Changing it " +
					"replaces the record.",
				Required:      true,
				PlanModifiers: replace,
				Validators:    []validator.String{framework.OrgnoValidator{}},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "The customer's name.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1), framework.NotBlankValidator{}},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "What the record is for; at most 255 characters.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 255), framework.NotBlankValidator{}},
			},
			"uri": schema.StringAttribute{
				MarkdownDescription: "The customer's web page: an absolute `https` (or `http`) URI.",
				Optional:            true,
				Validators:          []validator.String{webURIValidator{}},
			},
			"logo_uri": schema.StringAttribute{
				MarkdownDescription: "The customer's logo: an absolute `https` (or `http`) URI.",
				Optional:            true,
				Validators:          []validator.String{webURIValidator{}},
			},
			"organization_name": schema.StringAttribute{
				MarkdownDescription: "The customer's name as the portal knows it from `orgno` (empty when it does not).",
				Computed:            true,
				PlanModifiers:       unchanging,
			},
			"created": schema.StringAttribute{
				MarkdownDescription: "When the record was made (ISO 8601).",
				Computed:            true,
				PlanModifiers:       unchanging,
			},
			"last_updated": schema.StringAttribute{
				MarkdownDescription: "When the record was last changed (ISO 8601).",
				Computed:            true,
			},
		},
	}
}

// ModifyPlan refuses, at plan, a record on a client that §12 says may not
// hold one (a maskinporten client), when the client id is known and the
// client can be read: the plan stops before anything is written. A client
// that cannot be read (not made yet, another organisation's, the portal
// down) is left to apply, where the portal's answer and its correlation id
// come through.
func (r *recordResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.Data == nil {
		return
	}
	var plan recordModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	clientID := framework.KnownString(plan.ClientID)
	if clientID == "" {
		return
	}
	if !req.State.Raw.IsNull() {
		var state recordModel
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		if resp.Diagnostics.HasError() || state.ClientID.ValueString() == clientID {
			return // the client's kind never changes: it was checked when the record was made
		}
	}
	cl, err := r.Data.Client.GetIntegration(ctx, clientID)
	if err != nil || cl.IntegrationType != refusedType {
		return
	}
	resp.Diagnostics.AddAttributeError(path.Root("client_id"), "On-behalf-of records are not allowed on Maskinporten clients",
		fmt.Sprintf("client_id is %s, a %s client in the %s environment. On-behalf-of records are allowed only on %s "+
			"clients (integration_type). Use a client of one of those kinds, or a client per customer.",
			clientID, cl.IntegrationType, r.Data.Environment, strings.Join(allowedTypes, ", ")))
}
