#!/usr/bin/env bash
# Markdown summary of a deploy run, for $GITHUB_STEP_SUMMARY:
#
#   rollout-summary.sh <rollout.json> <results dir>
#
# <results dir> holds the `results-<wave>-<shard>-a<attempt>` artifacts of every attempt
# of the run, each with the results.tsv of .github/scripts/terraform-stacks.sh. A stack's
# latest attempt counts; a stack of the rollout plan with no result did not run (its wave
# was held back, or its job was cancelled). Also writes <results dir>/stacks.tsv, one
# line per stack that ran (stack, status, init, plan and apply seconds): what
# bench/wall-time.ts reads with --durations.
set -uo pipefail
plan=${1:?rollout.json}
results=${2:?results dir}

# stack <TAB> wave of every stack the rollout planned
planned=$(jq -r '(.core[] | [., "core"]), (.waves[] | .name as $wave | .shards[][] | [., $wave]) | @tsv' "$plan")

# The latest attempt's line of each stack; "applied earlier" keeps the earlier success.
latest=$(
  for file in "$results"/results-*-a*/results.tsv; do
    [ -f "$file" ] || continue
    attempt=$(basename "$(dirname "$file")" | sed 's/.*-a\([0-9]*\)$/\1/')
    awk -F'\t' -v attempt="$attempt" 'BEGIN { OFS = "\t" } { print attempt, $0 }' "$file"
  done | sort -t$'\t' -k1,1n | awk -F'\t' 'BEGIN { OFS = "\t" }
    $3 == "applied earlier" && ($2 in seen) { next }
    { seen[$2] = 1; line[$2] = $2 OFS $3 OFS $4 OFS $5 OFS $6 OFS $7 }
    END { for (stack in line) print line[stack] }' | sort
)
printf '%s\n' "$latest" | awk -F'\t' 'NF >= 5 && $2 != "applied earlier" && $2 != "not run" { print $1 "\t" $2 "\t" $3 "\t" $4 "\t" $5 }' >"$results/stacks.tsv"

awk -F'\t' '
  FNR == NR { if ($1 != "") wave[$1] = $2; next }
  $1 != "" { status[$1] = $2; detail[$1] = $6; if (!($1 in wave)) wave[$1] = "requested" }
  END {
    for (stack in wave) {
      s = (stack in status) ? status[stack] : "did not run"
      if (s == "applied earlier") s = "applied"
      count[s]++
      total++
      if (s != "applied" && s != "unchanged") problems[++n] = sprintf("| `%s` | %s | %s | %s |", stack, wave[stack], s, (stack in detail) ? detail[stack] : "its wave was held back, or its job did not finish")
    }
    print "## Rollout"
    print ""
    printf "%d stacks:", total
    split("applied unchanged failed timed-out not-run did-not-run", order, " ")
    for (i = 1; i in order; i++) { s = order[i]; gsub("-", " ", s); if (s in count) { printf " %s %d;", s, count[s]; delete count[s] } }
    for (s in count) printf " %s %d;", s, count[s]
    print ""
    if (n > 0) {
      print ""
      print "| Stack | Wave | Result | Why |"
      print "| --- | --- | --- | --- |"
      fflush()
      for (i = 1; i <= n && i <= 500; i++) print problems[i] | "sort"
      close("sort")
      if (n > 500) printf "\n%d more: see the results artifacts.\n", n - 500
      print ""
      print "Re-run failed jobs to apply only these."
    }
  }' <(printf '%s\n' "$planned") <(printf '%s\n' "$latest")
