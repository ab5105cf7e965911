#!/usr/bin/env bash
# make validate-examples: `terraform validate` over every directory under
# examples/ that holds .tf files (examples/provider, examples/resources/*,
# examples/data-sources/*, examples/ephemeral-resources/*, examples/demo,
# and any other), against the provider built from this tree.
#
# The provider is in no registry and there is no network, so it is built
# once and served through a dev_overrides CLI config in a temporary
# directory; with dev_overrides, validate needs no `terraform init`.
# Each example is validated in a copy of examples/ in the temporary
# directory (relative paths between examples keep working); nothing is
# written into the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

scripts/check-terraform.sh

work=$(mktemp -d "${TMPDIR:-/tmp}/krr-validate.XXXXXX")
trap 'rm -rf "$work"' EXIT

mapfile -t dirs < <(find examples \( -name '*.tf' -o -name '*.tfquery.hcl' \) -not -path '*/.terraform/*' -printf '%h\n' | sort -u)
if [[ ${#dirs[@]} -eq 0 ]]; then
  echo "error: no .tf files under examples/" >&2
  exit 1
fi

echo "==> building the provider"
go build -o "$work/bin/terraform-provider-krr" .
# shellcheck source=scripts/dev-overrides.sh
source "$root/scripts/dev-overrides.sh"
use_dev_overrides "$work/bin" "$work/terraformrc"
unset TF_CLI_ARGS TF_CLI_ARGS_validate TF_DATA_DIR

# A copy of examples/ without what a local `terraform init` or apply left.
tar -C "$root" --exclude='.terraform' --exclude='*.tfstate' --exclude='*.tfstate.*' \
  --exclude='.terraform.lock.hcl' -cf - examples | tar -C "$work" -xf -

# A directory proof/ holds alternatives for its parent (examples/demo/proof:
# the token proof with the ephemeral token, or with the action): each file is
# validated with the parent's files, in a copy of its own, not alone.
expanded=()
for dir in "${dirs[@]}"; do
  if [[ $(basename "$dir") != proof ]]; then
    expanded+=("$dir")
    continue
  fi
  parent=$(dirname "$dir")
  for alt in "$work/$dir"/*.tf; do
    variant="$parent+$(basename "$alt" .tf)"
    mkdir -p "$work/$variant"
    cp "$work/$parent"/*.tf "$alt" "$work/$variant/"
    expanded+=("$variant")
  done
done
dirs=("${expanded[@]}")

# import-by-identity.tf (a resource's import block with identity = {…}, as
# tfplugindocs shows it) needs Terraform 1.12 or newer: an older one refuses
# the block ("An argument named "identity" is not expected here"), although
# the provider has nothing to do with it. Below 1.12 those files are left out
# of the copy; the rest of their directory is validated as ever.
# shellcheck source=scripts/cli-version.sh
source "$root/scripts/cli-version.sh"
tf_version=$(cli_version terraform)
tf_minor=$(cli_minor "$tf_version")
if (( ${tf_version%%.*} == 1 && tf_minor < 12 )); then
  echo "note: terraform $tf_version has no import by identity (1.12): import-by-identity.tf files not validated"
  find "$work/examples" -name import-by-identity.tf -delete
fi
# Actions and list resources (.tfquery.hcl, validated with -query) need
# Terraform 1.14; make validate-examples runs the newest Terraform, so this
# matters only for a run by hand with an older one.
query_flag=(-query)
if (( ${tf_version%%.*} == 1 && tf_minor < 14 )); then
  echo "note: terraform $tf_version has no actions or list resources (1.14): their examples not validated"
  query_flag=()
  mapfile -t dirs < <(for d in "${dirs[@]}"; do
    grep -qsE '^(action|list) "' "$work/$d"/*.tf "$work/$d"/*.tfquery.hcl || echo "$d"
  done)
fi

# Key material for file("…") in the examples. terraform validate calls
# file() with a literal path (and fails on a missing file), and the provider
# checks keys at validate (a public key must be PEM, a JWK a JSON object),
# so a missing file gets a throwaway key of the kind its name says, made
# here once: never a real key, and never in the repository.
keys=$work/placeholder-keys
mkdir -p "$keys"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$keys/private.pem" 2>/dev/null
openssl pkey -in "$keys/private.pem" -pubout -out "$keys/public.pem"
openssl req -x509 -new -key "$keys/private.pem" -subj "/CN=krr example placeholder" -days 1 \
  -out "$keys/cert.pem" 2>/dev/null
modulus=$(openssl rsa -pubin -in "$keys/public.pem" -noout -modulus | sed 's/^Modulus=//')
n=$(printf '%s' "$modulus" | basenc --base16 -d | basenc --base64url -w0 | tr -d '=')
printf '{"kty":"RSA","n":"%s","e":"AQAB"}\n' "$n" >"$keys/jwk.json"

placeholder_for() { # file name -> which placeholder
  case "$1" in
    *.json) echo jwk.json ;;
    *cert*.pem | *.crt | *.cer) echo cert.pem ;;
    *.pub.pem | *.pub | *public*.pem) echo public.pem ;;
    *.pem | *.key) echo private.pem ;;
    *) echo "" ;;
  esac
}

# file("path"), filebase64("path"), templatefile("path", …), … with a
# literal path, relative to the example or to ${path.module}.
literal_file_paths() {
  grep -ohsE '\b(file[a-z0-9]*|templatefile)\("[^"]+"' "$1"/*.tf |
    sed -E 's/^[a-z0-9]+\("//; s/"$//; s#^\$\{path\.module\}/##' |
    grep -v '[$][{]' || true # an interpolated path is left to validate
}

failed=()
for dir in "${dirs[@]}"; do
  copy="$work/$dir"
  if ! grep -qs 'platform-iac/krr' "$copy"/*.tf; then
    cat >"$copy/zz_validate_required_providers.tf" <<'TF'
terraform {
  required_providers {
    krr = { source = "platform-iac/krr" }
  }
}
TF
  fi
  while IFS= read -r path; do
    [[ -z "$path" || -e "$copy/$path" ]] && continue
    kind=$(placeholder_for "$path")
    mkdir -p "$(dirname "$copy/$path")"
    if [[ -n "$kind" ]]; then
      cp "$keys/$kind" "$copy/$path"
    else
      echo "placeholder for terraform validate" >"$copy/$path"
    fi
  done < <(literal_file_paths "$copy")

  # Input variables are unknown to validate and need no values.
  if out=$(terraform -chdir="$copy" validate "${query_flag[@]}" -no-color 2>&1); then
    echo "ok      $dir"
  else
    echo "FAILED  $dir"
    # Without the dev_overrides warning, which every run prints.
    printf '%s\n' "$out" | awk '
      /^Warning: Provider development overrides are in effect/ { skip = 1 }
      skip && /^(Error|Warning):/ && !/development overrides/ { skip = 0 }
      !skip' | sed 's/^/        /'
    failed+=("$dir")
  fi
done

if [[ ${#failed[@]} -gt 0 ]]; then
  echo >&2
  echo "error: terraform validate failed for ${#failed[@]} of ${#dirs[@]} example directories:" >&2
  printf '  %s\n' "${failed[@]}" >&2
  echo "Fix the examples (they are what the docs show), then run 'make validate-examples'." >&2
  exit 1
fi
echo "all ${#dirs[@]} example directories are valid"
