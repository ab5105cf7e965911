#!/usr/bin/env bash
# make demo: build the provider, start the standalone fake portal, apply the
# demo configuration in examples/demo with a dev_overrides CLI config in a
# temporary directory, show the outputs, destroy, stop the fake.
# Touches nothing outside the temporary directory.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

scripts/check-terraform.sh

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

# Variables of the demo configuration.
export TF_VAR_consumer_orgno="$FAKEPORTAL_CONSUMER_ORGNO"
export TF_VAR_other_orgno="$FAKEPORTAL_OTHER_ORGNO"
export TF_VAR_prefix="$FAKEPORTAL_PROVIDER_PREFIX"
export TF_VAR_consumer_token="$FAKEPORTAL_CONSUMER_TOKEN"

cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "registry.terraform.io/platform-iac/krr" = "$work/bin"
  }
  direct {}
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc"
export TF_IN_AUTOMATION=1
cp "$root"/examples/demo/*.tf "$work/config/"

tf() { terraform -chdir="$work/config" "$@"; }
echo "==> terraform apply, once: the API provider's scope and grants, and the consumer's client using the scope"
tf apply -auto-approve -input=false -no-color
echo "==> terraform output"
tf output -no-color
echo "==> terraform plan (must be empty after apply)"
set +e
tf plan -detailed-exitcode -input=false -no-color >"$work/plan.log" 2>&1
plan_rc=$?
set -e
if [[ $plan_rc -ne 0 ]]; then
  cat "$work/plan.log" >&2
  echo "the plan after apply is not empty (exit $plan_rc)" >&2
  exit 1
fi
echo "    no changes"
echo "==> terraform destroy"
tf destroy -auto-approve -input=false -no-color
echo "==> demo finished"
