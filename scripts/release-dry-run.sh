#!/usr/bin/env bash
# make release-dry-run: build the release with goreleaser as a local
# snapshot (.goreleaser.yml; nothing signed or published) into dist/, then
# check that dist/ holds what the Terraform registry expects of a release:
#
#   terraform-provider-krr_<version>_<os>_<arch>.zip   for every platform,
#       holding the binary terraform-provider-krr_v<version> (.exe on
#       Windows) at the top, built with the version (-version prints it)
#   terraform-provider-krr_<version>_SHA256SUMS        the checksums of every
#       zip and of the manifest, and nothing else
#   terraform-provider-krr_<version>_manifest.json     terraform-registry-manifest.json
#       under that name (goreleaser adds it to the release and its checksum
#       to SHA256SUMS; it is not copied into dist/, so the checksum is
#       checked against terraform-registry-manifest.json)
#
# and that terraform installs and starts the linux_amd64 zip from a
# filesystem mirror, as it would from the registry.
#
# Usage: scripts/release-dry-run.sh GORELEASER-COMMAND...
# (the GNUmakefile passes `go run github.com/goreleaser/goreleaser/v2@…`).
# Writes only dist/ (ignored by git) and a temporary directory.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ $# -eq 0 ]]; then
  echo "usage: $0 GORELEASER-COMMAND..." >&2
  exit 2
fi

name=terraform-provider-krr
# The platforms .goreleaser.yml builds: goos × goarch less its ignore list.
platforms=(
  darwin_amd64 darwin_arm64
  freebsd_386 freebsd_amd64 freebsd_arm freebsd_arm64
  linux_386 linux_amd64 linux_arm linux_arm64
  windows_386 windows_amd64 windows_arm64
)
# Files goreleaser puts in each archive beside the binary by default.
extra_in_zip='^(README|CHANGELOG|LICENSE)[^/]*$'

problems=()
problem() { problems+=("$*"); }

# .goreleaser.yml runs `go mod tidy` before a release; the dry run skips
# that hook, so as not to change go.mod here, and says instead whether the
# hook would change it (a release built from files that differ from the tag).
if ! go mod tidy -diff >/dev/null 2>&1; then
  echo "warning: go.mod or go.sum is not tidy: the release's 'go mod tidy' hook would change them (see 'go mod tidy -diff')." >&2
fi

echo "==> goreleaser release --snapshot (no signing, no publishing)"
"$@" release --snapshot --clean --skip=before,sign,publish

