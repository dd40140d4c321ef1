/* Lookalike names (see lookalike.h), each added on Y: as a disk.
 * Equivalents: a name the notifier refuses is refused spelt another way:
 * with a trailing dot on a DNS server name (the root: the same host), an
 * IPv4 server in the other forms inet_addr reads (one number, decimal or
 * hex; three or two parts), a share with a trailing separator, as
 * the WebDAV redirector names the same host (\\server@SSL\..., @80,
 * @SSL@443), as "\x\.." after its share, and as "\..\x" below its share
 * where "\x" there is refused: '..' never leaves the share
 * (GetFullPathNameW keeps it); a folder one or two levels below a refused share; and in a
 * fresh load right after an allowed
 * name one unit apart (an answer cache keyed by a cut name). Other hosts:
 * where unlisted servers are refused (an allow list), an allowed server
 * with "-x" or "2" appended, with U+00AD (the soft hyphen, which
 * linguistic compares ignore) inserted, or with a letter that a best-fit
 * ANSI conversion gives back (U+0131 for i), is another host and refused
 * too. The mirror: an allowed share is allowed with a trailing separator.
 * Every difference shows twice before it counts. */
#include "lookalike.h"

#include "answers.h"
#include "call.h"
#include "dns_prefix.h"
#include "fence.h"
#include "out.h"
#include "setting_names.h"
#include "setting_patterns.h"
#include "shown_name.h"
#include "unc_split.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

enum { NAME_UNITS = 700, SERVER_UNITS = 64, NAME_TEXT = 700, LONG_FOLDER_UNITS = 600 };

/* Answers of one add on Y: and one cancel of Y:. */
static void take(const WCHAR *remote, DWORD a[ANSWERS])
{
    WCHAR *fenced = fence_wstr(remote, "lpRemoteName (a lookalike)");
    answers_take_on_y(fenced, a);
    fence_free(fenced);
}

/* The add PRE's answer for remote, the same twice; 0 when it changed. */
static int add_answer(const WCHAR *remote, DWORD *answer)
{
    DWORD first[ANSWERS];
    DWORD second[ANSWERS];
    take(remote, first);
    take(remote, second);
    if (first[ANSWER_ADD_PRE] != second[ANSWER_ADD_PRE])
        return 0;
    *answer = first[ANSWER_ADD_PRE];
    return 1;
}

static int refused_twice(const WCHAR *remote, DWORD *answer)
{
    return add_answer(remote, answer) && *answer != WN_SUCCESS;
}

static int allowed_twice(const WCHAR *remote)
{
    DWORD answer;
    return add_answer(remote, &answer) && answer == WN_SUCCESS;
}

/* [design] A refused name asked in a fresh load right after one the
 * notifier allows, the same but for its last unit, must still be refused:
 * answers kept under the name cut to its first units (a cache key of fixed
 * size) or under its server let it through. 1 and the text. */
static int refused_after_sibling(const WCHAR *name, DWORD answer, char *text, size_t cap)
{
    size_t len = wcslen(name);
    if (len < 3 || len >= NAME_UNITS)
        return 0;
    WCHAR sibling[NAME_UNITS];
    wcscpy(sibling, name);
    sibling[len - 1] = name[len - 1] == 'x' || name[len - 1] == 'X' ? 'y' : 'x';
    /* Refused first in a fresh load too: its answer is not a first-call one. */
    DWORD fresh;
    if (!reload_notifier() || !refused_twice(name, &fresh))
        return 0;
    if (!reload_notifier() || !allowed_twice(sibling) || !allowed_twice(name))
        return 0;
    char name_text[NAME_TEXT];
    char sibling_text[NAME_TEXT];
    snprintf(text, cap,
             "the add PRE returned WN_SUCCESS for %s (twice) right after %s in a fresh load, and "
             "%s for it alone (twice, also first in a fresh load): answers kept under the name "
             "cut short or under its server (a cache keyed by its first units) [design]",
             shown_name(name, name_text, sizeof name_text),
             shown_name(sibling, sibling_text, sizeof sibling_text), wn_name(answer));
    return 1;
}

/* \\server\share...: the server's length, and the length of \\server\share
 * in *root_units; 0 when the name is not of that form or its server is not
 * a DNS or NetBIOS name or an IPv4 address (letters, digits, '-', '_',
 * '.'). */
