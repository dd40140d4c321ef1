#!/bin/sh
# report.sh: renders the runner's results (ci/conformance.sh calls it).
#   report.sh table|junit|html TABLE METRICS EVENTS NAME ARCH MPR BUDGET_MS
# TABLE:   check, tag, kind (gate|report), verdict (pass|fail|warn|skip),
#          title, detail; tab-separated, catalogue order.
# METRICS: name, value.  EVENTS: the driver's EVENT lines of the MPR run.
# Output on stdout; the HTML is self-contained (inline CSS and SVG).
set -eu
[ $# -eq 8 ] || { echo "report.sh: usage: report.sh table|junit|html TABLE METRICS EVENTS NAME ARCH MPR BUDGET" >&2; exit 2; }
mode=$1 table=$2 metrics=$3 events=$4 name=$5 arch=$6 mpr=$7 budget=$8
for f in "$table" "$metrics" "$events"; do
    [ -r "$f" ] || { echo "report.sh: error: cannot read: $f" >&2; exit 2; }
done
color=0
[ "$mode" = table ] && [ -t 1 ] && color=1
date=$(date -u +%Y-%m-%dT%H:%M:%SZ)

awk -F'\t' -v mode="$mode" -v table="$table" -v metrics="$metrics" -v events="$events" \
    -v name="$name" -v arch="$arch" -v mpr="$mpr" -v budget="$budget" -v color="$color" \
    -v date="$date" '
function esc(s) {
    gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s); gsub(/"/, "\\&quot;", s)
    return s
}
function num(k, d) { return (k in m) ? m[k] + 0 : d }
function count_line() {
    return n " checks: " c["pass"] + 0 " pass, " c["fail"] + 0 " fail, " c["warn"] + 0 " warn, " c["skip"] + 0 " skip"
}
# x position of a value in ms on a log axis from 1 us to 10 s.
function lx(v, x0, w) {
    if (v < 0.001) v = 0.001
    return x0 + w * (log(v) / log(10) + 3) / 7
}
function bar_row(y, label, v, x0, w, cls) {
    printf "<text x=\"10\" y=\"%d\" class=\"lbl\">%s</text>", y + 13, label
    printf "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"16\" class=\"%s\"/>", x0, y, lx(v, x0, w) - x0, cls
    printf "<text x=\"%.1f\" y=\"%d\" class=\"val\">%s ms</text>\n", lx(v, x0, w) + 6, y + 13, v
}
function tol_row(y, label, v, tol, unit) {
    r = tol > 0 ? v / tol : 0
    if (r < 0) r = 0
    w = (r > 2 ? 2 : r) * 200
    printf "<text x=\"10\" y=\"%d\" class=\"lbl\">%s</text>", y + 13, label
    printf "<rect x=\"190\" y=\"%d\" width=\"400\" height=\"16\" class=\"track\"/>", y
    printf "<rect x=\"190\" y=\"%d\" width=\"%.1f\" height=\"16\" class=\"%s\"/>", y, w, (r > 1 ? "bad" : "good")
    printf "<line x1=\"390\" x2=\"390\" y1=\"%d\" y2=\"%d\" class=\"limit\"/>", y - 3, y + 19
    printf "<text x=\"600\" y=\"%d\" class=\"val\">%s %s (tolerance %s %s)</text>\n", y + 13, v, unit, tol, unit
}
BEGIN {
    while ((getline line < table) > 0) {
        split(line, f, "\t")
        n++; ck[n] = f[1]; tg[n] = f[2]; kd[n] = f[3]; vd[n] = f[4]; tt[n] = f[5]; dt[n] = f[6]
        c[f[4]]++
        if (f[3] == "gate" && f[4] == "fail") gatefail++
    }
    while ((getline line < metrics) > 0) { split(line, f, "\t"); m[f[1]] = f[2] }
    while ((getline line < events) > 0) {
        split(line, f, "\t")
        ne++; et[ne] = f[2]; ed[ne] = f[3]; eo[ne] = f[5]; ek[ne] = f[6]; ex[ne] = f[7]
    }
    verdict = gatefail ? "FAIL" : "PASS"

    if (mode == "table") {
        if (color) { col["pass"] = "\033[32m"; col["fail"] = "\033[31m"; col["warn"] = "\033[33m"; col["skip"] = "\033[90m"; rst = "\033[0m" }
        printf "%-22s %-9s %-7s %s\n", "CHECK", "TAG", "VERDICT", "DETAIL"
        for (i = 1; i <= n; i++)
            printf "%-22s %-9s %s%-7s%s %s\n", ck[i], "[" tg[i] "]", col[vd[i]], toupper(vd[i]), rst, dt[i]
        printf "conformance: %s (%s, MPR %s): %s: %s\n", name, arch, mpr, count_line(), verdict
        exit
    }

    if (mode == "junit") {
        printf "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        printf "<testsuites name=\"connotify conformance\" tests=\"%d\" failures=\"%d\" skipped=\"%d\">\n", n, gatefail, c["skip"]
        printf "  <testsuite name=\"conformance.%s.%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"%d\" timestamp=\"%s\">\n", esc(name), arch, n, gatefail, c["skip"], date
        printf "    <properties><property name=\"notifier\" value=\"%s\"/><property name=\"arch\" value=\"%s\"/><property name=\"mpr\" value=\"%s\"/><property name=\"budget_ms\" value=\"%s\"/></properties>\n", esc(name), arch, mpr, budget
        for (i = 1; i <= n; i++) {
            grp = ck[i]; sub(/\..*/, "", grp)
            printf "    <testcase classname=\"conformance.%s\" name=\"%s [%s] %s\">", grp, ck[i], tg[i], esc(tt[i])
            if (vd[i] == "fail" && kd[i] == "gate") printf "<failure message=\"%s\">[%s] %s</failure>", esc(dt[i]), tg[i], esc(dt[i])
            else if (vd[i] == "skip") printf "<skipped message=\"%s\"/>", esc(dt[i])
            else printf "<system-out>%s (%s, %s): %s</system-out>", toupper(vd[i]), kd[i], tg[i], esc(dt[i])
            printf "</testcase>\n"
        }
        printf "  </testsuite>\n</testsuites>\n"
        exit
    }

    # ---- html ----
    print "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
    printf "<title>connotify conformance: %s</title>\n", esc(name)
    print "<style>"
    print "body{font:14px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;color:#1d2330;background:#f6f7f9;margin:0}"
    print "main{max-width:1180px;margin:0 auto;padding:24px 28px 48px}"
    print "h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:32px 0 10px;border-bottom:1px solid #d9dde3;padding-bottom:4px}"
    print ".sub{color:#5b6472;margin-bottom:18px}.sub code{background:#e9ecf1;padding:1px 5px;border-radius:4px}"
    print ".cards{display:flex;gap:12px;flex-wrap:wrap}.card{background:#fff;border:1px solid #dde1e7;border-radius:8px;padding:10px 16px;min-width:92px}"
    print ".card b{display:block;font-size:22px}.card span{color:#5b6472;font-size:12px;text-transform:uppercase;letter-spacing:.04em}"
    print ".big.PASS{background:#e6f5ea;border-color:#9fd5ad}.big.FAIL{background:#fde8e8;border-color:#f0a3a3}"
    print "table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #dde1e7;border-radius:8px;overflow:hidden}"
    print "th{background:#eef1f5;text-align:left;font-weight:600;font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:#4a5362}"
    print "th,td{padding:7px 10px;border-bottom:1px solid #eceff3;vertical-align:top}tr:last-child td{border-bottom:0}"
    print "td.ck{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px;white-space:nowrap}td.t{color:#4a5362}"
    print ".pill{display:inline-block;min-width:44px;text-align:center;border-radius:10px;padding:1px 8px;font-size:12px;font-weight:600}"
    print ".pass{background:#dff3e4;color:#17642d}.fail{background:#fbdcdc;color:#a11b1b}.warn{background:#fff0cc;color:#8a5a00}.skip{background:#eceef1;color:#5b6472}"
    print ".tag{font-family:ui-monospace,monospace;font-size:12px;color:#3b4b8f}.kind{font-size:11px;color:#7a8391}"
    print "tr.fail td{background:#fff6f6}.fig{background:#fff;border:1px solid #dde1e7;border-radius:8px;padding:12px;margin-bottom:14px}"
    print "svg text{font:12px system-ui,sans-serif;fill:#1d2330}svg .lbl{fill:#4a5362}svg .val{fill:#1d2330;font-weight:600}"
    print "svg .p50{fill:#7fb2e5}svg .p99{fill:#3b7dd8}svg .max{fill:#1f4e96}svg .good{fill:#6cc287}svg .bad{fill:#e06060}svg .track{fill:#f0f2f5}"
    print "svg .limit{stroke:#c0392b;stroke-width:2;stroke-dasharray:4 3}svg .axis{stroke:#c9ced6}svg .life{stroke:#9aa3b0;stroke-dasharray:3 3}"
    print "svg .opband{fill:#eef1f5}svg .op{font-weight:600}svg .arrow{stroke:#3b4b8f;stroke-width:1.4;fill:none}svg .ret{stroke:#7a8391;stroke-dasharray:4 3}"
    print "svg .pre{fill:#3b7dd8}svg .post{fill:#8e44ad}svg .provider{fill:#d68910}svg .result{fill:#4a5362}svg .head{font-weight:700}svg .crash{fill:#c0392b;font-weight:700}"
    print ".note{color:#5b6472;font-size:13px}"
    print "</style></head><body><main>"
    printf "<h1>Connection-notifier conformance: %s</h1>\n", esc(name)
    printf "<div class=\"sub\">Architecture <code>%s</code> &middot; MPR <code>%s</code> &middot; latency budget <code>%s ms</code> &middot; %s &middot; source tags: [doc] Microsoft documentation, [w9x] Windows 9x DDK only, [wine] measured on Wine 8.0, [design] this project</div>\n", arch, mpr, budget, date
    printf "<div class=\"cards\"><div class=\"card big %s\"><span>verdict</span><b>%s</b></div>", verdict, verdict
    printf "<div class=\"card\"><span>checks</span><b>%d</b></div><div class=\"card\"><span>pass</span><b>%d</b></div><div class=\"card\"><span>gate failures</span><b>%d</b></div><div class=\"card\"><span>warnings</span><b>%d</b></div><div class=\"card\"><span>skipped</span><b>%d</b></div></div>\n", n, c["pass"], gatefail, c["warn"], c["skip"]

    print "<h2>Checks</h2><table><tr><th>Check</th><th>Tag</th><th>Verdict</th><th>What</th><th>Detail</th></tr>"
    for (i = 1; i <= n; i++)
        printf "<tr class=\"%s\"><td class=\"ck\">%s</td><td><span class=\"tag\">[%s]</span><br><span class=\"kind\">%s</span></td><td><span class=\"pill %s\">%s</span></td><td class=\"t\">%s</td><td>%s</td></tr>\n", vd[i], ck[i], tg[i], kd[i], vd[i], toupper(vd[i]), esc(tt[i]), esc(dt[i])
    print "</table>"

    print "<h2>Figures</h2>"
    if ("latency_p50_ms" in m) {
        W = 640; X0 = 150
        print "<div class=\"fig\"><svg width=\"1100\" height=\"128\" role=\"img\" aria-label=\"latency\">"
        printf "<text x=\"10\" y=\"14\" class=\"head\">Latency per call (%d calls, log scale); dashed line: budget %s ms</text>\n", num("latency_calls", 0), budget
        bar_row(26, "p50", m["latency_p50_ms"], X0, W, "p50")
        bar_row(48, "p99", m["latency_p99_ms"], X0, W, "p99")
        bar_row(70, "max", m["latency_max_ms"], X0, W, "max")
        printf "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"22\" y2=\"92\" class=\"limit\"/>", lx(budget, X0, W), lx(budget, X0, W)
        printf "<line x1=\"%d\" x2=\"%d\" y1=\"96\" y2=\"96\" class=\"axis\"/>", X0, X0 + W
        split("0.001 0.01 0.1 1 10 100 1000 10000", tk, " ")
        split("1 us|10 us|100 us|1 ms|10 ms|100 ms|1 s|10 s", tl, "|")
        for (k = 1; k <= 8; k++)
            printf "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"93\" y2=\"99\" class=\"axis\"/><text x=\"%.1f\" y=\"114\" class=\"lbl\" text-anchor=\"middle\">%s</text>", lx(tk[k], X0, W), lx(tk[k], X0, W), lx(tk[k], X0, W), tl[k]
        print "</svg></div>"
    }
    if ("leak_heap_bytes" in m) {
        print "<div class=\"fig\"><svg width=\"1100\" height=\"104\" role=\"img\" aria-label=\"leaks\">"
        print "<text x=\"10\" y=\"14\" class=\"head\">Growth over the leak cycles (bar: share of the tolerance; dashed line: tolerance)</text>"
        tol_row(26, "heap (HeapWalk)", m["leak_heap_bytes"], 65536, "bytes")
        tol_row(50, "committed (VirtualQuery)", m["leak_committed_bytes"], 4194304, "bytes")
        tol_row(74, "handles (probe value)", m["leak_handles"], 8, "handles")
        print "</svg></div>"
    }
    fig = ""
    if ("load_ms" in m) fig = fig "LoadLibrary " m["load_ms"] " ms. "
    if ("dllmain_threads" in m) fig = fig "Threads created by DllMain: " m["dllmain_threads"] ". "
    if ("cycle_handles" in m) fig = fig "Handle growth over 100 load/unload cycles: " m["cycle_handles"] ". "
    if ("concurrency_ms" in m) fig = fig "Concurrency run: " m["concurrency_ms"] " ms. "
    if ("leak_cycles_ms" in m) fig = fig "Leak cycles: " m["leak_cycles_ms"] " ms. "
    if ("reference_log_records" in m) fig = fig "Reference notifier log: " m["reference_log_records"] " records. "
    if ("mpr_notifier_calls" in m) fig = fig "Through MPR: " m["mpr_notifier_calls"] " notifier calls, " m["mpr_provider_calls"] " provider calls."
    if (fig != "") printf "<p class=\"note\">%s</p>\n", esc(fig)
    if (!("latency_p50_ms" in m) && !("leak_heap_bytes" in m) && fig == "") print "<p class=\"note\">No runtime figures: the runtime checks did not run.</p>"

    print "<h2>Timeline of a run through MPR</h2>"
    if (ne == 0) {
        print "<p class=\"note\">No run through MPR in this report (no patched mpr.dll or test provider, or the notifier did not load).</p>"
    } else {
        printf "<p class=\"note\">Each WNet call of the sample run, top to bottom: the application calls mpr.dll; MPR calls the notifier (PRE), the network provider, then the notifier again (POST); times in ms from the first call.</p>\n"
        A = 150; N = 560; P = 930; H = 26
        rows = ne
        hgt = 40 + rows * H + 10
        printf "<div class=\"fig\"><svg width=\"1120\" height=\"%d\" role=\"img\" aria-label=\"timeline\">\n", hgt
        printf "<text x=\"%d\" y=\"18\" class=\"head\" text-anchor=\"middle\">Application / mpr.dll</text><text x=\"%d\" y=\"18\" class=\"head\" text-anchor=\"middle\">Notifier (%s)</text><text x=\"%d\" y=\"18\" class=\"head\" text-anchor=\"middle\">Network provider</text>\n", A, N, esc(name), P
        printf "<line x1=\"%d\" x2=\"%d\" y1=\"26\" y2=\"%d\" class=\"life\"/><line x1=\"%d\" x2=\"%d\" y1=\"26\" y2=\"%d\" class=\"life\"/><line x1=\"%d\" x2=\"%d\" y1=\"26\" y2=\"%d\" class=\"life\"/>\n", A, A, hgt - 6, N, N, hgt - 6, P, P, hgt - 6
        y = 34
        for (i = 1; i <= ne; i++) {
            t = sprintf("%.3f", et[i] / 1000)
            if (ek[i] == "call") {
                printf "<rect x=\"4\" y=\"%d\" width=\"1112\" height=\"%d\" class=\"opband\" rx=\"4\"/>", y, H - 4
                printf "<text x=\"10\" y=\"%d\" class=\"lbl\">%s</text><text x=\"%d\" y=\"%d\" class=\"op\">%d. %s</text>\n", y + 16, t, A - 40, y + 16, eo[i] + 1, esc(ex[i])
            } else if (ek[i] == "pre" || ek[i] == "post" || ek[i] == "provider") {
                # "what -> result": what above the arrow, result beside its target.
                what = ex[i]; res = ""
                k = index(what, " -> ")
                if (k > 0) { res = substr(what, k + 4); what = substr(what, 1, k - 1) }
                to = ek[i] == "provider" ? P : N
                x1 = ek[i] == "provider" ? N + 10 : A + 10
                room = int((to - x1 - 14) / 6.8)
                if (length(what) > room) what = substr(what, 1, room - 1) "\342\200\246"
                printf "<text x=\"10\" y=\"%d\" class=\"lbl\">%s</text>", y + 16, t
                printf "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" class=\"arrow\"/><polygon points=\"%d,%d %d,%d %d,%d\" class=\"%s\"/>", A, to - 6, y + 19, y + 19, to, y + 19, to - 7, y + 15, to - 7, y + 23, ek[i]
                printf "<circle cx=\"%d\" cy=\"%d\" r=\"5\" class=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>", to, y + 19, ek[i], x1, y + 14, esc(what)
                if (res != "") printf "<text x=\"%d\" y=\"%d\" class=\"%s\">%s</text>", to + 10, y + 23, res ~ /did not return/ ? "crash" : "val", esc(substr(res, 1, ek[i] == "provider" ? 28 : 52))
                printf "\n"
            } else {
                printf "<text x=\"10\" y=\"%d\" class=\"lbl\">%s</text>", y + 16, t
                printf "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" class=\"ret\"/>", 96, A, y + 19, y + 19
                printf "<text x=\"%d\" y=\"%d\" class=\"lbl\">%s</text>\n", A + 8, y + 16, esc(substr(ex[i], 1, 130))
            }
            y += H
        }
        print "</svg></div>"
    }
    print "<p class=\"note\">Generated by ci/conformance.sh (connotify). Gates fail the run; reports ([w9x], and checks marked report) only inform. See docs/conformance.md.</p>"
    print "</main></body></html>"
}'