work=$(mktemp -d "${TMPDIR:-/tmp}/krr-release.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "==> checking dist/"
shopt -s nullglob
sums=(dist/"${name}"_*_SHA256SUMS)
if [[ ${#sums[@]} -ne 1 ]]; then
  echo "error: expected one dist/${name}_<version>_SHA256SUMS, found ${#sums[@]}" >&2
  exit 1
fi
sums_file=${sums[0]}
version=${sums_file#dist/"${name}"_}
version=${version%_SHA256SUMS}
echo "    version $version"

# The zips: one for each platform, and no others.
expected_zips=()
for p in "${platforms[@]}"; do
  expected_zips+=("${name}_${version}_${p}.zip")
done
for z in dist/*.zip; do
  z=${z#dist/}
  if [[ ! " ${expected_zips[*]} " == *" $z "* ]]; then
    problem "unexpected archive dist/$z (not a platform the release should have)"
  fi
done

for p in "${platforms[@]}"; do
  zip="dist/${name}_${version}_${p}.zip"
  if [[ ! -f "$zip" ]]; then
    problem "missing $zip"
    continue
  fi
  bin="${name}_v${version}"
  [[ $p == windows_* ]] && bin+=".exe"
  mapfile -t entries < <(unzip -Z1 "$zip")
  found=""
  for e in "${entries[@]}"; do
    if [[ $e == "$bin" ]]; then
      found=1
    elif [[ ! $e =~ $extra_in_zip ]]; then
      problem "$zip holds $e, which is neither the binary nor a README, CHANGELOG or LICENSE"
    fi
  done
  if [[ -z $found ]]; then
    problem "$zip does not hold $bin at its top (it holds: ${entries[*]})"
  fi
  if [[ $p != windows_* && -n $found ]]; then
    # The binary must keep its executable bit in the zip (unix mode in
    # the entry's line of zipinfo: -rwxr-xr-x).
    mode=$(unzip -Z "$zip" "$bin" | awk '{print $1}')
    [[ $mode == -rwx* ]] || problem "$zip: $bin is not executable ($mode)"
  fi
done

# SHA256SUMS: every zip and the manifest, each with the right sum.
manifest="${name}_${version}_manifest.json"
want=("${expected_zips[@]}" "$manifest")
mapfile -t listed < <(awk '{print $2}' "$sums_file" | sort)
mapfile -t wanted < <(printf '%s\n' "${want[@]}" | sort)
if [[ "${listed[*]}" != "${wanted[*]}" ]]; then
  problem "$sums_file lists [${listed[*]}], expected [${wanted[*]}]"
fi
while read -r sum file; do
  if [[ $file == "$manifest" ]]; then
    actual=$(sha256sum terraform-registry-manifest.json | awk '{print $1}')
  elif [[ -f dist/$file ]]; then
    actual=$(sha256sum "dist/$file" | awk '{print $1}')
  else
    continue
  fi
  [[ $sum == "$actual" ]] || problem "$sums_file: wrong sum for $file"
done <"$sums_file"

# The manifest: protocol version 6, as the plugin server speaks.
if ! jq -e '.version == 1 and .metadata.protocol_versions == ["6.0"]' terraform-registry-manifest.json >/dev/null; then
  problem "terraform-registry-manifest.json does not declare protocol_versions [\"6.0\"]"
fi

# The release config signs the checksums with gpg, as the registry needs.
if ! grep -q 'artifacts: checksum' .goreleaser.yml || ! grep -q -- '--detach-sign' .goreleaser.yml; then
  problem ".goreleaser.yml does not sign the checksum file (signs: artifacts: checksum, --detach-sign)"
fi

# The host's binary: -version prints the release's version, and terraform
# installs the zip as it is from a filesystem mirror (the registry's
# "packed" layout) and starts it.
host="$(go env GOOS)_$(go env GOARCH)"
zip="dist/${name}_${version}_${host}.zip"
if [[ -f $zip ]]; then
  unzip -q "$zip" -d "$work/unzipped"
  got=$("$work/unzipped/${name}_v${version}" -version)
  [[ $got == "$version" ]] || problem "$zip: -version prints '$got', expected '$version'"

  if command -v terraform >/dev/null; then
    mirror="$work/mirror/registry.terraform.io/platform-iac/krr"
    mkdir -p "$mirror" "$work/config"
    cp "$zip" "$mirror/"
    cat >"$work/terraformrc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$work/mirror"
    include = ["registry.terraform.io/platform-iac/krr"]
  }
  direct {
    exclude = ["registry.terraform.io/platform-iac/krr"]
  }
}
RC
    # terraform reads versions in lower case (a snapshot's is
    # 0.0.0-SNAPSHOT-…) and compares pre-release parts as written.
    cat >"$work/config/main.tf" <<TF
terraform {
  required_providers {
    krr = {
      source  = "platform-iac/krr"
      version = "${version,,}"
    }
  }
}
TF
    if ! out=$(TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1 \
      terraform -chdir="$work/config" init -backend=false -input=false -no-color 2>&1) ||
      ! out=$(TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1 \
        terraform -chdir="$work/config" providers schema -json 2>&1 >"$work/schema.json") ||
      ! jq -e '.provider_schemas["registry.terraform.io/platform-iac/krr"].resource_schemas | length > 0' \
        "$work/schema.json" >/dev/null; then
      printf '%s\n' "$out" >&2
      problem "terraform could not install $zip from a filesystem mirror and read its schema"
    else
      echo "    terraform installed $zip from a mirror and read its schema"
    fi
  fi
else
  echo "    (no archive for this machine, $host: -version and terraform not tried)"
fi

if [[ ${#problems[@]} -gt 0 ]]; then
  echo >&2
  echo "error: the release in dist/ is not what the Terraform registry expects:" >&2
  printf '  %s\n' "${problems[@]}" >&2
  exit 1
fi
echo "dist/ holds a registry release of $name $version: ${#platforms[@]} zips, the manifest's and the zips' checksums"
echo "(a real release also signs the checksums: ${name}_${version}_SHA256SUMS.sig)"