static size_t server_units(const WCHAR *name, size_t *root_units)
{
    size_t share = 0;
    size_t n = wcslen(name) + 8 < NAME_UNITS ? unc_split(name, &share) : 0;
    if (n == 0 || n >= SERVER_UNITS)
        return 0;
    for (size_t k = 0; k < n; k++) {
        WCHAR c = name[2 + k];
        int letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (!letter && !(c >= '0' && c <= '9') && c != '-' && c != '_' && c != '.')
            return 0;
    }
    *root_units = 2 + n + 1 + share;
    return n;
}

static int is_ipv4(const WCHAR *server, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if (!(server[k] >= '0' && server[k] <= '9') && server[k] != '.')
            return 0;
    }
    return 1;
}

/* The other spellings of a dotted-quad IPv4 server that inet_addr takes for the same address
 * [doc: inet_addr: "a.b.c", "a.b", "a", each part decimal, octal or hexadecimal]: one 32-bit
 * number (decimal and hex) and the three- and two-part forms. Returns how many (0 when the
 * server is not four decimal parts of at most 255). */
static unsigned ipv4_spellings(const WCHAR *server, size_t n, WCHAR out[4][SERVER_UNITS])
{
    unsigned part[4];
    WCHAR text[SERVER_UNITS];
    if (n >= SERVER_UNITS)
        return 0;
    wmemcpy(text, server, n);
    text[n] = 0;
    WCHAR tail;
    if (swscanf(text, L"%u.%u.%u.%u%lc", &part[0], &part[1], &part[2], &part[3], &tail) != 4)
        return 0;
    for (unsigned k = 0; k < 4; k++) {
        if (part[k] > 255)
            return 0;
    }
    unsigned long address = (unsigned long)part[0] << 24 | part[1] << 16 | part[2] << 8 | part[3];
    swprintf(out[0], SERVER_UNITS, L"%lu", address);
    swprintf(out[1], SERVER_UNITS, L"0x%08lx", address);
    swprintf(out[2], SERVER_UNITS, L"%u.%u.%u", part[0], part[1], part[2] << 8 | part[3]);
    swprintf(out[3], SERVER_UNITS, L"%u.%u", part[0], part[1] << 16 | part[2] << 8 | part[3]);
    return 4;
}

/* name with its server replaced: before + server + after (at most 8
 * units in all: server_units leaves that much room), the rest kept. */
static void with_server(const WCHAR *name, size_t n, const WCHAR *before, const WCHAR *after,
                        WCHAR *out)
{
    swprintf(out, NAME_UNITS, L"\\\\%ls%.*ls%ls%ls", before, (int)n, name + 2, after, name + 2 + n);
}

/* variant allowed twice where base is refused twice: the text, 1. */
static int refused_spelt_another_way(const WCHAR *base, const WCHAR *variant, const char *why,
                                     char *text, size_t cap)
{
    DWORD answer;
    if (!refused_twice(base, &answer) || !allowed_twice(variant))
        return 0;
    char variant_text[NAME_TEXT];
    char base_text[NAME_TEXT];
    snprintf(text, cap,
             "the add PRE returned WN_SUCCESS for %s and %s for %s (twice each): %s [design]",
             shown_name(variant, variant_text, sizeof variant_text), wn_name(answer),
             shown_name(base, base_text, sizeof base_text), why);
    return 1;
}

/* A refused \\server\share... name in its parts. */
struct unc {
    const WCHAR *name;
    size_t n;          /* the server's units */
    size_t root_units; /* those of \\server\share */
    WCHAR root[NAME_UNITS];
};

/* A maker writes the k-th pair of one spelling: a name (refused when the notifier is right)
 * and the same resource spelt another way. 0: no k-th pair. */
typedef int (*spell_fn)(const struct unc *u, unsigned k, WCHAR *base, WCHAR *variant);

/* A DNS name with its root dot is the same host; a single label with one is no longer looked
 * up in the DNS suffixes or NetBIOS. */
static int spell_root_dot(const struct unc *u, unsigned k, WCHAR *base, WCHAR *variant)
{
    const WCHAR *server = u->name + 2;
    if (k > 0 || server[u->n - 1] == '.' || is_ipv4(server, u->n) || !wmemchr(server, '.', u->n))
        return 0;
    wcscpy(base, u->name);
    with_server(u->name, u->n, L"", L".", variant);
    return 1;
}

