#!/usr/bin/env bash
# Fuzzes dtr's lexer, parser and evaluator with libFuzzer for SECONDS seconds (default 60).
#
#   scripts/fuzz.sh [SECONDS] [extra libFuzzer flags…]
#
# Builds .build-fuzz/dtr-fuzz (every library module compiled with
# `-sanitize=fuzzer,address`, linked with Fuzz/FuzzMain.swift), seeds a working corpus in
# .build-fuzz/corpus from Fuzz/seeds, the test programs and the notebooks' code cells, then
# runs one process on one core (libFuzzer's default; -jobs/-workers would only add a log-file
# indirection). Findings (crash-*, timeout-*, oom-*, leak-*) land in
# .build-fuzz/findings; a non-zero exit means libFuzzer found something.
# Per-input budgets: DTR_FUZZ_BUDGET_MS (evaluation watchdog, default 300), DTR_FUZZ_MAX_BYTES
# (tensor memory cap, default 64 MiB), libFuzzer's -timeout=10 and -rss_limit_mb=2048.
# Set DTR_FUZZ_OPT=-O for an optimised (faster, less debuggable) build.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${1:-60}"
shift || true

OUT=.build-fuzz
OBJ=$OUT/obj
MOD=$OUT/modules
mkdir -p "$OBJ" "$MOD" "$OUT/corpus" "$OUT/findings"
OPT="${DTR_FUZZ_OPT:--Onone}"
SAN=(-sanitize=fuzzer,address -parse-as-library -swift-version 6 "$OPT" -g)
INCLUDES=(-I Sources/CBLAS -I Sources/CCairo -I "$MOD")

# Runs a command, hiding ld.gold's harmless "Cannot export local symbol '__asan_…'" noise.
quiet() {
    local status=0
    "$@" > "$OUT/build.log" 2>&1 || status=$?
    grep -v "Cannot export local symbol" "$OUT/build.log" || true
    return "$status"
}

# Compiles module $1 from Sources/$1 into one object file, unless it is up to date.
build_module() {
    local name=$1
    local stamp=$OBJ/$name.o
    local sources
    mapfile -t sources < <(find "Sources/$name" -name '*.swift' | sort)
    if [[ -f $stamp ]] && [[ -z $(find "Sources/$name" -newer "$stamp" -name '*.swift' -print -quit) ]] \
        && [[ -z ${REBUILT:-} ]]; then
        return
    fi
    echo "fuzz.sh: compiling $name (${#sources[@]} files)"
    quiet swiftc "${SAN[@]}" "${INCLUDES[@]}" -module-name "$name" -emit-module -emit-module-path "$MOD/$name.swiftmodule" \
        -wmo -c -o "$stamp" "${sources[@]}"
    REBUILT=1
}

# The C kernels (CKernels): one object per file, and a module map for Swift's import.
CK=$OUT/ckernels
mkdir -p "$CK"
printf 'module CKernels {\n    umbrella header "%s"\n    export *\n}\n' "$PWD/Sources/CKernels/include/ckernels.h" > "$CK/module.modulemap"
INCLUDES+=(-I "$CK")
CK_OBJS=()
for c in Sources/CKernels/*.c; do
    o=$CK/$(basename "$c" .c).o
    CK_OBJS+=("$o")
    if [[ ! -f $o || $c -nt $o || Sources/CKernels/include/ckernels.h -nt $o ]]; then
        echo "fuzz.sh: compiling $c"
        clang -c -g -O1 -fsanitize=fuzzer-no-link,address -I Sources/CKernels/include "$c" -o "$o"
        REBUILT=1
    fi
done

for m in Tensor Diffusion Render Language; do build_module "$m"; done
if [[ ! -x $OUT/dtr-fuzz || -n ${REBUILT:-} || Fuzz/FuzzMain.swift -nt $OUT/dtr-fuzz ]]; then
    echo "fuzz.sh: linking $OUT/dtr-fuzz"
    quiet swiftc "${SAN[@]}" "${INCLUDES[@]}" -module-name DtrFuzz Fuzz/FuzzMain.swift \
        "$OBJ"/Tensor.o "$OBJ"/Diffusion.o "$OBJ"/Render.o "$OBJ"/Language.o "${CK_OBJS[@]}" -ldl -o "$OUT/dtr-fuzz"
fi

# Seed corpus: committed seeds, every test program, every notebook code cell.
if [[ ! -f $OUT/corpus/.seeded ]]; then
    cp Fuzz/seeds/* "$OUT/corpus/" 2>/dev/null || true
    find Tests/LanguageTests/Programs -name '*.dtr' | while read -r f; do
        cp "$f" "$OUT/corpus/prog-$(echo "$f" | tr '/' '_')"
    done
    for nb in notebooks/*.dtrnb; do
        awk -v base="$OUT/corpus/nb-$(basename "$nb" .dtrnb)" '
            /^```dtr/ { inside = 1; n++; next }
            /^```/ && inside { inside = 0; next }
            inside { print > (base "-" n ".dtr") }' "$nb"
    done
    touch "$OUT/corpus/.seeded"
fi

[[ $SECONDS_TO_RUN == build ]] && exit 0
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$PWD/scripts/lsan.supp:print_suppressions=0}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1:detect_stack_use_after_return=0}"
exec "$OUT/dtr-fuzz" "$OUT/corpus" \
    -max_total_time="$SECONDS_TO_RUN" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=1024 \
    -max_len=4096 -dict=Fuzz/dtr.dict -artifact_prefix="$OUT/findings/" -print_final_stats=1 "$@"
