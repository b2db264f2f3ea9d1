#!/usr/bin/env bash
# Proves the release archive and the Debian package on a bare Debian 12 (needs root; run by CI):
#  1. scripts/package.sh builds dist/dtr-VERSION-linux-ARCH.tar.gz and dist/dtr_VERSION_ARCH.deb;
#  2. debootstrap --variant=minbase bookworm makes one base root (no Swift, no compiler), copied
#     twice (DTR_CHROOT_BASE=DIR copies an existing base instead, for reruns);
#  3. root "deb": `apt-get install ./dtr_….deb` and nothing else, so apt resolves exactly the
#     declared Depends; root "tar": only the run-time libraries of packaging/depends, then the
#     tarball unpacked into /opt and linked from /usr/local/bin;
#  4. in each root: `dtr --version` (commit, OpenBLAS from the runtime package), `ldd dtr`
#     (no Swift library, nothing missing, every directly linked library from a declared
#     dependency or the base system), the stdlib found relative to the binary, `dtr eval` with a
#     heatmap, a saved PNG (signature, CRCs, IHDR size, decoded pixels with many colours), every
#     shipped notebooks/*.dtrnb run headless, and the REPL driven through a pseudo-terminal
#     (`script` from bsdutils).
# If the Debian mirror cannot be reached the check fails; it never skips.
# DTR_DEBIAN_MIRROR overrides the mirror; DTR_SKIP_PACKAGE=1 reuses dist/ as built.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
start=$(date +%s)
say() { printf '== %s (%ss)\n' "$*" "$(( $(date +%s) - start ))"; }
fail() { echo "check_package: FAIL: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "needs root (debootstrap, chroot, mount)"
if ! command -v debootstrap >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
fi
command -v python3 >/dev/null || fail "python3 is needed on the host to decode the PNG"

# --- 1. the artefacts ---
if [ "${DTR_SKIP_PACKAGE:-}" != 1 ]; then
  say "scripts/package.sh"
  scripts/package.sh >/dev/null
fi
tarball=$(ls dist/dtr-*-linux-"$(uname -m)".tar.gz 2>/dev/null | sort -V | tail -1)
debfile=$(ls dist/dtr_*_"$(dpkg --print-architecture)".deb 2>/dev/null | sort -V | tail -1)
[ -f "$tarball" ] && [ -f "$debfile" ] || fail "dist/ lacks the tarball or the .deb"
version=$(basename "$debfile" | sed 's/^dtr_\([^_]*\)_.*/\1/')
commit=$(git rev-parse --short=12 HEAD)
say "artefacts: $tarball ($(du -k "$tarball" | cut -f1) KiB), $debfile ($(du -k "$debfile" | cut -f1) KiB)"

# --- scratch folder, mounts and their clean-up ---
work=$(mktemp -d /var/tmp/dtr-check-package.XXXXXX)
mounts=()
cleanup() {
  local rc=$?
  local i
  for (( i=${#mounts[@]}-1; i>=0; i-- )); do
    umount "${mounts[i]}" 2>/dev/null || umount -l "${mounts[i]}" || true
  done
  if grep -q " $work/" /proc/mounts; then
    echo "check_package: mounts remain under $work; not deleting it" >&2
  else
    rm -rf "$work"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mount_root() {  # /proc and a private /dev/pts (for the REPL's pseudo-terminal) in root $1
  mount -t proc proc "$1/proc" || fail "cannot mount /proc in $1"
  mounts+=("$1/proc")
  mkdir -p "$1/dev/pts"
  mount -t devpts -o newinstance,ptmxmode=0666,mode=620 devpts "$1/dev/pts" || fail "cannot mount devpts in $1"
  mounts+=("$1/dev/pts")
  rm -f "$1/dev/ptmx" && ln -s pts/ptmx "$1/dev/ptmx"
  cp /etc/resolv.conf "$1/etc/resolv.conf"
}

# Runs a command in root $1 with a clean environment (no DTR_STDLIB, no host PATH).
in_root() {
  local root=$1; shift
  env -i HOME=/root TERM=xterm LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    timeout "${DTR_CHECK_TIMEOUT:-1800}" chroot "$root" "$@"
}

# --- 2. one base root ---
mirror=${DTR_DEBIAN_MIRROR:-http://deb.debian.org/debian}
base="$work/base"
if [ -n "${DTR_CHROOT_BASE:-}" ]; then
  say "copying the base root from $DTR_CHROOT_BASE"
  cp -a "$DTR_CHROOT_BASE" "$base"
else
  say "debootstrap --variant=minbase bookworm from $mirror"
  if ! debootstrap --variant=minbase bookworm "$base" "$mirror" >"$work/debootstrap.log" 2>&1; then
    tail -20 "$work/debootstrap.log" >&2
    fail "debootstrap could not build a Debian 12 root from $mirror (is the mirror reachable?)"
  fi
fi
cp /etc/resolv.conf "$base/etc/resolv.conf"
in_root "$base" apt-get update -qq || fail "apt-get update in the bare root could not reach $mirror"
for tool in swift swiftc cc gcc clang; do
  if in_root "$base" sh -c "command -v $tool" >/dev/null; then fail "the bare root has $tool"; fi
done
in_root "$base" dpkg-query -W -f '${Package}\n' | sed 's/:.*//' | sort -u > "$work/base-packages"
sed -e 's/#.*//' -e '/^[[:space:]]*$/d' packaging/depends | tr '|' '\n' | tr -d ' \t' | sort -u > "$work/declared"
say "base root ready: $(wc -l < "$work/base-packages") packages"

# --- 4. the checks, for one root; $1 root, $2 the dtr command in it, $3 notebooks folder ---
prove() {
  local root=$1 dtr=$2 nbsrc=$3 label=$4
  local out="$work/$label"
  mkdir -p "$out"

  in_root "$root" "$dtr" --version > "$out/version.txt" || fail "$label: dtr --version failed"
  cat "$out/version.txt"
  grep -qx "dtr $version" "$out/version.txt" || fail "$label: --version does not start with dtr $version"
  grep -qx "commit: $commit\(-dirty\)\?" "$out/version.txt" || fail "$label: --version lacks commit $commit"
  grep -q '^BLAS: libopenblas.so.0 = /usr/lib/' "$out/version.txt" || fail "$label: OpenBLAS not loaded as libopenblas.so.0"
  grep -q '^C kernels: ' "$out/version.txt" || fail "$label: no C kernels line"

  # ldd: no Swift library, nothing missing; each NEEDED library from a declared package or the base.
  local real
  real=$(in_root "$root" readlink -f "$dtr")
  in_root "$root" ldd "$real" > "$out/ldd.txt" || fail "$label: ldd failed"
  cat "$out/ldd.txt"
  if grep -Ei 'swift|foundation|dispatch|BlocksRuntime|icu' "$out/ldd.txt"; then fail "$label: ldd lists a Swift library"; fi
  if grep -q 'not found' "$out/ldd.txt"; then fail "$label: ldd: a library is missing"; fi
  local needed lib path owner
  needed=$(readelf -d "$root$real" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
  for lib in $needed; do
    path=$(awk -v l="$lib" '$1 == l && $2 == "=>" { print $3 } $1 ~ "^/.*/" l "$" { print $1 }' "$out/ldd.txt")
    [ -n "$path" ] || fail "$label: ldd does not resolve $lib"
    owner=$(in_root "$root" dpkg -S "$path" 2>/dev/null | head -1 | sed 's/:.*//' || true)
    [ -n "$owner" ] || owner=$(in_root "$root" dpkg -S "$(in_root "$root" readlink -f "$path")" 2>/dev/null | head -1 | sed 's/:.*//' || true)
    if grep -qx "$owner" "$work/declared"; then echo "  $lib: $owner (declared)"
    elif grep -qx "$owner" "$work/base-packages"; then echo "  $lib: $owner (base system)"
    else fail "$label: $lib comes from $owner, which packaging/depends does not declare"; fi
  done

  # The stdlib, found relative to the real executable (clamp is written in dtr, in stdlib/).
  [ "$(in_root "$root" "$dtr" eval 'clamp(5, 0, 1)')" = 1 ] || fail "$label: the stdlib was not found"

  # Notebooks are copied out of the install (a user's own copy), then run headless.
  in_root "$root" sh -c "rm -rf /root/nb && cp -r '$nbsrc' /root/nb"
  local nb count=0 t0
  for nb in "$root"/root/nb/*.dtrnb; do
    nb=$(basename "$nb"); t0=$(date +%s)
    in_root "$root" sh -c "cd /root/nb && '$dtr' run '$nb'" > "$out/$nb.log" 2>&1 \
      || { tail -30 "$out/$nb.log" >&2; fail "$label: notebook $nb failed"; }
    echo "  notebook $nb: green ($(( $(date +%s) - t0 ))s)"
    count=$((count + 1))
  done
  [ "$count" -ge 5 ] || fail "$label: only $count notebooks shipped"

  # A saved PNG, decoded on the host.
  in_root "$root" sh -c "mkdir -p /root/w && cd /root/w && '$dtr' eval 'save(heatmap(route(\"dtr\", 1000, 64), title: \"DTR mask\"), \"mask.png\")'" \
    || fail "$label: saving a PNG failed"
  python3 "$repo/scripts/check_png.py" "$root/root/w/mask.png" || fail "$label: the PNG does not decode"

  # The REPL through a pseudo-terminal: readline mode (the banner only shows on a terminal).
  printf '%s\n' 's = schedule("cosine", 1000)' 'str(s.snr[500], digits: 4)' 'm = route("dtr", 1000, 16)' \
    ':type m' 'heatmap(m, title: "DTR, C = 16")' ':quit' > "$root/root/repl-input"
  in_root "$root" sh -c "cd /root && script -qec '$dtr' /dev/null < /root/repl-input" > "$out/repl.txt" 2>&1 \
    || { cat "$out/repl.txt" >&2; fail "$label: the REPL session failed"; }
  local want
  for want in "dtr $version — :help" 'dtr> ' '"0.9696"' 'tensor f64[1000, 16]' 'DTR, C = 16'; do
    grep -qF -- "$want" "$out/repl.txt" || { cat "$out/repl.txt" >&2; fail "$label: the REPL output lacks: $want"; }
  done
  # On a terminal the heatmap's cells are 24-bit colour half blocks (plain blocks with NO_COLOR).
  grep -qE '██|48;2;[0-9;]+m' "$out/repl.txt" || { cat "$out/repl.txt" >&2; fail "$label: the REPL drew no heatmap cells"; }
  echo "  REPL through a pty: banner, prompt, values, :type and a heatmap"
}

# --- 3a. the .deb ---
say "root 1: apt-get install ./$(basename "$debfile")"
cp -a "$base" "$work/deb-root"
mount_root "$work/deb-root"
cp "$debfile" "$work/deb-root/tmp/"
t_install=$(date +%s.%N)
in_root "$work/deb-root" sh -c "cd /tmp && apt-get install -y -qq --no-install-recommends ./$(basename "$debfile")" \
  > "$work/deb-install.log" 2>&1 || { tail -30 "$work/deb-install.log" >&2; fail "apt-get install of the .deb failed"; }
in_root "$work/deb-root" dtr eval 'heatmap(route("dtr", 1000, 64), title: "DTR mask")' > "$work/deb-heatmap.txt" \
  || fail "deb: dtr eval heatmap failed"
t_heatmap=$(date +%s.%N)
grep -q '██' "$work/deb-heatmap.txt" || fail "deb: the heatmap has no filled cells"
deb_secs=$(python3 -c "print(f'{$t_heatmap - $t_install:.1f}')")
added=$(( $(in_root "$work/deb-root" dpkg-query -W -f '${Package}\n' | wc -l) - $(wc -l < "$work/base-packages") ))
say "deb: installed ($added packages added by apt) and drew the first heatmap in ${deb_secs}s"
prove "$work/deb-root" /usr/bin/dtr /usr/share/dtr/notebooks deb

# --- 3b. the tarball, in a root with only the run-time libraries ---
say "root 2: the run-time libraries, then $(basename "$tarball") in /opt"
cp -a "$base" "$work/tar-root"
mount_root "$work/tar-root"
libs=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' -e 's/|.*//' packaging/depends | tr -d ' \t' | tr '\n' ' ')
t_install=$(date +%s.%N)
in_root "$work/tar-root" apt-get install -y -qq --no-install-recommends $libs > "$work/tar-install.log" 2>&1 \
  || { tail -30 "$work/tar-install.log" >&2; fail "apt-get install $libs failed"; }
tar -xzf "$tarball" -C "$work/tar-root/opt"
ln -s "/opt/dtr-$version/bin/dtr" "$work/tar-root/usr/local/bin/dtr"
in_root "$work/tar-root" dtr eval 'heatmap(route("dtr", 1000, 64), title: "DTR mask")' > "$work/tar-heatmap.txt" \
  || fail "tar: dtr eval heatmap failed"
t_heatmap=$(date +%s.%N)
grep -q '██' "$work/tar-heatmap.txt" || fail "tar: the heatmap has no filled cells"
tar_secs=$(python3 -c "print(f'{$t_heatmap - $t_install:.1f}')")
say "tar: libraries installed, unpacked and drew the first heatmap in ${tar_secs}s"
prove "$work/tar-root" /usr/local/bin/dtr "/opt/dtr-$version/share/dtr/notebooks" tar

say "check_package: OK — tarball $(du -k "$tarball" | cut -f1) KiB, deb $(du -k "$debfile" | cut -f1) KiB; install to first heatmap: deb ${deb_secs}s, tar ${tar_secs}s"
