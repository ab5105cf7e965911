# Import blocks for everything the organisation has made in the web portal:
#   terraform apply && terraform output -raw imports > imports.tf
#   terraform plan -generate-config-out=generated.tf
data "krr_import_blocks" "all" {}

output "imports" {
  value = data.krr_import_blocks.all.hcl
}
