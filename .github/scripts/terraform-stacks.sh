#!/usr/bin/env bash
# Plans or applies synthesized stacks for the CI workflows, several at a time.
#
#   terraform-stacks.sh plan  <synth dir> <out dir> <stack>...
#   terraform-stacks.sh apply <synth dir> <out dir> <stack>...
#
# plan:  `terraform validate`, then a read-only plan. With the S3 engine no state lock is
#        taken, and an override file makes every provider assume $PLANNER_ROLE_NAME in
#        its account instead of the deployment role, so pull-request code never holds
#        deploy rights. With HCP Terraform (a `cloud` block in the stack) the plan is a
#        speculative run in the stack's workspace, which gets only its plan-phase role.
# apply: plans and applies each stack (S3: a saved plan, applied only when it has
#        changes; HCP Terraform: a run in the workspace).
#
# Every stack is tried, whatever happens to the others; one line per stack goes to
# <out>/results.tsv (stack, status, init/plan/apply seconds, detail) and its output to
# <out>/<stack>.log. The exit code is 1 when any stack failed.
#
# Environment:
#   PARALLELISM            terraform runs at once (default 4)
#   STACK_TIMEOUT_MINUTES  a stack's terraform commands are interrupted when they have
#                          run this long together (default 30)
#   SKIP_FILE              stacks listed in it (one a line) are not run again: a re-run
#                          passes the stacks an earlier attempt already applied
#   STOP_ON_FAILURE=1      one at a time, in the order given, and stop at the first
#                          failure (the ordered organization-wide stacks)
#   PLANNER_ROLE_NAME      plan with the S3 engine: the read-only role in each account
#   HCP_TERRAFORM_TOKEN    HCP Terraform engine: the API token for the stacks' host
set -uo pipefail

mode=${1:?plan or apply}
synth=${2:?synth dir}
out=${3:?out dir}
shift 3
case "$mode" in plan | apply) ;; *) echo "::error::mode must be plan or apply, not $mode"; exit 2 ;; esac

mkdir -p "$out"
out=$(cd "$out" && pwd)
synth=$(cd "$synth" && pwd)
export mode synth out
export TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1
export TF_PLUGIN_CACHE_DIR="${TF_PLUGIN_CACHE_DIR:-$HOME/.terraform.d/plugin-cache}"
export STACK_TIMEOUT_MINUTES="${STACK_TIMEOUT_MINUTES:-30}"
mkdir -p "$TF_PLUGIN_CACHE_DIR"
touch "$out/results.tsv"

# Seconds one stack may take, all its terraform commands together.
stack_seconds=$(awk -v minutes="$STACK_TIMEOUT_MINUTES" 'BEGIN { printf "%d", minutes * 60 }')
export stack_seconds

# A terraform command of the stack being run, interrupted at the stack's $deadline
# (SIGINT: terraform stops cleanly and releases its lock; killed a minute later).
tf() {
  local left=$((deadline - SECONDS))
  [ "$left" -gt 0 ] || return 124
  timeout --signal=INT --kill-after=60 "${left}s" terraform "$@"
}

# Same providers and aliases, each assuming the planner role in the same account.
write_planner_override() {
  jq --arg role "$PLANNER_ROLE_NAME" '
    { provider: { aws: [ .provider.aws[]
        | { alias, assume_role: [ .assume_role[] | { role_arn: (.role_arn | sub(":role/.+$"; ":role/" + $role)), session_name } ] }
        | if .alias == null then del(.alias) else . end ] } }' \
    "$1/cdk.tf.json" >"$1/planner_override.tf.json"
}

