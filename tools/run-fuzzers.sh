#!/usr/bin/env bash
# Builds the libFuzzer targets in fuzz/ with clang (ASan + UBSan) in build-fuzz/ and runs each
# for a bounded time. Exits non-zero if any target crashes, hangs or trips a sanitizer.
#   tools/run-fuzzers.sh               # 10 s per target
#   FUZZ_SECONDS=60 tools/run-fuzzers.sh fuzz_dates fuzz_numbers
# Inputs that once failed are kept in fuzz/regressions/<target>/ and replayed first, every run.
# FUZZ_SEED (default 1) fixes libFuzzer's random seed, so that a failure in CI can be
# reproduced; set FUZZ_SEED=0 for a fresh random seed when hunting locally.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
build="${FUZZ_BUILD_DIR:-$root/build-fuzz}"
seconds="${FUZZ_SECONDS:-10}"
fuzz_seed="${FUZZ_SEED:-1}"
jobs="${FUZZ_JOBS:-2}"

targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
  for src in "$root"/fuzz/fuzz_*.cpp; do
    targets+=("$(basename "$src" .cpp)")
  done
fi

CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DDECLX_FUZZ=ON -DDECLX_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$jobs" --target "${targets[@]}"

# Seed inputs: one valid and one damaged example per parser family.
seed() {  # target, strings...
  local dir="$build/fuzz-corpus/$1"
  shift
  mkdir -p "$dir"
  local i=0
  for s in "$@"; do
    printf '%s' "$s" >"$dir/seed$i"
    i=$((i + 1))
  done
}
seed fuzz_text 'АО «КОНЦЕРН — ВКО»' 'AO KOHЦEPH' $'ПРОИЗ\u00ADВОДИТЕЛЬ'
seed fuzz_numbers '1 250,500' '141.192000' '1 25O,5'
seed fuzz_dates '15.03.2022' '15 марта 2022 г.' '150322' '2022-03-15'
seed fuzz_registration_number '10005030/150322/0123456' '10005030I150322I0123456' '10216170/050722/Э001234'
seed fuzz_hs_code '8529 10 900 0' '8529109000' '8529 10 9000'
seed fuzz_identifiers 'ИНН 7707083893' '123456789047' '1027700132195' '304500116000157' '7731АЕ001'
seed fuzz_countries 'КИТАЙ' 'СМ' '156' 'ОБЪЕДИНЕННЫЕ АРАБСКИЕ ЭМИРАТЫ'
seed fuzz_currency 'Ц50' 'ЕСА ПЕКИН' 'доллар США' '840'
seed fuzz_org_name 'АО "КОНЦЕРН ВКО "АЛМАЗ-АНТЕЙ"' 'SHENZHEN TECH CO., LTD' 'ШЭНЬЧЖЭНЬ ТЕК КО., ЛТД'
seed fuzz_designations 'ЗРС С-400 "ТРИУМФ"' 'ПАНЦИР-C1' '96Л6Е'

failed=()
for t in "${targets[@]}"; do
  corpus="$build/fuzz-corpus/$t"
  mkdir -p "$corpus" "$build/fuzz-artifacts"
  if [ -d "$root/fuzz/regressions/$t" ]; then
    cp "$root/fuzz/regressions/$t"/* "$corpus/"
  fi
  log="$build/fuzz-artifacts/$t.log"
  echo "run-fuzzers: $t for ${seconds}s"
  if OMP_THREAD_LIMIT=1 "$build/fuzz/$t" -max_total_time="$seconds" -seed="$fuzz_seed" -timeout=10 -rss_limit_mb=2048 \
      -max_len=512 -print_final_stats=1 -artifact_prefix="$build/fuzz-artifacts/$t-" \
      "$corpus" >"$log" 2>&1; then
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$log" | sed "s/^/  /" || true
  else
    echo "run-fuzzers: $t FAILED (log: $log)"
    tail -n 40 "$log"
    failed+=("$t")
  fi
done

if [ "${#failed[@]}" -ne 0 ]; then
  echo "run-fuzzers: failures in ${failed[*]}"
  exit 1
fi
echo "run-fuzzers: all ${#targets[@]} targets clean"
