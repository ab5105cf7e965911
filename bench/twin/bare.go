package main

import (
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// The bare twin (KRR_TWIN_BARE=1) serves each resource schema as
// `terraform providers schema -json` shows it: names, types, required,
// optional, computed and sensitive, and nothing else. No validator, no plan
// modifier, no default, no custom type. Its time is the floor for these
// schemas' shapes alone; the bench's other twin keeps the validators and
// plan modifiers, so that the gap between the two is what they cost.

func bareSchema(s schema.Schema) schema.Schema {
	return schema.Schema{
		Version:    s.Version,
		Attributes: bareAttributes(s.Attributes),
		Blocks:     bareBlocks(s.Blocks),
	}
}

func bareAttributes(in map[string]schema.Attribute) map[string]schema.Attribute {
	if in == nil {
		return nil
	}
	out := make(map[string]schema.Attribute, len(in))
	for name, a := range in {
		out[name] = bareAttribute(a)
	}
	return out
}

// bareAttribute keeps an attribute's type and its required, optional,
// computed and sensitive flags. An optional attribute with a default
// becomes optional and computed, as the JSON schema shows it.
func bareAttribute(a schema.Attribute) schema.Attribute {
	req, opt, comp, sens := a.IsRequired(), a.IsOptional(), a.IsComputed(), a.IsSensitive()
	switch a := a.(type) {
	case schema.StringAttribute:
		return schema.StringAttribute{Required: req, Optional: opt, Computed: comp, Sensitive: sens}
	case schema.BoolAttribute:
		return schema.BoolAttribute{Required: req, Optional: opt, Computed: comp, Sensitive: sens}
	case schema.Int64Attribute:
		return schema.Int64Attribute{Required: req, Optional: opt, Computed: comp, Sensitive: sens}
	case schema.Int32Attribute:
		return schema.Int32Attribute{Required: req, Optional: opt, Computed: comp, Sensitive: sens}
	case schema.Float64Attribute:
		return schema.Float64Attribute{Required: req, Optional: opt, Computed: comp, Sensitive: sens}
	case schema.NumberAttribute:
		return schema.NumberAttribute{Required: req, Optional: opt, Computed: comp, Sensitive: sens}
	case schema.ListAttribute:
		return schema.ListAttribute{ElementType: a.ElementType, Required: req, Optional: opt, Computed: comp, Sensitive: sens}
	case schema.SetAttribute:
		return schema.SetAttribute{ElementType: a.ElementType, Required: req, Optional: opt, Computed: comp, Sensitive: sens}
	case schema.MapAttribute:
		return schema.MapAttribute{ElementType: a.ElementType, Required: req, Optional: opt, Computed: comp, Sensitive: sens}
	case schema.ObjectAttribute:
		return schema.ObjectAttribute{AttributeTypes: a.AttributeTypes, Required: req, Optional: opt, Computed: comp, Sensitive: sens}
	case schema.SingleNestedAttribute:
		return schema.SingleNestedAttribute{Attributes: bareAttributes(a.Attributes), Required: req, Optional: opt, Computed: comp, Sensitive: sens}
	case schema.ListNestedAttribute:
		return schema.ListNestedAttribute{NestedObject: bareNested(a.NestedObject), Required: req, Optional: opt, Computed: comp, Sensitive: sens}
	case schema.SetNestedAttribute:
		return schema.SetNestedAttribute{NestedObject: bareNested(a.NestedObject), Required: req, Optional: opt, Computed: comp, Sensitive: sens}
	case schema.MapNestedAttribute:
		return schema.MapNestedAttribute{NestedObject: bareNested(a.NestedObject), Required: req, Optional: opt, Computed: comp, Sensitive: sens}
	}
	return a // a kind the provider does not use: served as it is
}

func bareNested(o schema.NestedAttributeObject) schema.NestedAttributeObject {
	return schema.NestedAttributeObject{Attributes: bareAttributes(o.Attributes)}
}

func bareBlocks(in map[string]schema.Block) map[string]schema.Block {
	if in == nil {
		return nil
	}
	out := make(map[string]schema.Block, len(in))
	for name, b := range in {
		switch b := b.(type) {
		case schema.ListNestedBlock:
			out[name] = schema.ListNestedBlock{NestedObject: schema.NestedBlockObject{
				Attributes: bareAttributes(b.NestedObject.Attributes), Blocks: bareBlocks(b.NestedObject.Blocks)}}
		case schema.SetNestedBlock:
			out[name] = schema.SetNestedBlock{NestedObject: schema.NestedBlockObject{
				Attributes: bareAttributes(b.NestedObject.Attributes), Blocks: bareBlocks(b.NestedObject.Blocks)}}
		case schema.SingleNestedBlock:
			out[name] = schema.SingleNestedBlock{Attributes: bareAttributes(b.Attributes), Blocks: bareBlocks(b.Blocks)}
		default:
			out[name] = b
		}
	}
	return out
}
