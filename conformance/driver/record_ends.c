/* Records of long names keep their line ends (see record_ends.h). */
#include "record_ends.h"

#include "call.h"
#include "fence.h"
#include "hooks_files.h"
#include "out.h"
#include "record_encoding.h"
#include "wanted.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

/* The names whose records may lose their line ends: long ones, past the fixed buffers logs
 * use (a line of 512 or 1024 units, MAX_PATH, 4 KiB) and up to the limit [doc]; and ones
 * with characters a text stream of 8-bit characters cannot write (fputws to a stream opened
 * in text mode stops at the first character above U+00FF, the rest of the record with it).
 * Names are caller data [doc]. */
static const struct odd_name {
    unsigned units;    /* 'x' up to this many units, or 0: the tail */
    const WCHAR *tail; /* after the marker */
    const char *what;
} odd_names[] = {
    {300, NULL, "a 300-unit lpRemoteName"},
    {700, NULL, "a 700-unit lpRemoteName"},
    {1100, NULL, "a 1100-unit lpRemoteName"},
    {2100, NULL, "a 2100-unit lpRemoteName"},
    {4200, NULL, "a 4200-unit lpRemoteName"},
    {32767, NULL, "a 32767-unit lpRemoteName"},
    {0, L"-\u041e\u0442\u0447\u0451\u0442", "an lpRemoteName ending in Cyrillic letters"},
    {0, L"-\u5171\u6709", "an lpRemoteName ending in CJK characters"},
    {0, L"-\u00e9t\u00e9", "an lpRemoteName ending in Latin-1 letters"},
    {0, L"-\U0001F4C1", "an lpRemoteName ending in a surrogate pair (U+1F4C1)"},
};
enum { N_LONG = sizeof odd_names / sizeof odd_names[0], MARK_CHARS = 24, PAT_BYTES = 64 };
/* The name whose tail is beyond U+FFFF: the last. */
enum { ASTRAL_NAME = N_LONG - 1 };

/* \\server\share\<marker>, then the tail, or 'x' up to n units. */
static WCHAR *marked_name(const char *marker, unsigned n, const WCHAR *tail)
{
    WCHAR head[64];
    swprintf(head, 64, L"\\\\server\\share\\%hs", marker);
    size_t head_units = wcslen(head);
    if (tail)
        n = (unsigned)(head_units + wcslen(tail));
    if (n < head_units)
        n = (unsigned)head_units;
    WCHAR *text = HeapAlloc(GetProcessHeap(), 0, (n + 1) * sizeof(WCHAR));
    if (!text)
        return NULL;
    wmemset(text, L'x', n);
    wmemcpy(text, head, head_units);
    if (tail)
        wmemcpy(text + head_units, tail, wcslen(tail));
    text[n] = 0;
    WCHAR *name = fence_wstr(text, "lpRemoteName (a marked name of a record)");
    HeapFree(GetProcessHeap(), 0, text);
    return name;
}

/* The first offset at or after from where pat starts, or len. */
static size_t find(const unsigned char *b, size_t len, size_t from, const unsigned char *pat,
                   size_t pn)
{
    for (size_t i = from; i + pn <= len; i++) {
        if (!memcmp(b + i, pat, pn))
            return i;
    }
    return len;
}

/* The last offset before end where pat starts, or len (none). */
static size_t find_last(const unsigned char *b, size_t len, size_t end, const unsigned char *pat,
                        size_t pn)
{
    size_t last = len;
    for (size_t i = find(b, end, 0, pat, pn); i < end; i = find(b, end, i + 1, pat, pn))
        last = i;
    return last;
}

/* A line feed between from and to (UTF-16LE when wide). */
static int line_break_between(const unsigned char *b, size_t from, size_t to, int wide)
{
    for (size_t i = from; i < to; i++) {
        if (b[i] == '\n' && (!wide || (i + 1 < to && b[i + 1] == 0 && (i - from) % 2 == 0)))
            return 1;
    }
    return 0;
}

/* Index of the long name whose record the next short one's follows on its line, or -1;
 * *line_based when a short name's record ends with a line break in this encoding. */
