#!/usr/bin/env bash
# The acceptance tests, the demo and the docs drive a real Terraform or
# OpenTofu binary: $TERRAFORM, else TF_ACC_TERRAFORM_PATH, else terraform on
# PATH. Stop with a clear message if there is none or it is too old,
# instead of letting the test framework try to download one. A pre-release
# (1.16.0-dev, 1.17.0-alpha20261101) counts as the release it leads to.
set -euo pipefail
min_major=1 min_minor=11
tf="${TERRAFORM:-${TF_ACC_TERRAFORM_PATH:-$(command -v terraform || true)}}"
if [[ -n "$tf" && "$tf" != */* ]]; then
  tf=$(command -v "$tf" || true)
fi
if [[ -z "$tf" || ! -x "$tf" ]]; then
  echo "error: no terraform binary found${tf:+ at $tf}." >&2
  echo "The acceptance tests, 'make demo' and 'make docs' run the real terraform (or tofu) CLI, ${min_major}.${min_minor} or newer." >&2
  echo "Install it and put it on PATH, or set TF_ACC_TERRAFORM_PATH (or TERRAFORM) to its path;" >&2
  echo "scripts/build-cli.sh builds any version of either from its Go module." >&2
  exit 1
fi
# shellcheck source=scripts/cli-version.sh
source "$(dirname "$0")/cli-version.sh"
version=$(cli_version "$tf" || true)
product=terraform
[[ $(basename "$tf") == tofu* ]] && product=tofu
major=${version%%.*} minor=$(cli_minor "$version")
if [[ -z "$version" || ! "$major" =~ ^[0-9]+$ || ! "$minor" =~ ^[0-9]+$ ]] ||
   (( major < min_major || (major == min_major && minor < min_minor) )); then
  echo "error: $tf is $product ${version:-of unknown version}; ${min_major}.${min_minor} or newer is needed." >&2
  exit 1
fi
