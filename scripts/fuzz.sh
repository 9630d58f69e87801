#!/usr/bin/env bash
# Fuzzes the engine with cargo-fuzz (libFuzzer): the input layer, every
# export format, the comparison of two runs and saved assessments. The
# targets live in fuzz/ (a crate of its own, outside the main workspace; what
# each one checks is documented in fuzz/src/lib.rs).
#
# Usage (from anywhere in the repository):
#   bash scripts/fuzz.sh                 every target in turn, FUZZ_SECONDS each
#   bash scripts/fuzz.sh export compare  only these targets
#   bash scripts/fuzz.sh --seeds         only (re)build the seed corpora
#   bash scripts/fuzz.sh --cmin [T...]   only minimize fuzz/corpus/<T> (see cmin below)
#
# Environment:
#   FUZZ_SECONDS=60      run time per target (-max_total_time)
#   FUZZ_TIMEOUT=10      seconds one input may take before it counts as a hang (-timeout)
#   FUZZ_RSS_MB=2048     memory limit of the fuzzing process (-rss_limit_mb)
#   FUZZ_SANITIZER=none  or address: AddressSanitizer (slower; the engine
#                        forbids unsafe code, so it only guards dependencies)
#   FUZZ_CMIN=0          1: minimize each target's corpus after its run
#   FUZZ_CORPUS_MAX_KB=16  largest input --cmin keeps in fuzz/corpus/
#   FUZZ_ARGS=           more libFuzzer flags, e.g. "-max_len=65536"
#
# What it does, and does again safely on every run:
#   1. installs cargo-fuzz when `cargo fuzz` is missing (needs the nightly
#      toolchain, which it asks rustup for when missing);
#   2. rebuilds the seed corpora in fuzz/seeds/<target>/ (not committed) from
#      samples/ and tests/fixtures/: every JSON file, the zips, folders of raw
#      files as one multi-file input, before/after pairs for `compare`, bundles
#      with an assessment block for `assessment`;
#   3. builds every target once, then runs them one after another, one
#      process each (the machine is shared: no -jobs), with the dictionary
#      fuzz/mimecast.dict; new inputs go to fuzz/corpus/<target>/ (committed
#      after `--cmin`), the log to fuzz/logs/<target>.log;
#   4. prints the executions of each target and exits 1 when any target
#      crashed, hung or ran out of memory. The reproducer is then in
#      fuzz/artifacts/<target>/; replay it with
#        cargo +nightly fuzz run -s none <target> fuzz/artifacts/<target>/<file>
#      and keep it as a regression test: copy it (after `cargo +nightly fuzz
#      tmin`) to tests/fixtures/fuzz/<target>-<what>.bin, which
#      crates/engine/tests/fuzz_regressions.rs replays under `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."

TARGETS=(input input_multi input_section export compare assessment)
SECONDS_PER_TARGET=${FUZZ_SECONDS:-60}
TIMEOUT=${FUZZ_TIMEOUT:-10}
RSS_MB=${FUZZ_RSS_MB:-2048}
SANITIZER=${FUZZ_SANITIZER:-none}
CMIN=${FUZZ_CMIN:-0}
CORPUS_MAX_KB=${FUZZ_CORPUS_MAX_KB:-16}
read -r -a EXTRA <<<"${FUZZ_ARGS:-}"
SEEDS=fuzz/seeds
LIMITS=(-rss_limit_mb="$RSS_MB" -timeout="$TIMEOUT")

# --- tools -------------------------------------------------------------------

tools() {
  if ! rustup run nightly rustc --version >/dev/null 2>&1; then
    echo "fuzz: installing the nightly toolchain (rustup)"
    rustup toolchain install nightly --profile minimal
  fi
  if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz: installing cargo-fuzz"
    cargo install cargo-fuzz --locked
  fi
}

# --- seeds -------------------------------------------------------------------

# byte N: writes the byte with value N (1-255).
byte() { printf "\\x$(printf %02x "$1")"; }

