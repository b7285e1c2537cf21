#!/usr/bin/env bash
# Builds the resolver WebAssembly module (libsolv + our glue, wasm32-wasi reactor), the rpm-md
# module that turns XML into .solv (libsolv's XML readers + expat, a second reactor, fetched only
# when XML is parsed), a wasm testsolv (command) for libsolv's own testcase suite, and a native testsolv from the very
# same sources and flags for comparison. Sources come from Debian source packages through a
# private apt source list; upstream tarballs are verified against wasm/sources.lock.
#
# Output: wasm/dist/resolver.wasm, wasm/dist/rpmmd.wasm, wasm/dist/testsolv.wasm, wasm/dist/manifest.json,
#         wasm/build/native/testsolv
# Needs (Debian 12): clang lld llvm wasi-libc libclang-rt-14-dev-wasm32 dpkg-dev node
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
W="$ROOT/wasm"
B="$W/build"
D="$W/dist"
JOBS="$(nproc 2>/dev/null || echo 2)"
mkdir -p "$B" "$D"

die() { echo "build:wasm: $*" >&2; exit 1; }
say() { echo "build:wasm: $*" >&2; }

for tool in clang wasm-ld llvm-ar dpkg-source apt-get apt-cache sha256sum node; do
  command -v "$tool" >/dev/null || die "missing '$tool' (apt-get install clang lld llvm wasi-libc libclang-rt-14-dev-wasm32 dpkg-dev)"
done
[ -f /usr/lib/wasm32-wasi/crt1-reactor.o ] || die "wasi-libc is not installed (apt-get install wasi-libc)"
compgen -G "/usr/lib/llvm-*/lib/clang/*/lib/wasi/libclang_rt.builtins-wasm32.a" >/dev/null \
  || die "clang's wasm32 runtime is missing (apt-get install libclang-rt-14-dev-wasm32)"

# --- 1. a private deb-src list derived from the system's own apt sources -----------------------
APT="$B/apt"
mkdir -p "$APT/parts" "$APT/lists/partial" "$APT/cache/archives/partial"
: > "$APT/parts/azl-src.sources"
shopt -s nullglob
for f in /etc/apt/sources.list.d/*.sources; do
  # deb822 stanzas: the same archives, as source entries
  sed -E 's/^Types:.*/Types: deb-src/' "$f" >> "$APT/parts/azl-src.sources"
  echo >> "$APT/parts/azl-src.sources"
done
: > "$APT/parts/azl-src.list"
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
  [ -f "$f" ] || continue
  sed -nE 's/^deb(\s)/deb-src\1/p' "$f" >> "$APT/parts/azl-src.list"
done
shopt -u nullglob
grep -qE -- '-security' "$APT/parts/azl-src.sources" "$APT/parts/azl-src.list" \
  || die "the system's apt sources have no security suite; add it so patched sources are found"
APTOPT=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$APT/parts"
        -o "Dir::State::Lists=$APT/lists" -o "Dir::Cache=$APT/cache" -o APT::Sandbox::User=root)

SRC="$B/src"
mkdir -p "$SRC"
if [ ! -f "$APT/updated" ] || [ -n "${AZL_WASM_REFRESH:-}" ]; then
  say "apt-get update (private deb-src list)"
  apt-get "${APTOPT[@]}" update -qq >/dev/null 2>"$APT/update.log" || { cat "$APT/update.log" >&2; die "apt-get update failed"; }
  touch "$APT/updated"
fi