# Plans or applies one stack; appends its line to results.tsv.
run_stack() {
  local stack=$1 dir="$synth/stacks/$1" log="$out/$1.log"
  local status='' detail='' init_s=0 plan_s=0 apply_s=0 start code engine=s3 deadline=$((SECONDS + stack_seconds))
  record() {
    status=$1
    detail=$(printf '%s' "$2" | tr '\t\n' '  ' | cut -c1-300)
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$stack" "$status" "$init_s" "$plan_s" "$apply_s" "$detail" >>"$out/results.tsv"
  }
  # A command that exited with $1: timed out, or the first error terraform printed.
  record_failure() {
    if [ "$1" = 124 ] || [ "$1" = 137 ]; then
      record 'timed out' "stopped after ${STACK_TIMEOUT_MINUTES} minutes"
    else
      record "$2" "$(grep -m1 -E '^(│ )?Error' "$log" || tail -n1 "$log")"
    fi
  }

  if [[ ! "$stack" =~ ^[a-z0-9-]+$ ]] || [ ! -f "$dir/cdk.tf.json" ]; then
    record failed 'not a stack of the synth'
    return
  fi
  if [ -n "$SKIP_FILE" ] && grep -qxF "$stack" "$SKIP_FILE"; then
    record 'applied earlier' 'applied by an earlier attempt of this run'
    return
  fi
  jq -e '.terraform.cloud' "$dir/cdk.tf.json" >/dev/null && engine=hcp
  if [ "$mode" = plan ] && [ "$engine" = s3 ]; then
    if [ -z "$PLANNER_ROLE_NAME" ]; then
      record failed 'PLANNER_ROLE_NAME is not set (repository variable BASELINE_PLANNER_ROLE_NAME)'
      return
    fi
    write_planner_override "$dir"
  fi

  start=$SECONDS
  tf -chdir="$dir" init -no-color >"$log" 2>&1
  code=$?
  init_s=$((SECONDS - start))
  if [ "$code" != 0 ]; then record_failure "$code" failed; return; fi

  if [ "$mode" = plan ]; then
    tf -chdir="$dir" validate -no-color >>"$log" 2>&1
    code=$?
    if [ "$code" != 0 ]; then record_failure "$code" invalid; return; fi
    start=$SECONDS
    if [ "$engine" = hcp ]; then
      tf -chdir="$dir" plan -no-color >"$out/$stack.plan.txt" 2>>"$log"
    else
      tf -chdir="$dir" plan -lock=false -no-color -out=tfplan >>"$log" 2>&1 && terraform -chdir="$dir" show -no-color tfplan >"$out/$stack.plan.txt" 2>>"$log"
    fi
    code=$?
    plan_s=$((SECONDS - start))
    if [ "$code" != 0 ]; then record_failure "$code" failed; return; fi
    if grep -q '^No changes\.' "$out/$stack.plan.txt"; then record 'no changes' 'No changes.'; else record planned "$(grep -m1 '^Plan:' "$out/$stack.plan.txt")"; fi
    return
  fi

  start=$SECONDS
  if [ "$engine" = hcp ]; then
    # A run in the workspace: HCP Terraform plans, checks policies, and applies.
    tf -chdir="$dir" apply -auto-approve -no-color >>"$log" 2>&1
    code=$?
    apply_s=$((SECONDS - start))
    if [ "$code" != 0 ]; then record_failure "$code" failed; return; fi
    record applied "$(grep -m1 '^Apply complete' "$log")"
    return
  fi
  tf -chdir="$dir" plan -no-color -detailed-exitcode -out=tfplan >>"$log" 2>&1
  code=$?
  plan_s=$((SECONDS - start))
  if [ "$code" = 0 ]; then record unchanged 'No changes.'; return; fi
  if [ "$code" != 2 ]; then record_failure "$code" failed; return; fi
  start=$SECONDS
  tf -chdir="$dir" apply -no-color tfplan >>"$log" 2>&1
  code=$?
  apply_s=$((SECONDS - start))
  if [ "$code" != 0 ]; then record_failure "$code" failed; return; fi
  record applied "$(grep -m1 '^Apply complete' "$log")"
}
export -f tf write_planner_override run_stack
export PLANNER_ROLE_NAME="${PLANNER_ROLE_NAME:-}" SKIP_FILE="${SKIP_FILE:-}"

if [ -n "${HCP_TERRAFORM_TOKEN:-}" ]; then
  # terraform reads the token of host h from TF_TOKEN_<h with dots and dashes as underscores>.
  for host in $(for stack in "$@"; do jq -r '.terraform.cloud.hostname // empty' "$synth/stacks/$stack/cdk.tf.json" 2>/dev/null; done | sort -u); do
    export "TF_TOKEN_${host//[.-]/_}=$HCP_TERRAFORM_TOKEN"
  done
fi

# Fill the plugin cache once per provider set, and give every stack of that set the same
# lock file: with it, the parallel inits only read the cache, which terraform does not
# guarantee to be safe for concurrent writers.
declare -A lock_of
for stack in "$@"; do
  dir="$synth/stacks/$stack"
  [ -f "$dir/cdk.tf.json" ] || continue
  providers=$(jq -c '.terraform.required_providers' "$dir/cdk.tf.json")
  if [ -z "${lock_of[$providers]:-}" ]; then
    deadline=$((SECONDS + stack_seconds))
    if tf -chdir="$dir" init -backend=false -no-color >"$out/$stack.providers.log" 2>&1; then lock_of[$providers]="$dir/.terraform.lock.hcl"; fi
  elif [ ! -f "$dir/.terraform.lock.hcl" ]; then
    cp "${lock_of[$providers]}" "$dir/.terraform.lock.hcl"
  fi
done

SUCCEEDED='^(applied|applied earlier|unchanged|planned|no changes)$'
if [ "${STOP_ON_FAILURE:-0}" = 1 ]; then
  stacks=("$@")
  for index in "${!stacks[@]}"; do
    run_stack "${stacks[$index]}"
    if ! tail -n1 "$out/results.tsv" | cut -f2 | grep -qE "$SUCCEEDED"; then
      for rest in "${stacks[@]:$((index + 1))}"; do
        printf '%s\tnot run\t0\t0\t0\t%s did not succeed first\n' "$rest" "${stacks[$index]}" >>"$out/results.tsv"
      done
      break
    fi
  done
else
  printf '%s\n' "$@" | xargs -r -P "${PARALLELISM:-4}" -I{} bash -c 'run_stack "$1"' _ {}
fi

# One group per stack in the job log, and a non-zero exit when any did not succeed.
failed=0
while IFS=$'\t' read -r stack status _init _plan _apply detail; do
  if [[ "$status" =~ $SUCCEEDED ]]; then
    echo "$stack: $status${detail:+ ($detail)}"
  else
    failed=1
    echo "::error::$stack: $status: $detail"
    if [ -f "$out/$stack.log" ]; then echo "::group::$stack output"; tail -n 60 "$out/$stack.log"; echo "::endgroup::"; fi
  fi
done <"$out/results.tsv"
exit "$failed"
