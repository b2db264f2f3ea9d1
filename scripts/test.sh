#!/usr/bin/env bash
# The test command: installs missing Debian packages, then runs the whole Swift test suite,
# then the engine and diffusion tests again with the C kernels capped at AVX2+FMA and at
# baseline x86-64 (DTR_KERNEL_LEVEL), so every instruction-set variant is checked on one machine.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
swift build --build-tests
swift test --skip-build
for level in 2 0; do
  echo "== TensorTests and DiffusionTests with DTR_KERNEL_LEVEL=$level"
  DTR_KERNEL_LEVEL=$level swift test --skip-build --filter 'TensorTests|DiffusionTests'
done
