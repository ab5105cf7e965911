# shellcheck shell=bash
# Sourced by the scripts that run terraform against a provider just built:
# use_dev_overrides BINDIR RCFILE writes a CLI config that takes
# platform-iac/krr from BINDIR (no registry, no terraform init) and points
# terraform at it. OpenTofu reads a source without a host as
# registry.opentofu.org, so the override names both registries.
use_dev_overrides() {
  local bindir=$1 rc=$2
  cat >"$rc" <<RC
provider_installation {
  dev_overrides {
    "registry.terraform.io/platform-iac/krr" = "$bindir"
    "registry.opentofu.org/platform-iac/krr" = "$bindir"
  }
  direct {}
}
RC
  export TF_CLI_CONFIG_FILE="$rc"
  export TF_IN_AUTOMATION=1
}
