#!/usr/bin/env bash
# make docs-check: docs/ must be what tfplugindocs generates from the
# schemas, examples/ and templates/ (docs/ is never edited by hand).
#
# Usage: scripts/check-docs.sh TFPLUGINDOCS-GENERATE-COMMAND...
# (the GNUmakefile passes the same command and arguments as `make docs`).
#
# The docs are generated into a copy of docs/ in a temporary directory and
# compared with docs/, so the working tree is left as it is. The copy
# starts from docs/ as `make docs` would: tfplugindocs replaces the folders
# and files it manages and leaves any others alone.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
if [[ $# -eq 0 ]]; then
  echo "usage: $0 TFPLUGINDOCS-GENERATE-COMMAND..." >&2
  exit 2
fi

scripts/check-terraform.sh

work=$(mktemp -d "${TMPDIR:-/tmp}/krr-docs.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/docs"
if [[ -d docs ]]; then
  cp -R docs/. "$work/docs/"
fi

# tfplugindocs takes --rendered-website-dir relative to the provider
# directory (an absolute path is joined to it too).
rel=$(realpath --relative-to="$root" "$work/docs")
if ! "$@" --rendered-website-dir "$rel" >"$work/generate.log" 2>&1; then
  cat "$work/generate.log" >&2
  echo "error: tfplugindocs failed (above)." >&2
  exit 1
fi

if ! diff -ru docs "$work/docs" >"$work/docs.diff"; then
  sed "s#$work/docs#generated#g" "$work/docs.diff" | head -200 >&2
  echo >&2
  echo "error: docs/ is not what tfplugindocs generates from the code, examples/ and templates/ (diff above: docs/ as it is, then as generated)." >&2
  echo "Run 'make docs' and commit the result." >&2
  exit 1
fi
echo "docs/ is what tfplugindocs generates"
