#!/bin/sh
# include-cycles.sh: fails on a circle between source files: an #include
# circle, or (with --objects) a call circle between the .c files of one
# program or library.
#
#   include-cycles.sh [--root DIR] [--exclude PATH]... [--objects BUILD]
#                     [--nm PROG] [PATH...]
#
# Nodes are the .c and .h files below the PATHs (relative to --root, which
# defaults to this script's repository; no PATH: the whole tree), minus
# build/, ci/fixtures/ (unless a PATH lies in it: the planted circles of
# the tests) and each --exclude PATH (a file or folder).
# Include edges: F -> H for each #include "H" of F, H found beside F, else
# the one node whose path ends in /H (headers of the system and of Wine are
# not nodes). Call edges (--objects BUILD): for the object files of each
# CMake target below BUILD (CMakeFiles/<target>.dir), A.c -> B.c when A's
# object uses a global symbol B's object defines (nm, or --nm PROG).
# Output: one line per circle found, "include-cycles: cycle (KIND): a -> b
# -> a", then "include-cycles: N files, E edges, C cycle(s)".
# Exit status: 0 no circle, 1 a circle, 2 bad input (missing PATH or BUILD,
# no nm), with one line "include-cycles: error: <reason>" on stderr.
set -u

die() { echo "include-cycles: error: $*" >&2; exit 2; }

root=$(cd "$(dirname "$0")/.." && pwd)
excludes="build ci/fixtures" objects="" nm=nm
while [ $# -gt 0 ]; do
    # Every option takes a value.
    case $1 in
    -h|--help) sed -n '2,/^set -u/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
    --) shift; break ;;
    --root|--exclude|--objects|--nm) if [ $# -lt 2 ] || [ -z "$2" ]; then die "$1 needs a value"; fi ;;
    -*) die "unknown option '$1'" ;;
    *) break ;;
    esac
    case $1 in
    --root) root=$(cd "$2" 2>/dev/null && pwd) || die "no folder $2" ;;
    --exclude) excludes="$excludes ${2%/}" ;;
    --objects) objects=$(cd "$2" 2>/dev/null && pwd) || die "no build folder $2" ;;
    --nm) nm=$2 ;;
    esac
    shift 2
done
if [ -n "$objects" ]; then
    command -v "$nm" >/dev/null 2>&1 || die "no $nm (binutils)"
