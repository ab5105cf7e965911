package framework

import (
	"context"
	"iter"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
)

// A list resource (Terraform 1.14 and later: `list` blocks in .tfquery.hcl
// files, `terraform query`) answers with one result per object: its
// identity, a name a person recognises, and, when the query asks for it
// (include_resource), the state its resource would read.

// ListResults streams one result per item, filled by fill, and stops at
// the query's limit. fill sets the result's identity, its display name and,
// when includeResource is true, its resource.
func ListResults[T any](ctx context.Context, req list.ListRequest, items []T, fill func(item T, result *list.ListResult, includeResource bool)) iter.Seq[list.ListResult] {
	return func(push func(list.ListResult) bool) {
		for i, item := range items {
			if req.Limit > 0 && int64(i) >= req.Limit {
				return
			}
			result := req.NewListResult(ctx)
			fill(item, &result, req.IncludeResource)
			if !push(result) {
				return
			}
		}
	}
}

// ListError is the stream of a list that could not be read: one result
// that holds the error.
func ListError(summary string, err error, environment string) iter.Seq[list.ListResult] {
	var diags diag.Diagnostics
	AddPortalError(&diags, summary, err, environment)
	return list.ListResultsStreamDiagnostics(diags)
}
