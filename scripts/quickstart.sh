#!/usr/bin/env bash
# Quick start: installs missing Debian packages, builds dtr (release) and runs the tour notebook.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
swift build -c release --product dtr
.build/release/dtr run notebooks/01-tour.dtrnb
