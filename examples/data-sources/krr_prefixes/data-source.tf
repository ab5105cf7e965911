# The scope prefixes of the organisation the credentials act for.
data "krr_prefixes" "mine" {}

output "prefixes" {
  value = data.krr_prefixes.mine.names
}