static int spell_dotdot_below(const struct unc *u, unsigned k, WCHAR *base, WCHAR *variant)
{
    if (k > 0)
        return 0;
    swprintf(base, NAME_UNITS, L"%ls\\x", u->root);
    swprintf(variant, NAME_UNITS, L"%ls\\..\\x", u->root);
    return 1;
}

static int spell_dotdot_after(const struct unc *u, unsigned k, WCHAR *base, WCHAR *variant)
{
    if (k > 0)
        return 0;
    wcscpy(base, u->root);
    swprintf(variant, NAME_UNITS, L"%ls\\x\\..", u->root);
    return 1;
}

/* [doc: WebDAV UNC names \\server@SSL@port\path] the same host over HTTPS or HTTP. */
static int spell_webdav(const struct unc *u, unsigned k, WCHAR *base, WCHAR *variant)
{
    static const WCHAR *const suffixes[] = {L"@SSL", L"@80", L"@SSL@443"};
    if (k >= sizeof suffixes / sizeof suffixes[0])
        return 0;
    wcscpy(base, u->name);
    with_server(u->name, u->n, L"", suffixes[k], variant);
    return 1;
}

static int spell_ipv4(const struct unc *u, unsigned k, WCHAR *base, WCHAR *variant)
{
    WCHAR servers[4][SERVER_UNITS];
    if (k >= ipv4_spellings(u->name + 2, u->n, servers))
        return 0;
    wcscpy(base, u->name);
    swprintf(variant, NAME_UNITS, L"\\\\%ls%ls", servers[k], u->name + 2 + u->n);
    return 1;
}

/* The share with a separator after it is the same share. */
static int spell_trailing_separator(const struct unc *u, unsigned k, WCHAR *base, WCHAR *variant)
{
    if (k > 0 || u->name[u->root_units])
        return 0;
    wcscpy(base, u->root);
    swprintf(variant, NAME_UNITS, L"%ls\\", u->root);
    return 1;
}

/* A folder below the share is in the share, whatever its name holds: an unpaired surrogate
 * (a strict conversion to UTF-8 fails), or more than 1 KiB in UTF-8 (a fixed buffer fails). */
static int spell_folder_below(const struct unc *u, unsigned k, WCHAR *base, WCHAR *variant)
{
    if (k > 1)
        return 0;
    swprintf(base, NAME_UNITS, L"%ls\\x", u->root);
    int wrote = swprintf(variant, NAME_UNITS, L"%ls\\x\\", u->root);
    size_t at = wrote > 0 ? (size_t)wrote : 0;
    if (k == 0 && at + 2 < NAME_UNITS) {
        variant[at++] = 0xD800;
        variant[at++] = L'x';
    }
    for (size_t i = 0; k == 1 && i < LONG_FOLDER_UNITS && at + 1 < NAME_UNITS; i++)
        variant[at++] = 0x00E9;
    variant[at] = 0;
    return 1;
}

/* A folder below the share, one or two levels down, is in the share: `net use Z:
 * \\server\share\folder` connects to the share and shows the folder as the drive's root. */
static int spell_folder_of_share(const struct unc *u, unsigned k, WCHAR *base, WCHAR *variant)
{
    static const WCHAR *const folders[] = {L"\\Reports", L"\\Reports\\2024"};
    if (k >= sizeof folders / sizeof folders[0])
        return 0;
    wcscpy(base, u->root);
    swprintf(variant, NAME_UNITS, L"%ls%ls", u->root, folders[k]);
    return 1;
}

static const char separator_why[] = "a trailing separator names the same share";

/* The spellings of a refused name, tried in this order, and what each shows. */
static const struct spelling {
    spell_fn make;
    const char *why;
} spellings[] = {
    {spell_root_dot, "a trailing dot names the same DNS host"},
    {spell_dotdot_below, "'..' never leaves the share"},
    {spell_dotdot_after, "the same share spelt another way"},
    {spell_webdav, "the same host through the WebDAV redirector [doc]"},
    {spell_ipv4, "the same IPv4 address spelt as inet_addr also reads it [doc]"},
    {spell_trailing_separator, separator_why},
    {spell_folder_below,
     "a folder below the share is in it, whatever its name holds (an unpaired surrogate, "
     "more than 1 KiB in UTF-8)"},
    {spell_folder_of_share, "a folder below the share is in the share"},
};

