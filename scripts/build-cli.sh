#!/usr/bin/env bash
# Builds terraform or tofu of one version from its Go module source, once,
# into a cache outside the work tree, and prints the binary's path.
#
#   scripts/build-cli.sh terraform 1.16.4
#   scripts/build-cli.sh tofu 1.12.6
#
# The cache is $KRR_CLI_CACHE, by default ~/.cache/terraform-provider-krr/cli,
# one directory per tool and version. A terraform on PATH of exactly that
# version is used as it is (the machine's own 1.11.4).
#
# Terraform's module zip leaves out the remote-state backends that are
# modules of their own (go.mod wires them in with
# `replace … => ./internal/backend/remote-state/…`), so the build runs in a
# copy of the module without them: their replace and require lines go, and
# so do their imports and registrations in internal/backend/init/init.go.
# The tests use only the local backend. OpenTofu ships every backend in its
# zip and needs no change. Each build takes about 5 minutes on two cores.
set -euo pipefail

usage() { echo "usage: $0 terraform|tofu VERSION" >&2; exit 2; }
[[ $# -eq 2 ]] || usage
tool=$1 version=${2#v}
case $tool in
  terraform) module=github.com/hashicorp/terraform; main=. ;;
  tofu)      module=github.com/opentofu/opentofu;   main=./cmd/tofu ;;
  *) usage ;;
esac

# The machine's CLI configuration may name a file that does not exist,
# which makes OpenTofu print a warning on standard output.
export TF_CLI_CONFIG_FILE=/dev/null

# shellcheck source=scripts/cli-version.sh
source "$(dirname "$0")/cli-version.sh"
if [[ $tool == terraform ]] && command -v terraform >/dev/null && [[ "$(cli_version terraform)" == "$version" ]]; then
  command -v terraform
  exit 0
fi

cache=${KRR_CLI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/terraform-provider-krr/cli}
bin=$cache/$tool-$version/$tool
if [[ -x $bin ]]; then
  echo "$bin"
  exit 0
fi

work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

echo "build-cli: building $tool $version from $module@v$version (about 5 minutes)" >&2
json=$(cd "$work" && GOFLAGS=-mod=mod go mod download -json "$module@v$version" || true)
src=$(printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
if [[ ! -d $src ]]; then
  echo "build-cli: cannot download $module@v$version:" >&2
  printf '%s\n' "$json" | sed -n 's/^[[:space:]]*"Error": "\(.*\)",$/  \1/p' >&2
  exit 1
fi
cp -R "$src" "$work/src"
chmod -R u+w "$work/src"
cd "$work/src"

init=internal/backend/init/init.go
while read -r path dir; do
  [[ -d $dir ]] && continue
  echo "build-cli: leaving out $path (not in the module zip)" >&2
  sed -i "\#^replace $path => #d; \#^[[:space:]]*$path v#d" go.mod
  if [[ -f $init ]]; then
    alias=$(sed -n "s#^[[:space:]]*\([A-Za-z0-9_]*\) \"$path\"\$#\1#p" "$init")
    sed -i "\#\"$path\"\$#d" "$init"
    [[ -n $alias ]] && sed -i "/\b$alias\./d" "$init"
  fi
done < <(sed -n 's#^replace \([^ ]*\) => \./\(internal/backend/remote-state/[^ ]*\)$#\1 \2#p' go.mod)

mkdir -p "$(dirname "$bin")"
GOFLAGS=-mod=mod CGO_ENABLED=0 go build -trimpath \
  -ldflags "-s -w -X $module/version.dev=no" -o "$bin.partial" "$main"
mv "$bin.partial" "$bin"
"$bin" version >&2
echo "$bin"
