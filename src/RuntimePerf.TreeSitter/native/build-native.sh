#!/usr/bin/env bash
# Builds the tree-sitter runtime and the grammars pinned in pins.txt into one
# shared library for one RID. Runs on the platform it builds for (linux, macOS).
#
#   build-native.sh <rid> <output-dir>
#
# Tarballs come from the npm registry through `npm pack` (no install, no install
# scripts), are checked against the pinned sha512 integrity and cached, so a
# rebuild after the first one needs no network.
#   RUNTIMEPERF_NATIVE_CACHE  tarball cache (default: ~/.cache/runtimeperf/npm)
#   CC                        C compiler (default: cc)
set -euo pipefail

usage="usage: build-native.sh <rid> <output-dir>"
rid="${1:?$usage}"
out="${2:?$usage}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pins="$here/pins.txt"
cache="${RUNTIMEPERF_NATIVE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/runtimeperf/npm}"
cc="${CC:-cc}"

fail() { echo "build-native.sh: error: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || fail "'$1' was not found on PATH; install $2"; }

need node "Node.js (Debian/Ubuntu: apt-get install nodejs npm; macOS: brew install node)"
need "$cc" "a C compiler (Debian/Ubuntu: apt-get install gcc; macOS: xcode-select --install)"
need tar "tar"

os="$(uname -s)"
host_arch="$(uname -m)"
arch_flags=()
case "$rid" in
  linux-*)
    [[ $os == Linux ]] || fail "RID $rid must be built on Linux (this is $os)"
    lib=libruntimeperf_treesitter.so
    link_flags=(-shared -Wl,--no-undefined) ;;
  osx-*)
    [[ $os == Darwin ]] || fail "RID $rid must be built on macOS (this is $os)"
    lib=libruntimeperf_treesitter.dylib
    link_flags=(-dynamiclib -install_name "@rpath/$lib")
    # Apple clang builds either architecture, so both osx RIDs build on any Mac.
    case "$rid" in osx-x64) arch_flags=(-arch x86_64) ;; osx-arm64) arch_flags=(-arch arm64) ;; esac ;;
  *)
    fail "RID $rid is not supported by this script (linux-*, osx-*)" ;;
esac

# Cross-compiling on Linux needs a cross compiler in CC; refuse a silent host-arch build.
if [[ $os == Linux && -z ${CC:-} ]]; then
  case "$rid:$host_arch" in
    *-x64:x86_64 | *-arm64:aarch64 | *-arm64:arm64) ;;
    *) fail "RID $rid does not match this machine ($host_arch); set CC to a cross compiler" ;;
  esac
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
cflags=(-O2 -fPIC -fvisibility=hidden -std=c11 -g0 "-ffile-prefix-map=$work/=" "${arch_flags[@]+"${arch_flags[@]}"}")
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