/* name in its parts into *u; 0 when it is no \\server\share... name. */
static int unc_of(const WCHAR *name, struct unc *u)
{
    u->name = name;
    u->n = server_units(name, &u->root_units);
    if (!u->n)
        return 0;
    swprintf(u->root, NAME_UNITS, L"%.*ls", (int)u->root_units, name);
    return 1;
}

/* Equivalents of one refused name; 1 and the text when one is allowed. */
static int equivalent_allowed(const WCHAR *name, char *text, size_t cap)
{
    struct unc u;
    if (!unc_of(name, &u))
        return 0;
    WCHAR base[NAME_UNITS];
    WCHAR variant[NAME_UNITS];
    for (size_t s = 0; s < sizeof spellings / sizeof spellings[0]; s++) {
        for (unsigned k = 0; spellings[s].make(&u, k, base, variant); k++) {
            if (refused_spelt_another_way(base, variant, spellings[s].why, text, cap))
                return 1;
        }
    }
    return 0;
}

/* The answer of a deviceless add of `server` alone (\\server, as `net use \\server` asks:
 * a session with the server, its IPC$), and its cancel. */
static DWORD server_answer(const WCHAR *server)
{
    const char *label = "lpRemoteName (a server alone)";
    const char *what = "a deviceless add of a server alone";
    DWORD answer = deviceless_add(server, label, what);
    deviceless_cancel(server, label, what);
    return answer;
}

/* [design] A refusal by server: the refused name's server refuses another share too, so the
 * policy is on the server, and the server alone, deviceless, names a session with it; a
 * parser that finds no share there lets it through. 1 and the text when it is allowed twice. */
static int server_alone_allowed(const WCHAR *name, DWORD answer, char *text, size_t cap)
{
    struct unc u;
    if (!unc_of(name, &u))
        return 0;
    WCHAR other[NAME_UNITS];
    WCHAR server[NAME_UNITS];
    DWORD other_answer;
    swprintf(other, NAME_UNITS, L"\\\\%.*ls\\qx-other", (int)u.n, name + 2);
    if (!refused_twice(other, &other_answer))
        return 0;
    swprintf(server, NAME_UNITS, L"\\\\%.*ls", (int)u.n, name + 2);
    if (server_answer(server) != WN_SUCCESS || server_answer(server) != WN_SUCCESS)
        return 0;
    char name_text[NAME_TEXT];
    char server_text[NAME_TEXT];
    snprintf(text, cap,
             "the add PRE returned %s for %s and %s for another share of its server, and "
             "WN_SUCCESS for %s alone, deviceless (twice): the server alone asks for a session "
             "with it (its IPC$, as net use \\\\server does), which a refusal by server must "
             "refuse too [design]",
             wn_name(answer), shown_name(name, name_text, sizeof name_text), wn_name(other_answer),
             shown_name(server, server_text, sizeof server_text));
    return 1;
}

/* [design] The mirror of the above: a share the notifier allows is allowed with a trailing
 * separator too; refusing that spelling refuses the share to whoever types it so. 1 and the
 * text when it is refused twice; *asked counts the shares asked. */
static int separator_refused(const WCHAR *name, unsigned *asked, char *text, size_t cap)
{
    struct unc u;
    WCHAR share[NAME_UNITS];
    WCHAR variant[NAME_UNITS];
    if (!unc_of(name, &u) || !spell_trailing_separator(&u, 0, share, variant) ||
        !allowed_twice(share))
        return 0;
    (*asked)++;
    DWORD answer;
    if (!refused_twice(variant, &answer))
        return 0;
    char variant_text[NAME_TEXT];
    char name_text[NAME_TEXT];
    snprintf(text, cap,
             "the add PRE returned WN_SUCCESS for %s and %s for %s (twice each): %s, so the "
             "share is refused to whoever spells it so [design]",
             shown_name(share, name_text, sizeof name_text), wn_name(answer),
             shown_name(variant, variant_text, sizeof variant_text), separator_why);
    return 1;
}

/* 1 when server (n units) is that of one of the names. */
static int listed_server(const WCHAR *server, size_t n, const WCHAR *const *names, unsigned count)
{
    for (unsigned i = 0; i < count; i++) {
        size_t root_units = 0;
        size_t m = server_units(names[i], &root_units);
        if (m == n && !_wcsnicmp(names[i] + 2, server, n))
            return 1;
    }
    return 0;
}

