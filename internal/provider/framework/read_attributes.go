package framework

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

// AttributeSource is a plan, a state or a configuration: what a value can
// be read from by its path.
type AttributeSource interface {
	GetAttribute(ctx context.Context, p path.Path, target any) diag.Diagnostics
}

// Attribute is one top-level attribute to read, and where to put it.
type Attribute struct {
	name string
	into any
}

// Attr names a top-level attribute and the model field it is read into.
func Attr(name string, into any) Attribute { return Attribute{name: name, into: into} }

// ReadAttributes reads only the attributes named, each into its field. A
// plan check that needs three attributes of a model of twenty reads them so:
// Get into the whole model walks every field by reflection (and the framework
// compiles a regular expression for each field's name on every call), and
// Terraform plans each resource in two provider processes of every apply.
func ReadAttributes(ctx context.Context, from AttributeSource, diags *diag.Diagnostics, attrs ...Attribute) {
	for _, a := range attrs {
		diags.Append(from.GetAttribute(ctx, path.Root(a.name), a.into)...)
	}
}
