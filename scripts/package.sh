#!/usr/bin/env bash
# Builds a release dtr with the Swift runtime and Foundation linked statically
# (--static-swift-stdlib) and writes, from the same binary:
#   dist/dtr-VERSION-linux-ARCH.tar.gz  bin/dtr, share/dtr/{stdlib,notebooks}, LICENSE,
#                                       licenses/ (texts of everything bundled), INSTALL
#   dist/dtr_VERSION_DEBARCH.deb        /usr/bin/dtr, /usr/share/dtr/…, /usr/share/doc/dtr/…;
#                                       Depends: the lines of packaging/depends
# The git commit is baked in through a generated header, $scratch/generated/dtr_build_commit.h
# (Sources/CBuildInfo; ordinary builds say "unknown"): a new commit recompiles one C file.
# The build goes to its own scratch folder (.build-package, DTR_PACKAGE_SCRATCH) so it does not
# disturb .build/release. Archives are reproducible for a commit: sorted, owner root, every
# mtime = the commit time (SOURCE_DATE_EPOCH).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
command -v dpkg-deb >/dev/null || { echo "package.sh: dpkg-deb is missing (apt-get install dpkg)" >&2; exit 1; }

commit=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
if [ "$commit" != unknown ] && ! git diff --quiet HEAD -- Sources Package.swift stdlib notebooks 2>/dev/null; then
  commit="$commit-dirty"
fi
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
scratch=${DTR_PACKAGE_SCRATCH:-.build-package}
case $scratch in /*) ;; *) scratch="$PWD/$scratch" ;; esac

echo "== release build (static Swift runtime, commit $commit)" >&2
generated="$scratch/generated"
mkdir -p "$generated"
printf '#define DTR_GIT_COMMIT "%s"\n' "$commit" > "$generated/dtr_build_commit.h.new"
if cmp -s "$generated/dtr_build_commit.h.new" "$generated/dtr_build_commit.h"; then
  rm "$generated/dtr_build_commit.h.new"
else
  mv "$generated/dtr_build_commit.h.new" "$generated/dtr_build_commit.h"
fi
swift build -c release --product dtr --static-swift-stdlib --scratch-path "$scratch" -Xcc "-I$generated"
built="$scratch/release/dtr"
version=$("$built" --version | sed -n '1s/^dtr \([^ ]*\).*/\1/p')
[ -n "$version" ] || { echo "package.sh: could not read the version from $built --version" >&2; exit 1; }
arch=$(uname -m)
debarch=$(dpkg --print-architecture)
depends=$(sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^[[:space:]]*$/d' packaging/depends | paste -sd, | sed 's/,/, /g')

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

# The files both layouts share, under $1 (a prefix: bin/, share/dtr/).
install_tree() {
  local prefix=$1
  install -D -m 0755 "$built" "$prefix/bin/dtr"
  strip --strip-unneeded "$prefix/bin/dtr"
  mkdir -p "$prefix/share/dtr"
  cp -r stdlib "$prefix/share/dtr/stdlib"
  # Only committed notebook files (with their .files images and data), not run-time leftovers.
  git ls-files -z notebooks | while IFS= read -r -d '' f; do
    install -D -m 0644 "$f" "$prefix/share/dtr/$f"
  done
}

# Licence texts of everything in the binary or the archive (see LICENSE).
install_licences() {
  local dir=$1
  local swiftroot
  swiftroot=$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")
  mkdir -p "$dir"
  cp LICENSE "$dir/LICENSE"
  cp /usr/share/common-licenses/GPL-3 "$dir/GPL-3.txt"
  cp "$swiftroot/share/swift/LICENSE.txt" "$dir/swift-runtime-and-foundation.txt"
  cp "$scratch/checkouts/swift-argument-parser/LICENSE.txt" "$dir/swift-argument-parser.txt"
  cp packaging/licenses/*.txt "$dir/"
}

# --- tarball ---
name="dtr-$version"
root="$stage/$name"
install_tree "$root"
install_licences "$root/licenses"
mv "$root/licenses/LICENSE" "$root/LICENSE"
sed "s/@VERSION@/$version/g" packaging/INSTALL > "$root/INSTALL"
mkdir -p dist
tarball="dist/dtr-$version-linux-$arch.tar.gz"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
  -C "$stage" -cf - "$name" | gzip -n -9 > "$tarball"

# --- Debian package ---
deb="$stage/deb"
install_tree "$deb/usr"
install_licences "$deb/usr/share/doc/dtr"
cp packaging/copyright "$deb/usr/share/doc/dtr/copyright"
mkdir -p "$deb/DEBIAN"
size=$(du -sk --exclude=DEBIAN "$deb" | cut -f1)
cat > "$deb/DEBIAN/control" <<CONTROL
Package: dtr
Version: $version
Architecture: $debarch
Maintainer: dtr developers <dtr@localhost>
Installed-Size: $size
Depends: $depends
Section: science
Priority: optional
Description: literate scripting environment for diffusion models
 A small language for tensors, diffusion noise schedules and Denoising Task
 Routing, with a REPL, headless .dtrnb notebooks and terminal or PNG/SVG/PDF
 plots. Built from commit $commit; the Swift runtime is linked statically.
CONTROL
find "$deb" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
debfile="dist/dtr_${version}_${debarch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$deb" "$debfile" >/dev/null

ls -l "$tarball" "$debfile" >&2
echo "$tarball"
echo "$debfile"
