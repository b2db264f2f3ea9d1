#!/usr/bin/env bash
# The test command: installs missing Debian packages, then runs the whole Swift test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
swift build --build-tests
swift test --skip-build
