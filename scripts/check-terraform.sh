#!/usr/bin/env bash
# The acceptance tests and the docs drive the real terraform binary from
# PATH (or TF_ACC_TERRAFORM_PATH); stop with a clear message if there is
# none or it is too old, instead of letting the test framework try to
# download one.
set -euo pipefail
min_major=1 min_minor=11
tf="${TF_ACC_TERRAFORM_PATH:-$(command -v terraform || true)}"
if [[ -z "$tf" || ! -x "$tf" ]]; then
  echo "error: no terraform binary found on PATH." >&2
  echo "The acceptance tests and 'make docs' run the real terraform CLI (${min_major}.${min_minor} or newer)." >&2
  echo "Install it and put it on PATH, or set TF_ACC_TERRAFORM_PATH to its path." >&2
  exit 1
fi
version=$("$tf" version -json 2>/dev/null | sed -n 's/.*"terraform_version": *"\([0-9.]*\)".*/\1/p')
major=${version%%.*} rest=${version#*.} minor=${rest%%.*}
if [[ -z "$version" ]] || (( major < min_major || (major == min_major && minor < min_minor) )); then
  echo "error: $tf is terraform ${version:-of unknown version}; ${min_major}.${min_minor} or newer is needed." >&2
  exit 1
fi