# separator FILE...: a byte value found in none of the files.
separator() {
  local b
  for b in $(seq 255 -1 1); do
    [ "$b" -eq 10 ] && continue
    if ! cat -- "$@" | LC_ALL=C grep -qaF -- "$(byte "$b")"; then
      echo "$b"
      return
    fi
  done
  echo 255
}

# multi NAMES FILE...: the files as one input of several (fuzz/src/lib.rs,
# split_files): separator byte, names byte, then the files between separators.
multi() {
  local names=$1 sep first=1 f
  shift
  sep=$(separator "$@")
  byte "$sep"
  if [ "$names" -eq 0 ]; then printf '\0'; else byte "$names"; fi
  for f in "$@"; do
    [ "$first" -eq 1 ] || byte "$sep"
    first=0
    cat -- "$f"
  done
}

# seed TARGET: stores standard input as one seed, named by its hash (so a
# seed built twice is stored once).
seed() {
  local dir=$SEEDS/$1 tmp
  tmp=$(mktemp "$SEEDS/.seed.XXXXXX")
  cat >"$tmp"
  mv "$tmp" "$dir/$(sha1sum "$tmp" | cut -c1-40)"
}

# squash NAME: lower case, without - _ and spaces (how section names are matched).
squash() { tr '[:upper:]' '[:lower:]' <<<"$1" | tr -d ' _-'; }