# fetch NAME UPSTREAM SHA256 -> sets SRCDIR_<name>, REV_<name>
fetch_source() {
  local name="$1" upstream="$2" sha="$3" versions v dir orig got
  mapfile -t versions < <(apt-cache "${APTOPT[@]}" showsrc "$name" 2>/dev/null \
    | awk '/^Version: /{print $2}' | grep -E "^([0-9]+:)?${upstream//./\\.}-" | sort -u)
  [ ${#versions[@]} -gt 0 ] || die "no Debian source package $name $upstream in the archive"
  # newest revision first
  mapfile -t versions < <(printf '%s\n' "${versions[@]}" | while read -r a; do
    n=0; for b in "${versions[@]}"; do dpkg --compare-versions "$a" lt "$b" && n=$((n + 1)); done; echo "$n $a"; done | sort -n | cut -d' ' -f2)
  for v in "${versions[@]}"; do
    dir="$SRC/$name-$v"
    if [ ! -f "$dir/.extracted" ]; then
      rm -rf "$dir"; mkdir -p "$dir/dl"
      say "fetching $name $v"
      if ! (cd "$dir/dl" && apt-get "${APTOPT[@]}" source -qq --download-only "$name=$v" >/dev/null 2>"$dir/fetch.log"); then
        say "$name $v could not be downloaded, trying an older revision"; rm -rf "$dir"; continue
      fi
      orig="$(ls "$dir"/dl/"${name}_${upstream}".orig.tar.* 2>/dev/null | head -n1)"
      [ -n "$orig" ] || die "$name $v: no orig tarball"
      got="$(sha256sum "$orig" | cut -d' ' -f1)"
      [ "$got" = "$sha" ] || die "$name: $(basename "$orig") has sha256 $got, expected $sha (wasm/sources.lock)"
      (cd "$dir" && dpkg-source -q -x dl/*.dsc tree >/dev/null 2>"$dir/extract.log") \
        || { cat "$dir/extract.log" >&2; die "$name $v: dpkg-source -x failed"; }
      touch "$dir/.extracted"
    fi
    printf -v "SRCDIR_$name" '%s' "$dir/tree"
    printf -v "REV_$name" '%s' "$v"
    return 0
  done
  die "no revision of $name $upstream could be downloaded"
}

while read -r name upstream sha; do
  case "$name" in ''|'#'*) continue ;; esac
  fetch_source "$name" "$upstream" "$sha"
done < "$W/sources.lock"
LIBSOLV="$SRCDIR_libsolv"
EXPAT="$SRCDIR_expat/expat"

# --- 2. compile ------------------------------------------------------------------------------------
GEN="$B/gen"
mkdir -p "$GEN"
LIBSOLV_VERSION="$(awk '/^libsolv /{print $2}' "$W/sources.lock")"
IFS=. read -r MAJ MIN PAT <<< "$LIBSOLV_VERSION"
sed -e "s/@VERSION@/$LIBSOLV_VERSION/; s/@LIBSOLV_MAJOR@/$MAJ/; s/@LIBSOLV_MINOR@/$MIN/; s/@LIBSOLV_PATCH@/$PAT/" \
    -e 's/#cmakedefine \(LIBSOLV_FEATURE_LINKED_PKGS\|LIBSOLV_FEATURE_COMPLEX_DEPS\|LIBSOLVEXT_FEATURE_RPMMD\)$/#define \1 1/' \
    -e 's/^#cmakedefine .*$//' "$LIBSOLV/src/solvversion.h.in" > "$GEN/solvversion.h"
cp "$W/src/expat_config.h" "$GEN/expat_config.h"

LIBSOLV_SRCS="bitmap poolarch poolvendor poolid strpool dirpool solver solverdebug repo_solv repo_write evr pool
  queue repo repodata repopage util policy solvable transaction order rules problems linkedpkg cplxdeps chksum
  md5 sha1 sha2 solvversion selection fileprovides diskusage suse solver_util cleandeps userinstalled
  filelistfilter decision"
LIBSOLVEXT_SRCS="solv_xfopen testcase repo_testcase repo_rpmmd repo_repomdxml repo_updateinfoxml
  repo_deltainfoxml pool_parserpmrichdep repodata_diskusage solv_xmlparser"
EXPAT_SRCS="xmlparse xmltok xmlrole"

# Fedora's build of libsolv (what dnf5 links): rpm semantics, FEDORA arch policy, linked packages,
# complex (rich) dependencies, rpm-md; compression is done in JS, so no zlib/zstd/xz here.
DEFS=(-D_GNU_SOURCE -D_FILE_OFFSET_BITS=64 -DHAVE_STRCHRNUL=1 -DHAVE_FOPENCOOKIE=1 -DFEDORA=1
      -DENABLE_LINKED_PKGS=1 -DENABLE_COMPLEX_DEPS=1 -DENABLE_RPMMD=1 -DHAVE_EXPAT_CONFIG_H=1)
INCS=(-I"$GEN" -I"$LIBSOLV/src" -I"$LIBSOLV/ext" -I"$EXPAT/lib")
WASM_CC=(clang --target=wasm32-wasi)
# -mbulk-memory: memcpy/memset become memory.copy/memory.fill, which V8 runs natively (measured: .solv
# load ~12 % and the XML parse ~3 % faster, solves unchanged; every engine we target has had it since
# 2021). clang 14 then refuses wasi-libc's thread-local errno unless told the only TLS model wasm32
# has; without atomics it is an ordinary global all the same. -msimd128 was measured too: no faster.
WASM_CFLAGS=(-O2 -mbulk-memory -ftls-model=local-exec -Wall -Wno-unused-but-set-variable -Wno-unknown-warning-option)
NATIVE_CC=(clang)
NATIVE_CFLAGS=(-O2 -Wall -Wno-unused-but-set-variable -Wno-unknown-warning-option)
WASM_LDFLAGS=(-Wl,-z,stack-size=1048576 -Wl,--stack-first -Wl,--strip-all)

# compile_one SRC OBJ EXTRA: one translation unit with $CCLINE (word-split on purpose)
compile_one() {
  # shellcheck disable=SC2086
  $CCLINE $3 -c "$1" -o "$2" 2>"$2.log" || { cat "$2.log" >&2; return 255; }
}
export -f compile_one

# compile_all KIND OUTDIR CCLINE: every library source, in parallel, skipping up-to-date objects
compile_all() {
  local kind="$1" out="$2" f extra
  export CCLINE="$3 ${DEFS[*]} ${INCS[*]}"
  mkdir -p "$out"
  # objects are reused only if they were compiled by this script with these flags and headers
  local stamp
  stamp="$(printf '%s\n' "$CCLINE" | cat - "${BASH_SOURCE[0]}" "$W/src/no-regex.h" | sha256sum | cut -d' ' -f1)"
  if [ "$(cat "$out/.stamp" 2>/dev/null)" != "$stamp" ]; then
    rm -f "$out"/*.o "$out"/*.o.log
    echo "$stamp" > "$out/.stamp"
  fi
  {
    for f in $LIBSOLV_SRCS; do
      extra="-DLIBSOLV_INTERNAL=1"
      # WASI has no dup(); libsolv then reads paged .solv data into memory instead of mapping it.
      [ "$f" = repopage ] && [ "$kind" = wasm ] && extra="$extra -Ddup(fd)=(-1)"
      # the resolver never searches by regex: keep wasi-libc's regex engine out (see no-regex.h)
      [ "$f" = repodata ] && [ "$kind" = wasm ] && extra="$extra -include $W/src/no-regex.h"
      # unify's sort of all rules and the sort of all provider lists, bucketed by their first key in
      # wasm (see bucketsort.c); the native build keeps libsolv's, so the testcase comparison checks
      # one against the other
      [ "$f" = rules ] && [ "$kind" = wasm ] && extra="$extra -Dsolv_sort=azl_sort_rules"
      [ "$f" = pool ] && [ "$kind" = wasm ] && extra="$extra -Dsolv_sort=azl_sort_provider_lists"
      printf '%s\n%s\n%s\n' "$LIBSOLV/src/$f.c" "$out/s_$f.o" "$extra"
    done
    for f in $LIBSOLVEXT_SRCS; do printf '%s\n%s\n%s\n' "$LIBSOLV/ext/$f.c" "$out/e_$f.o" " "; done
    for f in $EXPAT_SRCS; do printf '%s\n%s\n%s\n' "$EXPAT/lib/$f.c" "$out/x_$f.o" " "; done
    [ "$kind" = wasm ] && printf '%s\n%s\n%s\n' "$W/src/bucketsort.c" "$out/w_bucketsort.o" "-DLIBSOLV_INTERNAL=1"
    printf '%s\n%s\n%s\n' "$LIBSOLV/tools/testsolv.c" "$out/t_testsolv.o" " "
  } | xargs -d '\n' -n 3 -P "$JOBS" bash -c '[ -f "$2" ] && [ "$2" -nt "$1" ] && exit 0; compile_one "$1" "$2" "$3"' _
}

say "compiling libsolv $REV_libsolv + expat $REV_expat for wasm32-wasi"
compile_all wasm "$B/obj-wasm" "${WASM_CC[*]} ${WASM_CFLAGS[*]}"
say "compiling the same sources natively (for the testcase suite comparison)"
compile_all native "$B/obj-native" "${NATIVE_CC[*]} ${NATIVE_CFLAGS[*]}"

LIBOBJS_WASM=("$B"/obj-wasm/s_*.o "$B"/obj-wasm/e_*.o "$B"/obj-wasm/x_*.o "$B"/obj-wasm/w_*.o)
LIBOBJS_NATIVE=("$B"/obj-native/s_*.o "$B"/obj-native/e_*.o "$B"/obj-native/x_*.o)
# The first answer needs no XML parser (packs and the cache are .solv): resolver.wasm links neither
# expat nor libsolv's XML readers; the shadow repository, which the app makes itself, reaches it as
# records (records.c), not XML. Everything that parses downloaded or dropped XML is rpmmd.wasm
# (convert.c), linked from the same objects.
SHARED_GLUE=("$W"/src/bulkmem.c "$W"/src/common.c "$W"/src/faults.c "$W"/src/jsonbuf.c)
RESOLVER_GLUE=("$W"/src/resolver.c "$W"/src/solve.c "$W"/src/report.c "$W"/src/weakdep.c "$W"/src/problems.c
               "$W"/src/explain.c "$W"/src/details.c "$W"/src/records.c "${SHARED_GLUE[@]}")
RPMMD_GLUE=("$W"/src/convert.c "${SHARED_GLUE[@]}")
RESOLVER_OBJS=()
for o in "$B"/obj-wasm/s_*.o "$B"/obj-wasm/e_*.o "$B"/obj-wasm/w_*.o; do
  case "$(basename "$o")" in e_repo_rpmmd.o|e_solv_xmlparser.o|e_repo_updateinfoxml.o|e_repo_repomdxml.o|e_repo_deltainfoxml.o) continue ;; esac
  RESOLVER_OBJS+=("$o")
done

# The glue is compiled apart and the modules linked without an -O flag: given one, clang's driver
# runs any wasm-opt it finds on PATH (npm run puts binaryen's there) with its own feature set, which
# rejects the bulk-memory instructions; binaryen runs below, pinned and with the features named.
GLUE_OBJ="$B/glue-wasm"
rm -rf "$GLUE_OBJ" && mkdir -p "$GLUE_OBJ"
# glue_objects SRC...: compiles each glue source and prints its object's path
glue_objects() {
  local f o
  for f in "$@"; do
    o="$GLUE_OBJ/$(basename "$f" .c).o"
    [ -f "$o" ] || "${WASM_CC[@]}" "${WASM_CFLAGS[@]}" "${DEFS[@]}" "${INCS[@]}" -I"$W/src" -c "$f" -o "$o" || return 1
    echo "$o"
  done
}
mapfile -t RESOLVER_GLUE_OBJS < <(glue_objects "${RESOLVER_GLUE[@]}") && [ ${#RESOLVER_GLUE_OBJS[@]} = ${#RESOLVER_GLUE[@]} ] || die "compiling the resolver glue failed"
mapfile -t RPMMD_GLUE_OBJS < <(glue_objects "${RPMMD_GLUE[@]}") && [ ${#RPMMD_GLUE_OBJS[@]} = ${#RPMMD_GLUE[@]} ] || die "compiling the rpm-md glue failed"
say "linking resolver.wasm (reactor)"
"${WASM_CC[@]}" -mexec-model=reactor -o "$D/resolver.wasm.tmp" "${RESOLVER_GLUE_OBJS[@]}" "${RESOLVER_OBJS[@]}" "${WASM_LDFLAGS[@]}"
say "linking rpmmd.wasm (reactor)"
"${WASM_CC[@]}" -mexec-model=reactor -o "$D/rpmmd.wasm.tmp" "${RPMMD_GLUE_OBJS[@]}" "${LIBOBJS_WASM[@]}" "${WASM_LDFLAGS[@]}"
say "linking testsolv.wasm (command)"
"${WASM_CC[@]}" -o "$D/testsolv.wasm.tmp" "$B/obj-wasm/t_testsolv.o" "${LIBOBJS_WASM[@]}" "${WASM_LDFLAGS[@]}"
mkdir -p "$B/native"
"${NATIVE_CC[@]}" -o "$B/native/testsolv" "$B/obj-native/t_testsolv.o" "${LIBOBJS_NATIVE[@]}"
# binaryen's optimizer after clang's -O2 (binaryen pinned in package.json, so the output is
# reproducible): measured (npm run bench, docs in README) smaller and no slower than -O2 alone, while
# clang -Oz/-Os cost up to a third more time in the first solve and the .solv write for ~15% less gzip.
WASM_OPT="$ROOT/node_modules/.bin/wasm-opt"
[ -x "$WASM_OPT" ] || die "missing $WASM_OPT: run npm ci first (binaryen is a pinned devDependency)"
WASM_OPT_FLAGS=(-O3 --enable-bulk-memory --enable-sign-ext --enable-mutable-globals --enable-nontrapping-float-to-int)
for f in resolver rpmmd testsolv; do
  say "wasm-opt ${WASM_OPT_FLAGS[0]} $f.wasm"
  "$WASM_OPT" "${WASM_OPT_FLAGS[@]}" "$D/$f.wasm.tmp" -o "$D/$f.wasm.opt"
  rm "$D/$f.wasm.tmp"
  mv "$D/$f.wasm.opt" "$D/$f.wasm"
done

# --- 3. manifest ---------------------------------------------------------------------------------
node "$W/scripts/write-manifest.mjs" \
  --out "$D/manifest.json" --abi "$W/src/abi.h" --lock "$W/sources.lock" \
  --source "libsolv=$REV_libsolv=$SRCDIR_libsolv" --source "expat=$REV_expat=$SRCDIR_expat" \
  --flags "${WASM_CFLAGS[*]} ${DEFS[*]} ${WASM_LDFLAGS[*]} -mexec-model=reactor; wasm-opt $("$WASM_OPT" --version | awk '{print $3}') ${WASM_OPT_FLAGS[*]}" \
  --clang "$(clang --version | head -n1)" --wasi-libc "$(dpkg-query -W -f='${Version}' wasi-libc 2>/dev/null || echo unknown)" \
  --artifact "$D/resolver.wasm" --artifact "$D/rpmmd.wasm" --artifact "$D/testsolv.wasm"
say "done: $(wc -c < "$D/resolver.wasm") bytes resolver.wasm, $(wc -c < "$D/rpmmd.wasm") bytes rpmmd.wasm; manifest $D/manifest.json"
