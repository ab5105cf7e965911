#!/usr/bin/env bash
# make demo: build the provider, start the standalone fake portal, and walk
# through what a platform team does with examples/demo:
#   1. apply the whole organisation in ONE terraform apply (the consumer's
#      client gets a token for the scope in that same apply),
#   2. plan: no changes,
#   3. someone changes the portal by hand (a grant revoked, a description
#      edited) and plan shows both,
#   4. apply repairs it and plan is empty again,
#   5. destroy.
# Exits non-zero if any step misbehaves. Touches nothing outside a
# temporary directory.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

# TERRAFORM: the terraform (or tofu) to run, as in make demo TERRAFORM=…
TERRAFORM=${TERRAFORM:-terraform}
if [[ $TERRAFORM != */* ]]; then
  TERRAFORM=$(command -v "$TERRAFORM" || echo "$TERRAFORM")
fi
export TERRAFORM
scripts/check-terraform.sh
# Terraform 1.14 and later have actions and terraform query: the demo proves
# the client with the action krr_client_token_check, and adds a step that
# adopts a scope made by hand with terraform query. Older versions and
# OpenTofu prove it with the ephemeral token.
# shellcheck source=scripts/cli-version.sh
source "$root/scripts/cli-version.sh"
newest=false
if [[ $(basename "$TERRAFORM") != tofu* ]] && (( $(cli_minor "$(cli_version "$TERRAFORM")") >= 14 )); then
  newest=true
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/krr-demo.XXXXXX")
fake_pid=""
cleanup() {
  if [[ -n "$fake_pid" ]] && kill -0 "$fake_pid" 2>/dev/null; then
    kill "$fake_pid" 2>/dev/null || true
    wait "$fake_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "==> building the provider and the fake portal"
mkdir -p "$work/bin" "$work/config"
go build -ldflags "-X main.version=0.1.0-demo" -o "$work/bin/terraform-provider-krr" .
go build -o "$work/fakeportal" ./internal/fakeportal/cmd/fakeportal

echo "==> starting the fake portal"
"$work/fakeportal" -listen 127.0.0.1:0 -env-file "$work/fake.env" 2>"$work/fakeportal.log" &
fake_pid=$!
for _ in $(seq 1 100); do
  [[ -s "$work/fake.env" ]] && break
  kill -0 "$fake_pid" 2>/dev/null || { cat "$work/fakeportal.log" >&2; echo "the fake portal did not start" >&2; exit 1; }
  sleep 0.1
done
[[ -s "$work/fake.env" ]] || { echo "the fake portal wrote no env file" >&2; exit 1; }
# shellcheck disable=SC1091
source "$work/fake.env"
echo "    portal at $KRR_BASE_URL, signing in as admin client $KRR_CLIENT_ID"

# The consumer client's key pair, made here as a team would make it.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$work/client-key.pem" 2>/dev/null
openssl pkey -in "$work/client-key.pem" -pubout -out "$work/client-key.pub.pem"

# Variables of the demo configuration.
export TF_VAR_consumer_orgno="$FAKEPORTAL_CONSUMER_ORGNO"
export TF_VAR_other_orgno="$FAKEPORTAL_OTHER_ORGNO"
export TF_VAR_prefix="$FAKEPORTAL_PROVIDER_PREFIX"
export TF_VAR_consumer_token="$FAKEPORTAL_CONSUMER_TOKEN"
export TF_VAR_client_key_file="$work/client-key.pem"
export TF_VAR_client_public_key_file="$work/client-key.pub.pem"

# shellcheck source=scripts/dev-overrides.sh
source "$root/scripts/dev-overrides.sh"
use_dev_overrides "$work/bin" "$work/terraformrc"
cp "$root"/examples/demo/*.tf "$work/config/"
if $newest; then
  cp "$root"/examples/demo/proof/action.tf "$work/config/"
else
  cp "$root"/examples/demo/proof/ephemeral.tf "$work/config/"
fi

tf() { "$TERRAFORM" -chdir="$work/config" "$@"; }
fail() { echo "demo: $*" >&2; exit 1; }

# plan_exit runs terraform plan -detailed-exitcode into $work/plan.log and
# prints its exit code: 0 no changes, 2 changes, 1 error.
plan_exit() {
  set +e
  tf plan -detailed-exitcode -input=false -no-color >"$work/plan.log" 2>&1
  echo $?
  set -e
}

expect_empty_plan() {
  local rc
  rc=$(plan_exit)
  [[ $rc -eq 0 ]] || { cat "$work/plan.log" >&2; fail "the plan is not empty (exit $rc)"; }
  echo "    no changes"
}

echo "==> 1. terraform apply, once: the scope, who may use it, the merchant data, the consumer's client and key, the client's own token, and the API-klient of KRR's user look-up with its key"
tf apply -auto-approve -input=false -no-color >"$work/apply.log" 2>&1 || { cat "$work/apply.log" >&2; fail "the apply failed"; }
# The resources as they were made, and the headline of any warning. The
# client's scope is granted in this same apply, so at plan time it is not
# usable yet: the provider warns, and checks again just before it writes.
grep -E ': (Creation|Opening) complete|^Warning:|^Apply complete|^Action' "$work/apply.log" | sed 's/^/    /'
proof="the client got a token for $FAKEPORTAL_PROVIDER_PREFIX:persons/v1/person.read, acting for organisation $FAKEPORTAL_CONSUMER_ORGNO"
if $newest; then
  grep -q "client .* got a token for $FAKEPORTAL_PROVIDER_PREFIX:persons/v1/person.read, acting for organisation $FAKEPORTAL_CONSUMER_ORGNO" \
    "$work/apply.log" || fail "the action did not show that the consumer's client got a token in the apply"
else
  grep -q "$proof" "$work/config/token-proof.txt" 2>/dev/null || fail "the consumer's client did not get a token in the apply"
  sed 's/^/    /' "$work/config/token-proof.txt"
fi
tf output -no-color

tf output -raw contact_lookup_client_id >/dev/null 2>&1 || fail "the apply made no API-klient for KRR's user look-up"
echo "==> 2. terraform plan, right after: nothing to do"
expect_empty_plan

echo "==> 3. someone changes the portal by hand: revokes $FAKEPORTAL_OTHER_ORGNO's access and edits the scope's description"
scope=$(tf output -raw scope)
scope_q=$(printf %s "$scope" | sed 's/:/%3A/g; s#/#%2F#g')
api() {
  curl -fsS -H "Authorization: Bearer $FAKEPORTAL_PROVIDER_TOKEN" -H "Content-Type: application/json" "$@"
}
api -X DELETE "$KRR_BASE_URL/scopes/access/$FAKEPORTAL_OTHER_ORGNO?scope=$scope_q" >/dev/null
# PUT replaces the whole scope: read it (GET answers a list of one), change
# one field, write it back.
api "$KRR_BASE_URL/scopes?scope=$scope_q" |
  sed 's/^\[\(.*\)\]$/\1/; s/"description":"[^"]*"/"description":"Changed by hand in the portal"/' >"$work/scope.json"
api -X PUT --data @"$work/scope.json" "$KRR_BASE_URL/scopes?scope=$scope_q" >/dev/null

echo "==> 4. terraform plan shows both changes"
rc=$(plan_exit)
[[ $rc -eq 2 ]] || { cat "$work/plan.log" >&2; fail "plan after the change by hand exited $rc, not 2 (changes)"; }
sed -n '/^  # /,/^Plan:/p' "$work/plan.log" | sed 's/^/    /'
grep -q 'Changed by hand in the portal' "$work/plan.log" || fail "the plan does not show the edited description"
grep -q "krr_scope_access.consumers\[\"$FAKEPORTAL_OTHER_ORGNO\"\]" "$work/plan.log" || fail "the plan does not show the revoked grant"

echo "==> 5. terraform apply repairs it; plan is empty again"
tf apply -auto-approve -input=false -no-color >"$work/repair.log" || { cat "$work/repair.log" >&2; fail "the repairing apply failed"; }
grep -E '^Apply complete' "$work/repair.log" | sed 's/^/    /'
expect_empty_plan

echo "==> 6. terraform destroy"
tf destroy -auto-approve -input=false -no-color | grep -E '^Destroy complete' | sed 's/^/    /'

if $newest; then
  echo "==> 7. someone makes a scope by hand in the portal; terraform query brings it under Terraform"
  api -X POST --data "{\"prefix\":\"$FAKEPORTAL_PROVIDER_PREFIX\",\"subscope\":\"handmade/v1/case.read\",\"description\":\"Made by hand\"}" \
    "$KRR_BASE_URL/scopes" >/dev/null
  mkdir -p "$work/adopt"
  cat >"$work/adopt/main.tf" <<'TF'
terraform {
  required_providers {
    krr = { source = "platform-iac/krr" }
  }
}

# Signed in as the API provider, from the KRR_* environment.
provider "krr" {}
TF
  cat >"$work/adopt/adopt.tfquery.hcl" <<'HCL'
list "krr_scope" "all" {
  provider         = krr
  include_resource = true
}
HCL
  adopt() { "$TERRAFORM" -chdir="$work/adopt" "$@"; }
  adopt query -no-color -generate-config-out=generated.tf >"$work/query.log" 2>&1 || { cat "$work/query.log" >&2; fail "terraform query failed"; }
  grep -E 'list\.krr_scope' "$work/query.log" | sed 's/^/    /'
  grep -q "handmade/v1/case.read" "$work/adopt/generated.tf" || fail "terraform query wrote no configuration for the scope made by hand"
  adopt apply -auto-approve -input=false -no-color >"$work/adopt.log" 2>&1 || { cat "$work/adopt.log" >&2; fail "the import failed"; }
  grep -E '^Apply complete' "$work/adopt.log" | sed 's/^/    /'
  grep -q "1 imported, 0 added, 0 changed, 0 destroyed" "$work/adopt.log" || fail "the adoption did more than import the scope"
  set +e
  adopt plan -detailed-exitcode -input=false -no-color >"$work/plan.log" 2>&1
  rc=$?
  set -e
  [[ $rc -eq 0 ]] || { cat "$work/plan.log" >&2; fail "the plan after the adoption is not empty (exit $rc)"; }
  echo "    no changes"
  adopt destroy -auto-approve -input=false -no-color | grep -E '^Destroy complete' | sed 's/^/    /'
fi
echo "==> demo finished"
