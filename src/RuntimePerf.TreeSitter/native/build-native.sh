#!/usr/bin/env bash
# Builds the tree-sitter runtime and the grammars pinned in pins.txt into one
# shared library for one RID.
#
#   build-native.sh <rid> <output-dir>
#
# RIDs and where they build:
#   linux-x64, linux-arm64    Linux (either arch: the other one with Debian's gcc-<arch>-linux-gnu)
#   linux-musl-x64/-arm64     Linux with musl-gcc of the same arch (Debian: musl-tools)
#   win-x64                   Linux with MinGW-w64 (Debian: gcc-mingw-w64-x86-64), or Windows (MSYS2 MinGW)
#   win-arm64                 Windows or Linux with an aarch64 MinGW compiler given in CC (llvm-mingw)
#   osx-x64, osx-arm64        macOS (Apple clang builds both)
#
# Tarballs come from the npm registry through `npm pack` (no install, no install
# scripts), are checked against the pinned sha512 integrity and cached, so a
# rebuild after the first one needs no network.
#   RUNTIMEPERF_NATIVE_CACHE  tarball cache (default: ~/.cache/runtimeperf/npm)
#   CC                        C compiler (default: the one for the RID, see above)
#   RUNTIMEPERF_NATIVE_APT    1 (default): a missing Debian cross compiler is installed with apt-get
#                             when running as root; 0: never install, fail with the package name instead
set -euo pipefail

usage="usage: build-native.sh <rid> <output-dir>"
rid="${1:?$usage}"
out="${2:?$usage}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pins="$here/pins.txt"
cache="${RUNTIMEPERF_NATIVE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/runtimeperf/npm}"

