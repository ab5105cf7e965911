# shellcheck shell=bash
# Sourced by the scripts that need to know which terraform or tofu they run.
#
# cli_version BIN prints BIN's version as `version -json` gives it
# (1.16.4, 1.16.0-dev, 1.17.0-alpha20261101), or nothing when it cannot be
# read. OpenTofu prints a warning on standard output when the CLI
# configuration names a file that does not exist, so it is read without one.
cli_version() {
  TF_CLI_CONFIG_FILE=/dev/null "$1" version -json 2>/dev/null |
    sed -n 's/.*"terraform_version": *"\([0-9][^"]*\)".*/\1/p' | head -n1
}

# cli_minor VERSION prints the minor number of a 1.x version, a pre-release
# counting as the release it leads to (1.16.0-dev: 16).
cli_minor() {
  local core=${1%%-*}
  local rest=${core#*.}
  echo "${rest%%.*}"
}
