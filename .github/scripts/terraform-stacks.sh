#!/usr/bin/env bash
# Plans or applies synthesized stacks one after another, for the CI workflows.
#
#   terraform-stacks.sh plan  <synth dir> <out dir> <stack>...
#   terraform-stacks.sh apply <synth dir> <out dir> <stack>...
#
# plan:  read-only. No state lock is taken, and a Terraform override file makes every
#        provider assume $PLANNER_ROLE_NAME in its account instead of the deployment
#        role, so pull-request code never holds deploy rights. Writes
#        <out>/<stack>.plan.txt and one "<stack><TAB><summary>" line per stack to
#        <out>/summary.tsv.
# apply: applies each stack with the ambient credentials' access to the deployment
#        role. With STOP_ON_FAILURE=1 the first failure stops the run (ordered core
#        stacks); otherwise every stack is tried and the run fails at the end.
set -uo pipefail

mode=${1:?plan or apply}
synth=${2:?synth dir}
out=${3:?out dir}
shift 3
case "$mode" in plan | apply) ;; *) echo "::error::mode must be plan or apply, not $mode"; exit 2 ;; esac
if [ "$mode" = plan ] && [ -z "${PLANNER_ROLE_NAME:-}" ]; then
  echo "::error::PLANNER_ROLE_NAME is not set (repository variable BASELINE_PLANNER_ROLE_NAME)"
  exit 2
fi

mkdir -p "$out"
export TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1
export TF_PLUGIN_CACHE_DIR="${TF_PLUGIN_CACHE_DIR:-$HOME/.terraform.d/plugin-cache}"
mkdir -p "$TF_PLUGIN_CACHE_DIR"

# Same providers and aliases, each assuming the planner role in the same account.
write_planner_override() {
  jq --arg role "$PLANNER_ROLE_NAME" '
    { provider: { aws: [ .provider.aws[]
        | { alias, assume_role: [ .assume_role[] | { role_arn: (.role_arn | sub(":role/.+$"; ":role/" + $role)), session_name } ] }
        | if .alias == null then del(.alias) else . end ] } }' \
    "$1/cdk.tf.json" >"$1/planner_override.tf.json"
}

failed=0
for stack in "$@"; do
  dir="$synth/stacks/$stack"
  if [[ ! "$stack" =~ ^[a-z0-9-]+$ ]] || [ ! -f "$dir/cdk.tf.json" ]; then
    echo "::error::$stack is not a stack of $synth"
    failed=1
    continue
  fi
  echo "::group::terraform $mode $stack"
  if [ "$mode" = plan ]; then
    write_planner_override "$dir"
    if terraform -chdir="$dir" init -no-color >"$out/$stack.init.txt" 2>&1 &&
      terraform -chdir="$dir" plan -lock=false -no-color -out=tfplan >/dev/null 2>"$out/$stack.error.txt" &&
      terraform -chdir="$dir" show -no-color tfplan >"$out/$stack.plan.txt"; then
      summary=$(grep -m1 -E '^(Plan:|No changes\.)' "$out/$stack.plan.txt" || echo 'planned')
    else
      summary='**plan failed**: see the job log'
      cat "$out/$stack.init.txt" "$out/$stack.error.txt" 2>/dev/null
      failed=1
    fi
    printf '%s\t%s\n' "$stack" "$summary" >>"$out/summary.tsv"
  else
    if ! { terraform -chdir="$dir" init -no-color && terraform -chdir="$dir" apply -auto-approve -no-color; }; then
      echo "::error::terraform apply of $stack failed"
      failed=1
      if [ "${STOP_ON_FAILURE:-0}" = 1 ]; then
        echo "::endgroup::"
        exit 1
      fi
    fi
  fi
  echo "::endgroup::"
done
exit "$failed"
