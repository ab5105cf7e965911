package provider

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// Where tfplugindocs looks for examples and writes the docs, relative to
// this package's directory.
const (
	repoExamplesDir = "../../examples"
	repoDocsDir     = "../../docs"
)

// docServedType is one resource, data source or ephemeral resource the
// provider serves, with the files tfplugindocs needs for it.
type docServedType struct {
	kind     string   // "resources", "data-sources", "ephemeral-resources", "actions", "list-resources": the folder under examples/ and docs/
	typeName string   // krr_scope
	files    []string // under examples/<kind>/<typeName>/
}

// TestExamplesAndDocs checks that everything the provider serves has an
// example (which tfplugindocs puts in its page, and which make
// validate-examples checks with terraform), a generated page under docs/,
// and, for a resource, an import example. A plain unit test: it reads
// only the repository.
func TestExamplesAndDocs(t *testing.T) {
	served := docServedTypes(t)
	if len(served) == 0 {
		t.Fatal("the provider serves no resources, data sources or ephemeral resources")
	}
	var missing []string
	for _, s := range served {
		for _, f := range s.files {
			p := filepath.Join(repoExamplesDir, s.kind, s.typeName, f)
			if !isRegularFile(p) {
				missing = append(missing, "examples/"+s.kind+"/"+s.typeName+"/"+f)
			}
		}
		short := strings.TrimPrefix(s.typeName, TypeName+"_")
		if !isRegularFile(filepath.Join(repoDocsDir, s.kind, short+".md")) {
			missing = append(missing, "docs/"+s.kind+"/"+short+".md (run make docs)")
		}
	}
	if len(missing) > 0 {
		t.Errorf("missing for what the provider serves:\n  %s", strings.Join(missing, "\n  "))
	}
}

// docServedTypes asks the provider, as Terraform would, for the type names of
// what it serves.
func docServedTypes(t *testing.T) []docServedType {
	t.Helper()
	ctx := context.Background()
	p := New("test")()
	var meta provider.MetadataResponse
	p.Metadata(ctx, provider.MetadataRequest{}, &meta)

	var served []docServedType
	for _, newResource := range p.Resources(ctx) {
		var resp resource.MetadataResponse
		newResource().Metadata(ctx, resource.MetadataRequest{ProviderTypeName: meta.TypeName}, &resp)
		files := []string{"resource.tf", "import.sh"}
		if _, ok := newResource().(resource.ResourceWithIdentity); ok {
			files = append(files, "import-by-identity.tf")
		}
		served = append(served, docServedType{"resources", resp.TypeName, files})
	}
	for _, newDataSource := range p.DataSources(ctx) {
		var resp datasource.MetadataResponse
		newDataSource().Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: meta.TypeName}, &resp)
		served = append(served, docServedType{"data-sources", resp.TypeName, []string{"data-source.tf"}})
	}
	if pe, ok := p.(provider.ProviderWithEphemeralResources); ok {
		for _, newEphemeral := range pe.EphemeralResources(ctx) {
			var resp ephemeral.MetadataResponse
			newEphemeral().Metadata(ctx, ephemeral.MetadataRequest{ProviderTypeName: meta.TypeName}, &resp)
			served = append(served, docServedType{"ephemeral-resources", resp.TypeName, []string{"ephemeral-resource.tf"}})
		}
	}
	if pa, ok := p.(provider.ProviderWithActions); ok {
		for _, newAction := range pa.Actions(ctx) {
			var resp action.MetadataResponse
			newAction().Metadata(ctx, action.MetadataRequest{ProviderTypeName: meta.TypeName}, &resp)
			served = append(served, docServedType{"actions", resp.TypeName, []string{"action.tf"}})
		}
	}
	if pl, ok := p.(provider.ProviderWithListResources); ok {
		for _, newList := range pl.ListResources(ctx) {
			var resp resource.MetadataResponse
			newList().Metadata(ctx, resource.MetadataRequest{ProviderTypeName: meta.TypeName}, &resp)
			served = append(served, docServedType{"list-resources", resp.TypeName, []string{"list-resource.tfquery.hcl"}})
		}
	}
	for _, s := range served {
		if !strings.HasPrefix(s.typeName, meta.TypeName+"_") {
			t.Errorf("%s %q does not start with %q", s.kind, s.typeName, meta.TypeName+"_")
		}
	}
	sort.Slice(served, func(i, j int) bool {
		if served[i].kind != served[j].kind {
			return served[i].kind < served[j].kind
		}
		return served[i].typeName < served[j].typeName
	})
	return served
}

func isRegularFile(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}