fi
cd "$root" || die "cannot enter $root"
[ $# -gt 0 ] || set -- .
for p in "$@"; do
    [ -e "$p" ] || die "no such path below $root: $p"
    case ${p#./} in ci/fixtures|ci/fixtures/*) excludes="build${excludes#build ci/fixtures}" ;; esac
done

tmp=$(mktemp -d) || die "mktemp failed"
trap 'rm -rf "$tmp"' EXIT

# Nodes: repository-relative paths, without the excluded ones.
find "$@" \( -name '*.c' -o -name '*.h' \) -type f | sed 's|^\./||' | sort -u |
    awk -v ex="$excludes" 'BEGIN { n = split(ex, x, " ") }
        { for (i = 1; i <= n; i++) if ($0 == x[i] || index($0, x[i] "/") == 1) next; print }' >"$tmp/nodes"

# Include edges: "include FROM TO".
awk '
    function norm(p) {
        gsub(/\/\.\//, "/", p)
        sub(/^\.\//, "", p)
        while (match(p, /[^\/.][^\/]*\/\.\.\//))
            p = substr(p, 1, RSTART - 1) substr(p, RSTART + RLENGTH)
        return p
    }
    { node[$0] = 1; list[++n] = $0 }
    END {
        for (i = 1; i <= n; i++) {
            f = list[i]
            dir = f
            if (!sub(/\/[^\/]*$/, "", dir))
                dir = "."
            while ((getline line < f) > 0) {
                if (line !~ /^[ \t]*#[ \t]*include[ \t]*"/)
                    continue
                inc = line
                sub(/^[^"]*"/, "", inc)
                sub(/".*/, "", inc)
                cand = norm(dir "/" inc)
                if (cand in node) {
                    print "include", f, cand
                    continue
                }
                # The one node whose path ends in /inc (an include directory).
                count = 0
                for (j = 1; j <= n; j++)
                    if (substr(list[j], length(list[j]) - length(inc)) == "/" inc) {
                        count++
                        m = list[j]
                    }
                if (count == 1)
                    print "include", f, m
            }
            close(f)
        }
    }' "$tmp/nodes" >"$tmp/edges"

# Call edges: objects of one target, mapped back to their sources.
if [ -n "$objects" ]; then
    # "object target source" for each object whose source is a node.
    find "$objects" -path '*/CMakeFiles/*.dir/*' \( -name '*.c.o' -o -name '*.c.obj' \) -type f |
    awk -v b="$objects/" '
        NR == FNR { node[$0] = 1; next }
        {
            rel = substr($0, length(b) + 1)
            i = index(rel, "CMakeFiles/")
            rest = substr(rel, i + 11)
            j = index(rest, ".dir/")
            target = substr(rel, 1, i + 10 + j + 3)
            src = substr(rel, 1, i - 1) substr(rest, j + 5)
            sub(/\.(o|obj)$/, "", src)
            gsub(/__\//, "../", src)
            while (match(src, /[^\/.][^\/]*\/\.\.\//))
                src = substr(src, 1, RSTART - 1) substr(src, RSTART + RLENGTH)
            if (src in node)
                print $0, target, src
        }' "$tmp/nodes" - >"$tmp/objects"
    # Global symbols each object defines ("def") and uses ("use"): one nm
    # for every object, not one per object; GNU nm prints "OBJECT:VALUE TYPE
    # NAME", llvm-nm "OBJECT: VALUE TYPE NAME", both "OBJECT: U NAME".
    if [ -s "$tmp/objects" ]; then
        cut -d' ' -f1 "$tmp/objects" | xargs "$nm" -g -A >"$tmp/nm" || die "$nm failed"
    else
        : >"$tmp/nm"
    fi
    awk 'NR == FNR { t[$1] = $2; s[$1] = $3; next }
        {
            o = $1
            sub(/:[^:]*$/, "", o)
            if (!(o in t))
                next
            if ($(NF - 1) == "U")
                print "use", t[o], $NF, s[o]
            else if (NF >= 3)
                print "def", t[o], $NF, s[o]
        }' "$tmp/objects" "$tmp/nm" >"$tmp/syms"
    awk '$1 == "def" { d[$2 SUBSEP $3] = d[$2 SUBSEP $3] " " $4 }
         $1 == "use" { u[++n] = $2 SUBSEP $3; us[n] = $4 }
         END {
             for (i = 1; i <= n; i++) {
                 k = split(d[u[i]], to, " ")
                 for (j = 1; j <= k; j++)
                     if (to[j] != us[i])
                         print "call", us[i], to[j]
             }
         }' "$tmp/syms" | sort -u >>"$tmp/edges"
fi

# Cycles: depth-first search; a back edge closes a circle, printed once per
# set of files.
awk '
    { kind[$2 SUBSEP $3] = (kind[$2 SUBSEP $3] == "" || kind[$2 SUBSEP $3] == $1) ? $1 : "include+call"
      if (!((($2) SUBSEP ($3)) in seen)) { seen[$2, $3] = 1; adj[$2] = adj[$2] " " $3; nodes[$2] = 1; nodes[$3] = 1; e++ } }
    function visit(v,    k, i, w, nb, path, c, key, kinds) {
        state[v] = 1
        stack[++depth] = v
        k = split(adj[v], nb, " ")
        for (i = 1; i <= k; i++) {
            w = nb[i]
            if (state[w] == 1) {
                path = ""
                kinds = ""
                for (c = depth; stack[c] != w; c--)
                    ;
                key = ""
                for (; c <= depth; c++) {
                    path = path stack[c] " -> "
                    if (c < depth)
                        kinds = kinds "," kind[stack[c], stack[c + 1]]
                }
                kinds = kinds "," kind[v, w]
                path = path w
                if (!(path in printed)) {
                    printed[path] = 1
                    sub(/^,/, "", kinds)
                    print "include-cycles: cycle (" kinds "): " path
                    cycles++
                }
            } else if (state[w] == 0) {
                visit(w)
            }
        }
        depth--
        state[v] = 2
    }
    END {
        for (v in nodes)
            if (state[v] == 0)
                visit(v)
        printf "include-cycles: %d files, %d edges, %d cycle(s)\n", NODES, e, cycles
        exit cycles > 0
    }' NODES="$(wc -l <"$tmp/nodes")" "$tmp/edges"
