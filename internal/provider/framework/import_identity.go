package framework

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Import by identity (an import block with identity = {…}, Terraform and
// OpenTofu 1.12 and later) names an object by the attributes of its
// identity, where import by ID names it with one string. An identity schema
// has no validators, so a resource checks what an identity gives as it
// checks an import ID: in ImportState, before any request.

// ByIdentity tells whether an import names the object by its identity: no
// import ID, and an identity the user gave (the framework hands a null one
// to an import by ID).
func ByIdentity(req resource.ImportStateRequest) bool {
	return req.ID == "" && req.Identity != nil && !req.Identity.Raw.IsNull()
}

// ImportedString is what an import names the object by: the import ID, or,
// for an import by identity, the identity's string attribute attr ("" when
// null).
func ImportedString(ctx context.Context, req resource.ImportStateRequest, attr string, diags *diag.Diagnostics) string {
	if !ByIdentity(req) {
		return req.ID
	}
	var v types.String
	diags.Append(req.Identity.GetAttribute(ctx, path.Root(attr), &v)...)
	return v.ValueString()
}

// AddIdentityError refuses an import by identity of typeName: its attribute
// attr breaks rule. The message names the attribute the way the import
// block writes it, since Terraform shows no attribute path for an identity.
func AddIdentityError(diags *diag.Diagnostics, typeName, attr, rule string) {
	diags.AddError("Invalid import identity for "+typeName,
		fmt.Sprintf("identity.%s: %s.", attr, strings.TrimSuffix(rule, ".")))
}

// CheckIdentityOrgno refuses an identity's attribute attr that is not an
// organisation number, as OrgnoValidator refuses an argument: the number
// goes into request paths (lesson 10).
func CheckIdentityOrgno(diags *diag.Diagnostics, typeName, attr, orgno string) {
	if problem := OrgnoProblem(orgno); problem != "" {
		AddIdentityError(diags, typeName, attr, problem)
	}
}