fail() { echo "build-native.sh: error: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || fail "'$1' was not found on PATH; install $2"; }

# The C compiler $1 is there and finds the C library's headers (a cross compiler can be installed without them).
compiles() { command -v "$1" >/dev/null 2>&1 && echo '#include <stdio.h>' | "$1" -E -x c - >/dev/null 2>&1; }

# Installs Debian packages $2 (space-separated) when compiler $1 is missing or finds no C headers and this is a Debian root
# shell; otherwise fails with the hint.
need_or_install() {
  compiles "$1" && return
  if [[ ${RUNTIMEPERF_NATIVE_APT:-1} == 1 && $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "build-native.sh: installing $2 (for $1)"
    export DEBIAN_FRONTEND=noninteractive
    # shellcheck disable=SC2086 # a list of package names
    apt-get install -y -qq --no-install-recommends $2 >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq --no-install-recommends $2 >/dev/null; } \
      || fail "apt-get install $2 failed"
    compiles "$1" && return
  fi
  need "$1" "$3"
  compiles "$1" || fail "'$1' finds no C library headers (stdio.h); install $2"
}

os="$(uname -s)"
case "$os" in MINGW* | MSYS* | CYGWIN*) os=Windows ;; esac
case "$(uname -m)" in x86_64 | amd64) host_arch=x64 ;; aarch64 | arm64) host_arch=arm64 ;; *) host_arch="$(uname -m)" ;; esac
arch="${rid##*-}"
arch_flags=()
# Shared flags: position-independent code where the format has it; only the API marked public is exported.
pic=(-fPIC -fvisibility=hidden)
case "$rid" in
  linux-x64 | linux-arm64 | linux-musl-x64 | linux-musl-arm64)
    [[ $os == Linux ]] || fail "RID $rid must be built on Linux (this is $os)"
    gnu_arch=$([[ $arch == x64 ]] && echo x86_64 || echo aarch64)
    if [[ $rid == linux-musl-* ]]; then
      [[ $arch == "$host_arch" ]] || [[ -n ${CC:-} ]] || fail "RID $rid needs a musl compiler for $gnu_arch in CC (Debian's musl-gcc targets the host only)"
      default_cc=musl-gcc; apt_package=musl-tools
    elif [[ $arch == "$host_arch" ]]; then
      default_cc=cc; apt_package="gcc libc6-dev"
    else
      # Without recommends the cross compiler comes without the target's C library headers.
      deb_arch=$([[ $arch == x64 ]] && echo amd64 || echo arm64)
      default_cc=$gnu_arch-linux-gnu-gcc; apt_package="gcc-${gnu_arch//_/-}-linux-gnu libc6-dev-$deb_arch-cross"
    fi
    lib=libruntimeperf_treesitter.so
    link_flags=(-shared -Wl,--no-undefined) ;;
  win-x64 | win-arm64)
    [[ $os == Linux || $os == Windows ]] || fail "RID $rid must be built on Linux (MinGW-w64) or Windows (this is $os)"
    if [[ $os == Windows && $arch == "$host_arch" ]]; then default_cc=cc; apt_package=""
    elif [[ $arch == x64 ]]; then default_cc=x86_64-w64-mingw32-gcc; apt_package=gcc-mingw-w64-x86-64
    else [[ -n ${CC:-} ]] || fail "RID $rid needs an aarch64 MinGW compiler in CC (e.g. llvm-mingw's aarch64-w64-mingw32-clang); Debian has none"
    fi
    lib=runtimeperf_treesitter.dll
    pic=()
    # No libgcc DLL beside ours: only the system's KERNEL32 and msvcrt are imported.
    # Grammars mark their entry point dllexport, which turns off MinGW's automatic export of the runtime's ts_* API.
    link_flags=(-shared -static-libgcc -Wl,--no-undefined -Wl,--export-all-symbols) ;;
  osx-x64 | osx-arm64)
    [[ $os == Darwin ]] || fail "RID $rid must be built on macOS (this is $os)"
    default_cc=cc; apt_package=""
    lib=libruntimeperf_treesitter.dylib
    link_flags=(-dynamiclib -install_name "@rpath/$lib")
    # Apple clang builds either architecture, so both osx RIDs build on any Mac.
    case "$rid" in osx-x64) arch_flags=(-arch x86_64) ;; osx-arm64) arch_flags=(-arch arm64) ;; esac ;;
  *)
    fail "RID $rid is not supported by this script (linux-x64, linux-arm64, linux-musl-x64, linux-musl-arm64, win-x64, win-arm64, osx-x64, osx-arm64)" ;;
esac

cc="${CC:-$default_cc}"
need node "Node.js (Debian/Ubuntu: apt-get install nodejs npm; macOS: brew install node)"
need tar "tar"
if [[ -z ${CC:-} && -n ${apt_package:-} ]]; then
  need_or_install "$cc" "$apt_package" "a C compiler for $rid (Debian/Ubuntu: apt-get install $apt_package)"
else
  need "$cc" "a C compiler for $rid (macOS: xcode-select --install)"
fi

# npm's integrity format: "sha512-" + base64 of the tarball's SHA-512.
integrity_of() {
  node -e 'const c=require("crypto"),f=require("fs");
process.stdout.write("sha512-"+c.createHash("sha512").update(f.readFileSync(process.argv[1])).digest("base64"))' "$1"
}

# Prints the path of the verified, cached tarball of <name>@<version>.
fetch() {
  local name=$1 version=$2 integrity=$3
  local file="$cache/$name-$version.tgz"
  if [[ -f $file && "$(integrity_of "$file")" == "$integrity" ]]; then
    echo "$file"; return
  fi
  need npm "npm (Debian/Ubuntu: apt-get install nodejs npm; macOS: brew install node)"
  mkdir -p "$cache"
  local tmp
  tmp="$(mktemp -d "$cache/.fetch.XXXXXX")"
  npm pack "$name@$version" --pack-destination "$tmp" --ignore-scripts --silent >/dev/null \
    || { rm -rf "$tmp"; fail "npm pack $name@$version failed (is the npm registry reachable?)"; }
  local got
  got="$(integrity_of "$tmp/$name-$version.tgz")"
  if [[ $got != "$integrity" ]]; then
    rm -rf "$tmp"
    fail "integrity mismatch for $name@$version: pinned $integrity, downloaded $got"
  fi
  mv -f "$tmp/$name-$version.tgz" "$file"
  rm -rf "$tmp"
  echo "$file"
}