/* The server (n units) with one letter replaced by a letter outside the
 * ANSI code page that a best-fit conversion turns back into it (U+0131 for
 * i, U+0101 for a): another name to DNS, the allowed one after
 * WideCharToMultiByte(CP_ACP) without WC_NO_BEST_FIT_CHARS. 0 when no
 * letter converts so here. */
static int best_fit_variant(const WCHAR *server, size_t n, WCHAR *out)
{
    static const WCHAR ascii[] = L"aceghijklnorstuwyz";
    static const WCHAR fits[] = {0x0101, 0x0109, 0x0113, 0x011D, 0x0125, 0x0131,
                                 0x0135, 0x0137, 0x013A, 0x0144, 0x014D, 0x0155,
                                 0x015B, 0x0163, 0x016B, 0x0175, 0x0177, 0x017A};
    for (size_t i = 0; i < n; i++) {
        const WCHAR *at = server[i] ? wcschr(ascii, towlower(server[i])) : NULL;
        if (!at)
            continue;
        WCHAR fit = fits[at - ascii];
        char back[4];
        BOOL defaulted = FALSE;
        int k = WideCharToMultiByte(CP_ACP, 0, &fit, 1, back, sizeof back, NULL, &defaulted);
        if (k != 1 || defaulted || (WCHAR)(back[0] | 0x20) != *at)
            continue;
        wmemcpy(out, server, n);
        out[i] = fit;
        out[n] = 0;
        return 1;
    }
    return 0;
}

/* The unlisted servers of one shape (single-label or DNS name), refused twice each: the first
 * one's name and answer; name NULL when that shape is not refused. */
struct unlisted_ref {
    const WCHAR *name;
    DWORD answer;
};

static void unlisted_refs(struct unlisted_ref *single, struct unlisted_ref *dotted)
{
    const WCHAR *const *unlisted = setting_unlisted_names();
    struct unlisted_ref *ref[2] = {single, dotted};
    for (unsigned shape = 0; shape < 2; shape++) {
        unsigned first = shape ? SETTING_UNLISTED_SINGLE : 0;
        unsigned end = shape ? SETTING_UNLISTED : SETTING_UNLISTED_SINGLE;
        ref[shape]->name = unlisted[first];
        for (unsigned u = first; u < end && ref[shape]->name; u++) {
            DWORD answer;
            if (!refused_twice(unlisted[u], &answer))
                ref[shape]->name = NULL;
            else if (u == first)
                ref[shape]->answer = answer;
        }
    }
}

/* Other hosts like the server of name (allowed); 1 and the text when one is allowed too where
 * an unlisted server of its shape (single-label, or a DNS name) was refused. */
static int other_host_allowed(const WCHAR *name, const struct unlisted_ref *single,
                              const struct unlisted_ref *dotted, const WCHAR *const *names,
                              unsigned count, char *text, size_t cap)
{
    size_t root_units = 0;
    size_t n = server_units(name, &root_units);
    if (n < 2)
        return 0;
    const WCHAR *server = name + 2;
    /* U+00AD before the server's last unit: a domain suffix of an allow
     * list (".corp.example.com") then no longer matches either. */
    WCHAR soft[SERVER_UNITS + 2];
    wmemcpy(soft, server, n - 1);
    soft[n - 1] = 0x00AD;
    soft[n] = server[n - 1];
    soft[n + 1] = 0;
    WCHAR variants[5][NAME_UNITS];
    const char *why[5];
    unsigned n_variants = 0;
    with_server(name, n, L"", L"-x", variants[n_variants]);
    why[n_variants++] = "an allow list matched by prefix";
    /* qxfs01.corp.example is neither fs01.corp.example nor a host below it. */
    with_server(name, n, L"qx", L"", variants[n_variants]);
    why[n_variants++] = "an allow list matched by suffix, with no label boundary before it";
    if (!is_ipv4(server, n)) {
        /* 192.0.2.102 may be in an allowed subnet; fileserver2 is another host. */
        with_server(name, n, L"", L"2", variants[n_variants]);
        why[n_variants++] = "an allow list matched by prefix";
    }
    swprintf(variants[n_variants], NAME_UNITS, L"\\\\%ls%ls", soft, server + n);
    why[n_variants++] = "an allow list compared linguistically (U+00AD ignored)";
    WCHAR fit[SERVER_UNITS + 1];
    if (best_fit_variant(server, n, fit)) {
        swprintf(variants[n_variants], NAME_UNITS, L"\\\\%ls%ls", fit, server + n);
        why[n_variants++] = "an allow list compared after a best-fit ANSI conversion "
                            "(WideCharToMultiByte without WC_NO_BEST_FIT_CHARS)";
    }
    for (unsigned v = 0; v < n_variants; v++) {
        size_t ignored = 0;
        size_t m = server_units(variants[v], &ignored);
        if (m && (listed_server(variants[v] + 2, m, names, count) ||
                  setting_pattern_matches(variants[v] + 2, m)))
            continue; /* listed itself, or by a pattern: another name the settings allow */
        const struct unlisted_ref *ref = wmemchr(variants[v] + 2, '.', m) ? dotted : single;
        if (!ref->name || !allowed_twice(variants[v]))
            continue;
        char variant_text[NAME_TEXT];
        char name_text[NAME_TEXT];
        char refused_text[NAME_TEXT];
        snprintf(text, cap,
                 "the add PRE returned WN_SUCCESS for %s and %s, %s for the unlisted %s (twice "
                 "each): another host; %s [design]",
                 shown_name(variants[v], variant_text, sizeof variant_text),
                 shown_name(name, name_text, sizeof name_text), wn_name(ref->answer),
                 shown_name(ref->name, refused_text, sizeof refused_text), why[v]);
        return 1;
    }
    return 0;
}

