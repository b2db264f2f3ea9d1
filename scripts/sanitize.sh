#!/usr/bin/env bash
# Runs the test suite under AddressSanitizer and/or ThreadSanitizer.
#
#   scripts/sanitize.sh [address|thread|all] [swift test --filter PATTERN]
#
# Each sanitizer builds into its own scratch folder (.build-asan, .build-tsan) so the normal
# .build is untouched. A sanitizer report fails the run (halt_on_error). Default: address.
# Example: scripts/sanitize.sh thread --filter 'LanguageTests|TensorTests'
set -euo pipefail
cd "$(dirname "$0")/.."
which="${1:-address}"
shift || true

run() {
    local sanitizer=$1 scratch=$2
    shift 2
    echo "== sanitize.sh: $sanitizer → $scratch"
    swift build --build-tests --scratch-path "$scratch" -Xswiftc -sanitize="$sanitizer" -Xswiftc -g
    swift test --skip-build --scratch-path "$scratch" "$@"
}

# Leak checking is on for ASan: the interpreter must not leak (reference cycles included).
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:detect_stack_use_after_return=0}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$PWD/scripts/lsan.supp:print_suppressions=0}"
export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}"

case "$which" in
    address) run address .build-asan "$@" ;;
    thread) run thread .build-tsan "$@" ;;
    all) run address .build-asan "$@"; run thread .build-tsan "$@" ;;
    *) echo "usage: scripts/sanitize.sh [address|thread|all] [swift test options]" >&2; exit 2 ;;
esac