static int glued_record(const unsigned char *b, size_t len, const char *base, int wide,
                        int *line_based)
{
    char marker[MARK_CHARS + 8];
    unsigned char pat_short[PAT_BYTES];
    unsigned char pat_next[PAT_BYTES];
    snprintf(marker, sizeof marker, "%sS0", base);
    size_t pn_short = files_encode(marker, wide, pat_short);
    snprintf(marker, sizeof marker, "%sL0", base);
    size_t pn_next = files_encode(marker, wide, pat_next);
    size_t at_short = find(b, len, 0, pat_short, pn_short);
    size_t at_next = find(b, len, 0, pat_next, pn_next);
    if (at_short >= len || at_next >= len || at_next < at_short)
        return -1;
    *line_based |= line_break_between(b, at_short, at_next, wide);
    if (!*line_based)
        return -1;
    for (int k = 0; k < N_LONG; k++) {
        unsigned char pat_long[PAT_BYTES];
        unsigned char pat_after[PAT_BYTES];
        snprintf(marker, sizeof marker, "%sL%d", base, k);
        size_t pn_long = files_encode(marker, wide, pat_long);
        snprintf(marker, sizeof marker, "%sS%d", base, k + 1);
        size_t pn_after = files_encode(marker, wide, pat_after);
        size_t at_after = find(b, len, 0, pat_after, pn_after);
        if (at_after >= len)
            continue;
        size_t at_long = find_last(b, len, at_after, pat_long, pn_long);
        if (at_long < len && !line_break_between(b, at_long, at_after, wide))
            return k;
    }
    return -1;
}

void record_ends_judge(void)
{
    char base[MARK_CHARS];
    snprintf(base, sizeof base, "CNREC%08lx",
             (unsigned long)(GetCurrentProcessId() * 2654435761u ^ GetTickCount()));
    announce_step("records of names of 300 to 32767 units and with characters beyond ASCII, "
                  "each followed by a short name's");
    files_mark();
    char marker[MARK_CHARS + 8];
    char what[96];
    for (int k = 0; k <= N_LONG; k++) {
        snprintf(marker, sizeof marker, "%sS%d", base, k);
        WCHAR *name = marked_name(marker, 0, NULL);
        if (name) {
            pair_add(mk_add(RESOURCETYPE_DISK, s_local, name, s_provider, 0), WN_SUCCESS,
                     "a short marked lpRemoteName");
            fence_free(name);
        }
        if (k == N_LONG)
            break;
        snprintf(marker, sizeof marker, "%sL%d", base, k);
        name = marked_name(marker, odd_names[k].units, odd_names[k].tail);
        snprintf(what, sizeof what, "%s (marked)", odd_names[k].what);
        if (name) {
            pair_add(mk_add(RESOURCETYPE_DISK, s_local, name, s_provider, 0), WN_SUCCESS, what);
            fence_free(name);
        }
    }
    char astral_marker[MARK_CHARS + 8];
    snprintf(astral_marker, sizeof astral_marker, "%sL%d", base, ASTRAL_NAME);
    const WCHAR *astral = odd_names[ASTRAL_NAME].tail + 1;
    int split = -1; /* a file with the surrogates encoded alone */
    /* A log written by a thread of the notifier may lag: up to 3 s. */
    for (int wait = 0; wait <= 12; wait++) {
        int all_seen = 1;
        files_flush_crt();
        for (unsigned i = 0; i < files_written(); i++) {
            size_t len = 0;
            DWORD err = 0;
            unsigned char *b = files_read_since(i, &len, &err);
            if (!b)
                continue;
            if (split < 0 && record_surrogates_split(b, len, astral_marker, astral))
                split = (int)i;
            int line_based = 0;
            int glued = -1;
            int seen = 0;
            for (int wide = 0; wide < 2 && glued < 0 && !violation_of("files.injection"); wide++) {
                unsigned char pat[PAT_BYTES];
                snprintf(marker, sizeof marker, "%sS%d", base, N_LONG);
                size_t pn = files_encode(marker, wide, pat);
                seen |= find(b, len, 0, pat, pn) < len;
                glued = glued_record(b, len, base, wide, &line_based);
            }
            HeapFree(GetProcessHeap(), 0, b);
            all_seen &= seen || !line_based;
            if (glued >= 0)
                result_bad("files.injection",
                           "%.200ls: the record of %s (marker %sL%d) has no line end: the "
                           "record of the short name added next (%sS%d) follows it on the same "
                           "line, so whoever reads the log takes the two for one; %s",
                           files_written_at(i), odd_names[glued].what, base, glued, base, glued + 1,
                           odd_names[glued].tail
                               ? "a text stream of 8-bit characters (fputws in text mode) "
                                 "stops at a character above U+00FF"
                               : "a record cut to a fixed-size buffer lost its line end");
        }
        if (all_seen || violation_of("files.injection"))
            break;
        Sleep(250);
    }
    if (!wanted("files.encoding"))
        return;
    if (split >= 0)
        result_bad("files.encoding",
                   "%.200ls: the record of %s (marker %s) has U+1F4C1 as two 3-byte sequences, "
                   "one per surrogate (ED A0 BD ED B3 81, CESU-8): UTF-8 writes it as F0 9F 93 "
                   "81 and forbids encoded surrogates [RFC 3629], so a strict reader refuses the "
                   "record",
                   files_written_at((unsigned)split), odd_names[ASTRAL_NAME].what, astral_marker);
    else
        result("files.encoding", "pass",
               "%u file(s) read back after a name ending in U+1F4C1: no surrogate encoded alone",
               files_written());
}