language_version() { sed -n 's/^#define \(TREE_SITTER_\)\{0,1\}'"$1"' \([0-9]*\).*/\2/p' "$2" | head -n 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/runtimeperf-treesitter.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/obj"

# -ffile-prefix-map keeps the temporary build path out of assert messages, so builds are reproducible.
cflags=(-O2 "${pic[@]+"${pic[@]}"}" -std=c11 -g0 "-ffile-prefix-map=$work/=" "${arch_flags[@]+"${arch_flags[@]}"}")
runtime=""
grammars=()
while read -r name version integrity rest; do
  [[ -z $name || $name == \#* ]] && continue
  [[ -n $integrity && -z $rest ]] || fail "pins.txt: expected '<package> <version> <integrity>' but got: $name $version $integrity $rest"
  tarball="$(fetch "$name" "$version" "$integrity")"
  mkdir -p "$work/$name"
  tar -xzf "$tarball" -C "$work/$name"
  if [[ $name == tree-sitter ]]; then runtime="$work/$name/package/vendor/tree-sitter/lib"; else grammars+=("$work/$name/package"); fi
done < "$pins"
[[ -n $runtime ]] || fail "pins.txt has no 'tree-sitter' (runtime) line"

abi_max="$(language_version LANGUAGE_VERSION "$runtime/include/tree_sitter/api.h")"
abi_min="$(language_version MIN_COMPATIBLE_LANGUAGE_VERSION "$runtime/include/tree_sitter/api.h")"

echo "build-native.sh: runtime (ABI $abi_min..$abi_max)"
# The flags of the runtime's own Makefile; visibility comes from api.h's "visibility push(default)".
"$cc" "${cflags[@]}" -D_POSIX_C_SOURCE=200112L -D_DEFAULT_SOURCE -D_BSD_SOURCE -D_DARWIN_C_SOURCE \
  -I "$runtime/include" -I "$runtime/src" -c "$runtime/src/lib.c" -o "$work/obj/runtime.o"

for package in "${grammars[@]}"; do
  # A package holds one grammar (src/) or several (typescript/src, tsx/src).
  for parser in "$package"/src/parser.c "$package"/*/src/parser.c; do
    [[ -f $parser ]] || continue
    src="$(dirname "$parser")"
    sub="${src#"$package"}"; sub="${sub%/src}"
    id="$(basename "$(dirname "$package")")${sub:+-${sub#/}}"
    abi="$(language_version LANGUAGE_VERSION "$parser")"
    [[ -n $abi ]] && (( abi >= abi_min && abi <= abi_max )) \
      || fail "$id: grammar ABI '${abi:-?}' is outside the runtime's $abi_min..$abi_max; pin compatible versions"
    echo "build-native.sh: $id (ABI $abi)"
    "$cc" "${cflags[@]}" -I "$src" -c "$parser" -o "$work/obj/$id-parser.o"
    if [[ -f $src/scanner.c ]]; then
      "$cc" "${cflags[@]}" -I "$src" -c "$src/scanner.c" -o "$work/obj/$id-scanner.o"
    fi
  done
done

"$cc" "${link_flags[@]}" "${arch_flags[@]+"${arch_flags[@]}"}" -o "$work/$lib" "$work"/obj/*.o
# Copy then rename inside the output folder, so a concurrent or killed build never leaves half a library.
mkdir -p "$out"
cp "$work/$lib" "$out/.$lib.$$"
mv -f "$out/.$lib.$$" "$out/$lib"
echo "build-native.sh: wrote $out/$lib"