seeds() {
  rm -rf "$SEEDS"
  local t f k d
  for t in "${TARGETS[@]}"; do mkdir -p "$SEEDS/$t"; done

  local all=() bundles=() raw=() keys=()
  mapfile -d '' all < <(find samples tests/fixtures -type f \
    \( -name '*.json' -o -name '*.zip' -o -name '*.bin' \) -not -path 'tests/fixtures/fuzz/*' -print0 | sort -z)
  for f in "${all[@]}"; do
    case $f in
      *.json) if grep -q '"mimecast-config-bundle"' -- "$f"; then bundles+=("$f"); else raw+=("$f"); fi ;;
      *) raw+=("$f") ;;
    esac
  done
  # Bundle keys of the sections, as the engine lists them.
  mapfile -t keys < <(grep -oE '^ +[A-Za-z]+ => "[A-Za-z]+"' crates/engine/src/model/section.rs |
    sed -E 's/.*"(.*)"/\1/')

  # input: every file as it is.
  for f in "${all[@]}"; do seed input <"$f"; done

  # input_section: raw files under the section their name says, else under
  # every section; bundles (whose forced section is ignored) once.
  for f in "${raw[@]}"; do
    local matched=0
    for k in "${keys[@]}"; do
      if [[ $(squash "$(basename "$f")") == *$(squash "$k")* ]]; then
        { echo "$k"; cat -- "$f"; } | seed input_section
        matched=1
      fi
    done
    if [ "$matched" -eq 0 ]; then
      for k in "${keys[@]}"; do { echo "$k"; cat -- "$f"; } | seed input_section; done
    fi
  done
  for f in "${bundles[@]}"; do { echo "${keys[0]:-auto}"; cat -- "$f"; } | seed input_section; done

  # input_multi: each folder of raw files as one input; every sample bundle
  # with the demo tenant's raw files; the compare pair (one tenant twice).
  for d in samples/demo-tenant samples/raw-api tests/fixtures/e2e tests/fixtures/inputs/malformed; do
    local files=()
    mapfile -d '' files < <(find "$d" -type f \( -name '*.json' -o -name '*.zip' -o -name '*.bin' \) -print0 | sort -z)
    multi 0 "${files[@]}" | seed input_multi
    multi 3 "${files[@]}" | seed input_multi
  done
  local demo=()
  mapfile -d '' demo < <(find samples/demo-tenant -name '*.json' -print0 | sort -z)
  for f in samples/*.bundle.json; do multi 0 "$f" "${demo[@]}" | seed input_multi; done
  multi 0 tests/fixtures/compare/before.bundle.json tests/fixtures/compare/after.bundle.json | seed input_multi
  multi 0 samples/pitfall-tenant.bundle.json tests/fixtures/e2e/exports.zip | seed input_multi
  for f in "${all[@]}"; do multi 0 "$f" | seed input_multi; done

  # export: flag byte 6 (every format) or 14 (every format, cover fields
  # filled in), then one file or a folder; every bundle once.
  for f in "${bundles[@]}"; do { byte 6; multi 0 "$f"; } | seed export; done
  for f in samples/*.bundle.json tests/fixtures/compare/after.bundle.json; do
    { byte 14; multi 0 "$f"; } | seed export
  done
  { byte 14; multi 0 "${demo[@]}"; } | seed export
  local rawapi=()
  mapfile -d '' rawapi < <(find samples/raw-api -name '*.json' -print0 | sort -z)
  { byte 6; multi 0 "${rawapi[@]}"; } | seed export

  # compare: baseline, then later run; sample tenants against each other;
  # each rule's failing fixtures against a passing one and back.
  local c=tests/fixtures/compare s=samples
  multi 0 "$c/before.bundle.json" "$c/after.bundle.json" | seed compare
  multi 0 "$c/after.bundle.json" "$c/before.bundle.json" | seed compare
  multi 0 "$s/pitfall-tenant.bundle.json" "$s/clean-tenant.bundle.json" | seed compare
  multi 0 "$s/missing-protections.bundle.json" "$s/pitfall-tenant.bundle.json" | seed compare
  multi 0 "$s/clean-tenant.bundle.json" | seed compare
  for d in tests/fixtures/rules/*/; do
    local pass fail
    pass=$(find "$d" -name 'pass_*.json' | sort | head -n 1)
    [ -n "$pass" ] || continue
    for fail in "$d"fail_*.json; do
      [ -e "$fail" ] || continue
      multi 0 "$fail" "$pass" | seed compare
      multi 0 "$pass" "$fail" | seed compare
    done
  done

  # assessment: every bundle; the larger ones again with an assessment block
  # and an acceptance, as the app saves them; the app's stored form.
  local meta='"assessment": {"id": "a1", "customer": "Contoso", "assessor": "A. Auditor", "date": "2026-11-02", "status": {"groups": "done", "connectors": "skipped"}, "prefer": {"groups": "files"}, "analysisDate": "2026-11-20"}, "acceptances": [{"finding": "ASP001:crm", "reason": "reviewed", "owner": "IT", "expires": "2027-06-30"}],'
  for f in "${bundles[@]}"; do seed assessment <"$f"; done
  for f in samples/*.bundle.json "$c"/*.bundle.json tests/fixtures/identity/*.json; do
    sed "0,/{/s//{ ${meta}/" -- "$f" | seed assessment
  done
  seed assessment <tests/fixtures/assessments/saved-2026-11.json

  for t in "${TARGETS[@]}"; do
    printf 'fuzz: %-14s %4d seeds\n' "$t" "$(find "$SEEDS/$t" -type f | wc -l)"
  done
}

# --- running -----------------------------------------------------------------

fuzz_cmd() { (cd fuzz && nice -n 10 cargo +nightly fuzz "$@"); }

# cmin TARGET: shrinks fuzz/corpus/TARGET to a small set of inputs that
# covers every edge the corpus reaches beyond what the seeds already do (the
# merge of `cargo fuzz cmin`, in libFuzzer's set-cover mode, with the seeds as
# the starting corpus; the seeds themselves are left out, the script makes
# them again). Only inputs of at most FUZZ_CORPUS_MAX_KB are kept, so the
# committed corpus stays small. The corpus is replaced only when the merge
# succeeds.
cmin() {
  local t=$1 work=target/cmin-$1 in=target/cmin-in-$1
  mkdir -p "fuzz/corpus/$t"
  rm -rf "fuzz/$work" "fuzz/$in"
  mkdir -p "fuzz/$work" "fuzz/$in"
  cp -R "$SEEDS/$t"/. "fuzz/$work/"
  find "fuzz/corpus/$t" -type f -size -$((CORPUS_MAX_KB + 1))k -exec cp -t "fuzz/$in/" {} +
  echo "fuzz: minimizing fuzz/corpus/$t ($(find "fuzz/corpus/$t" -type f | wc -l) files)"
  fuzz_cmd run -s "$SANITIZER" "$t" "$work" "$in" -- \
    -set_cover_merge=1 -use_counters=0 "${LIMITS[@]}" >"fuzz/logs/$t.cmin.log" 2>&1 ||
    { echo "fuzz: cmin of $t failed, see fuzz/logs/$t.cmin.log"; return 1; }
  (cd "$SEEDS/$t" && find . -type f -printf '%f\0') | (cd "fuzz/$work" && xargs -0 rm -f)
  rm -rf "fuzz/corpus/$t" "fuzz/$in"
  mv "fuzz/$work" "fuzz/corpus/$t"
  echo "fuzz: fuzz/corpus/$t now $(find "fuzz/corpus/$t" -type f | wc -l) files," \
    "$(find "fuzz/corpus/$t" -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}') bytes"
}

run() {
  local t=$1 log=fuzz/logs/$1.log rc=0
  mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
  echo "fuzz: $t for ${SECONDS_PER_TARGET}s"
  fuzz_cmd run -s "$SANITIZER" "$t" "corpus/$t" "seeds/$t" -- \
    -max_total_time="$SECONDS_PER_TARGET" "${LIMITS[@]}" \
    -dict=mimecast.dict -print_final_stats=1 "${EXTRA[@]}" >"$log" 2>&1 || rc=$?
  local execs rate
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  if [ "$rc" -ne 0 ]; then
    RESULTS+=("$(printf '%-14s FAIL (exit %d) after %s execs, see %s' "$t" "$rc" "${execs:-?}" "$log")")
    echo "fuzz: ${RESULTS[-1]}"
    grep -A1 -E '^thread .* panicked at' "$log" | head -n 12 || true
    grep -E '^(==[0-9]+== ERROR|SUMMARY|artifact_prefix)' "$log" | head -n 6 || true
    return 1
  fi
  RESULTS+=("$(printf '%-14s ok   %10s execs %7s/s  corpus %5d files' "$t" "${execs:-?}" "${rate:-?}" \
    "$(find "fuzz/corpus/$t" -type f | wc -l)")")
  echo "fuzz: ${RESULTS[-1]}"
  if [ "$CMIN" = 1 ]; then cmin "$t"; fi
}

main() {
  local only_seeds=0 only_cmin=0 chosen=() t
  for a in "$@"; do
    case $a in
      --seeds) only_seeds=1 ;;
      --cmin) only_cmin=1 ;;
      -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; return 0 ;;
      *)
        [[ " ${TARGETS[*]} " == *" $a "* ]] || { echo "fuzz: no target $a (${TARGETS[*]})" >&2; return 2; }
        chosen+=("$a")
        ;;
    esac
  done
  [ ${#chosen[@]} -gt 0 ] || chosen=("${TARGETS[@]}")

  seeds
  [ "$only_seeds" -eq 0 ] || return 0
  tools
  mkdir -p fuzz/logs
  echo "fuzz: building the targets (sanitizer: $SANITIZER)"
  fuzz_cmd build -s "$SANITIZER" >fuzz/logs/build.log 2>&1 ||
    { tail -n 30 fuzz/logs/build.log; echo "fuzz: build failed"; return 1; }

  if [ "$only_cmin" -eq 1 ]; then
    for t in "${chosen[@]}"; do cmin "$t"; done
    echo "fuzz: fuzz/corpus holds $(find fuzz/corpus -type f | wc -l) files," \
      "$(find fuzz/corpus -type f -printf '%s\n' | awk '{s += $1} END {print s + 0}') bytes"
    return 0
  fi

  RESULTS=()
  local failed=0 start=$SECONDS
  for t in "${chosen[@]}"; do run "$t" || failed=1; done
  printf '\nfuzz: summary (%d s)\n' $((SECONDS - start))
  printf '  %s\n' "${RESULTS[@]}"
  if [ "$failed" -ne 0 ]; then
    echo "fuzz: FAILED: reproducers in fuzz/artifacts/<target>/"
    return 1
  fi
}

main "$@"
