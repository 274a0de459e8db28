#!/usr/bin/env bash
# The CLI's apply at N and 10N resources onto a fresh directory, timed in the same run: the
# growth check of issue 11 (100k should take about ten times 10k). Each size is applied RUNS
# times, each onto a fresh directory and state; the ratio uses the medians.
# Usage (after `mvn -B -o -pl gitops-cli,benchmarks -am package -DskipTests`):
#   benchmarks/scripts/cli_apply_scale.sh [N=10000] [RUNS=2] [WORK=/tmp/gitops4j-scale]
set -euo pipefail
n=${1:-10000}; runs=${2:-2}; work=${3:-/tmp/gitops4j-scale}
root=$(cd "$(dirname "$0")/../.." && pwd)
cli="$root/gitops-cli/target/gitops-cli-0.1.0-SNAPSHOT-all.jar"
bench="$root/benchmarks/target/benchmarks.jar"
mkdir -p "$work"
cp "$cli" "$work/cli.jar"; cli="$work/cli.jar"   # a rebuild during the run does not change it
declare -A median
for size in "$n" $((n * 10)); do
  repo="$work/repo-$size"
  if [ ! -d "$repo" ]; then
    java -cp "$bench" dev.gitops4j.benchmarks.GenerateRepository "$repo" "$size" >/dev/null 2>&1
    git -C "$repo" gc -q
  fi
  times=()
  for run in $(seq "$runs"); do
    rm -rf "$work/out-$size" "$work/state-$size"
    start=$(date +%s.%N)
    java -jar "$cli" apply --repo "$repo" --target "dir:$work/out-$size" --state "$work/state-$size" \
      > "$work/apply-$size.log" 2>&1 || { echo "apply of $size failed:"; tail -5 "$work/apply-$size.log"; exit 1; }
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc)
    files=$(find "$work/out-$size" -name '*.yaml' | wc -l)
    echo "size=$size run=$run wall=${t}s files=$files load=$(cut -d' ' -f1 /proc/loadavg)"
    times+=("$t")
  done
  median[$size]=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
done
big=$((n * 10))
echo "median ${n}: ${median[$n]}s  median ${big}: ${median[$big]}s  ratio: $(echo "scale=2; ${median[$big]} / ${median[$n]}" | bc)x (linear: 10x)"