void lookalike_judge(const WCHAR *const *names, unsigned n)
{
    announce_step("%u remote names on Y:: refused ones with a trailing dot, WebDAV spellings "
                  "and '..', allowed servers extended",
                  n);
    char text[2400];
    unsigned refused = 0;
    for (unsigned i = 0; i < n && !violation_of("drive.lookalike"); i++) {
        DWORD answer;
        if (!refused_twice(names[i], &answer))
            continue;
        refused++;
        if (equivalent_allowed(names[i], text, sizeof text) ||
            server_alone_allowed(names[i], answer, text, sizeof text) ||
            refused_after_sibling(names[i], answer, text, sizeof text))
            result_bad("drive.lookalike", "%s", text);
    }
    unsigned separated = 0;
    for (unsigned i = 0; i < n && !violation_of("drive.lookalike"); i++) {
        if (separator_refused(names[i], &separated, text, sizeof text))
            result_bad("drive.lookalike", "%s", text);
    }
    struct unlisted_ref single;
    struct unlisted_ref dotted;
    unlisted_refs(&single, &dotted);
    int allow_list = single.name || dotted.name;
    unsigned allowed = 0;
    for (unsigned i = 0; allow_list && i < n && !violation_of("drive.lookalike"); i++) {
        if (!allowed_twice(names[i]))
            continue;
        allowed++;
        if (other_host_allowed(names[i], &single, &dotted, names, n, text, sizeof text))
            result_bad("drive.lookalike", "%s", text);
    }
    unsigned dns_asked = 0;
    if (!violation_of("drive.lookalike") &&
        dns_prefix_allowed(names, n, &dns_asked, text, sizeof text))
        result_bad("drive.lookalike", "%s", text);
    if (violation_of("drive.lookalike"))
        return;
    char equivalents[600];
    if (refused)
        snprintf(equivalents, sizeof equivalents,
                 "%u of %u remote names refused, each also with '..' below its share, its "
                 "server spelt for WebDAV (@SSL, @80, @SSL@443), on a DNS name a trailing "
                 "dot on its server, an IPv4 server in inet_addr's other forms, a share with a "
                 "trailing separator, a folder one and two levels below it, one named with an "
                 "unpaired surrogate or 600 non-ASCII letters, its server alone where another "
                 "share of it is refused, "
                 "and right after a name one unit apart",
                 refused, n);
    else
        snprintf(equivalents, sizeof equivalents,
                 "none of %u remote names refused: no equivalents to compare", n);
    char others[260];
    if (allow_list)
        snprintf(others, sizeof others,
                 "unlisted servers refused, and the servers of %u allowed names with -x or 2 "
                 "after, qx before or U+00AD in them or a letter spelt as best fit gives it "
                 "back",
                 allowed);
    else
        snprintf(others, sizeof others, "an unlisted server allowed: no allow list to compare");
    result("drive.lookalike", "pass",
           "%s; %u allowed shares also with a trailing separator; %s; %u hosts of refused "
           "domains named after allowed servers refused",
           equivalents, separated, others, dns_asked);
}
