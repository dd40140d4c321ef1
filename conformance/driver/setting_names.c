/* Share names from the notifier's settings (see setting_names.h). */
#include "setting_names.h"

#include "call.h"
#include "fence.h"
#include "setting_networks.h"
#include "setting_patterns.h"
#include "setting_programs.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

enum { MAX_NAMES = 8, MAX_HOSTS = 4, NAME_UNITS = 260, HOST_UNITS = 64, MAX_FILE = 1 << 20 };
enum { VALUE_NAME_UNITS = 128, LIST_VALUES_UNITS = 300 };

static WCHAR names[MAX_NAMES + MAX_HOSTS][NAME_UNITS];
static unsigned n_names;
/* 1: found among the notifier's own strings (setting_names_keep). */
static unsigned char name_from_image[MAX_NAMES + MAX_HOSTS];
static int keeping_from_image;
/* Server names and suffixes a policy lists without a share ("evil",
 * ".corp.example.com"): \\server\share and \\files.corp.example.com\share
 * after the UNC names, which come first. */
static WCHAR hosts[MAX_HOSTS][NAME_UNITS];
static unsigned n_hosts;
/* The same words as the settings spell them ("alice", "evil"): a user or a server. */
static WCHAR words[MAX_HOSTS][HOST_UNITS];
static unsigned n_words;
/* Each name as written, then in ASCII lower case: callers type names in
 * any case and a policy is written in one. */
static struct shape made[2 * (MAX_NAMES + MAX_HOSTS)];
static unsigned n_made;
/* The list each name came from (list_of_value): SETTING_LIST_NONE, _BLOCK or _ALLOW. */
static unsigned char name_list[MAX_NAMES + MAX_HOSTS];
static unsigned char host_list[MAX_HOSTS];
static enum setting_list keeping_list;
/* The name of the value whose names are being kept. */
static const WCHAR *keeping_value = L"";
/* Whether the value's bare words are servers too (its name says so), and how many names
 * went into a list so far. */
static int keeping_list_hosts;
static unsigned n_listed;
/* The last part of the key the lines read now belong to ("BlockedShares"). */
static WCHAR key_leaf[VALUE_NAME_UNITS];
/* Drive letters of values named as drives a user may not disconnect (ProtectedDrives). */
static int keeping_protected;
static WCHAR protected_letters[26];
static unsigned n_protected;
static WCHAR protected_values[LIST_VALUES_UNITS];
/* The names of the values of each list kind, for the texts. */
static WCHAR list_values[SETTING_LISTS][LIST_VALUES_UNITS];

/* A DNS or NetBIOS server name, or a suffix (".corp.example.com"): letters
 * (beyond ASCII too: an internationalized name), digits, '-' and '.', with a
 * letter (a word or a file name passes too: one more input, no harm). */
static int is_host(const WCHAR *t, size_t n)
{
    int letters = 0;
    if (n < 2 || n >= HOST_UNITS || t[n - 1] == '.')
        return 0;
    for (size_t i = 0; i < n; i++) {
        WCHAR c = t[i];
        int letter =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0x80 && IsCharAlphaW(c));
        if (!letter && !(c >= '0' && c <= '9') && c != '-' && c != '.')
            return 0;
        letters += letter;
    }
    return letters > 0;
}

/* Keeps each UNC name of a value's text, and its server names. */
static void keep_names(const WCHAR *text, size_t len)
{
    size_t i = 0;
    while (i < len && n_names < MAX_NAMES) {
        while (i < len && (text[i] == ';' || text[i] == ',' || iswspace(text[i]) || !text[i]))
            i++;
        size_t start = i;
        while (i < len && text[i] && text[i] != ';' && text[i] != ',' && !iswspace(text[i]))
            i++;
        size_t n = i - start;
        const WCHAR *t = text + start;
        if (keeping_protected && (n == 2 || (n == 3 && t[2] == '\\')) && t[1] == ':' &&
            iswalpha(t[0]) && t[0] < 0x80 && n_protected < 26 &&
            !wcschr(protected_letters, towupper(t[0]))) {
            protected_letters[n_protected++] = towupper(t[0]);
            continue;
        }
        /* An address block (10.0.0.0/8) of a list names no server: its hosts are asked
         * apart (settings_enforced.c). */
        if (keeping_list != SETTING_LIST_NONE &&
            setting_network_keep(t, n, keeping_list, keeping_value))
            continue;
        /* In a value of servers or shares, "fs01=Internal" names fs01 (a level, a tag after
         * it), and "fs01\payroll" a share, as "\\fs01\payroll" does. */
        WCHAR bare[NAME_UNITS];
        if (keeping_list_hosts) {
            const WCHAR *eq = wmemchr(t, '=', n);
            if (eq && eq > t)
                n = (size_t)(eq - t);
            size_t cut = wcscspn(t, L"\\/");
            if (cut > 0 && cut + 1 < n && is_host(t, cut) && n + 3 < NAME_UNITS) {
                swprintf(bare, NAME_UNITS, L"\\\\%.*ls", (int)n, t);
                t = bare;
                n += 2;
            }
        }
        int unc = n > 2 && (t[0] == '\\' || t[0] == '/') && (t[1] == '\\' || t[1] == '/') &&
                  t[2] != '\\' && t[2] != '/';
        if (unc && n + 6 < NAME_UNITS) {
            wmemcpy(names[n_names], t, n);
            names[n_names][n] = 0;
            /* "\\server" alone names no connection: one of its shares does; nor
             * does a prefix "\\server\" that a notifier compares with. */
            if (!wcspbrk(names[n_names] + 2, L"\\/"))
                wcscat(names[n_names], L"\\share");
            else if (names[n_names][n - 1] == '\\' || names[n_names][n - 1] == '/')
                wcscat(names[n_names], L"share");
            name_from_image[n_names] = (unsigned char)keeping_from_image;
            name_list[n_names] = (unsigned char)keeping_list;
            n_listed += keeping_list != SETTING_LIST_NONE;
            n_names++;
            continue;
        }
        /* A pattern stands for a server it matches (a word it is not). */
        WCHAR instance[HOST_UNITS];
        size_t pattern = setting_pattern_instance(t, n, SIZE_MAX, instance, HOST_UNITS);
        if (pattern) {
            setting_pattern_keep(t, n, keeping_list_hosts ? keeping_list : SETTING_LIST_NONE);
            t = instance;
            n = pattern;
        }
        if (is_host(t, n) && n_hosts < MAX_HOSTS) {
            swprintf(hosts[n_hosts], NAME_UNITS, L"\\\\%ls%.*ls\\share",
                     t[0] == '.' ? L"files" : L"", (int)n, t);
            host_list[n_hosts] = (unsigned char)(keeping_list_hosts ? keeping_list : 0);
            n_listed += keeping_list_hosts && keeping_list != SETTING_LIST_NONE;
            n_hosts++;
            if (!keeping_from_image && !pattern && t[0] != '.' && n_words < MAX_HOSTS) {
                wmemcpy(words[n_words], t, n);
                words[n_words][n] = 0;
                n_words++;
            }
        }
    }
}

static int hex_digit(WCHAR c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The file is REGEDIT4: its hex(2) and hex(7) data are in the ANSI code page, a byte a
 * character; a version 5 file's are UTF-16LE [doc: .reg files, wine's regedit]. */
static int regedit4;

/* hex(2) and hex(7) data: bytes "xx,xx,..." (continuations joined). */
static void hex_value(const WCHAR *p)
{
    static char bytes[MAX_FILE / 2];
    static WCHAR units[MAX_FILE / 2];
    size_t n = 0;
    while (*p && n < sizeof bytes) {
        int hi = hex_digit(p[0]);
        int low = hi >= 0 ? hex_digit(p[1]) : -1;
        if (hi < 0 || low < 0) {
            p++;
            continue;
        }
        bytes[n++] = (char)(hi * 16 + low);
        p += 2;
    }
    size_t units_n = 0;
    if (regedit4) {
        /* NULs kept: they part a multi-string's strings. */
        for (size_t i = 0; i < n; i++) {
            int got =
                bytes[i] ? MultiByteToWideChar(CP_ACP, 0, bytes + i, 1, units + units_n, 1) : 1;
            if (!bytes[i])
                units[units_n] = 0;
            units_n += got > 0 ? 1 : 0;
        }
    } else {
        for (size_t i = 0; i + 1 < n; i += 2)
            units[units_n++] = (WCHAR)((unsigned char)bytes[i] | (unsigned char)bytes[i + 1] << 8);
    }
    keep_names(units, units_n);
    setting_programs_keep(units, units_n);
}

/* "text" with .reg escapes (\\ and \"). */
static void string_value(const WCHAR *p)
{
    static WCHAR text[MAX_FILE / 4];
    size_t n = 0;
    for (p++; *p && *p != '"' && n < sizeof text / sizeof text[0]; p++) {
        if (*p == '\\' && p[1])
            p++;
        text[n++] = *p;
    }
    keep_names(text, n);
    setting_programs_keep(text, n);
}

/* name in ASCII lower case, cut to VALUE_NAME_UNITS - 1 units. */
static void lower_ascii(const WCHAR *name, WCHAR lower[VALUE_NAME_UNITS])
{
    size_t n = 0;
    for (; name[n] && n + 1 < VALUE_NAME_UNITS; n++)
        lower[n] = name[n] >= 'A' && name[n] <= 'Z' ? name[n] + 32 : name[n];
    lower[n] = 0;
}

/* Whether lower (a value's name in lower case) holds one of words. */
static int holds_word(const WCHAR *lower, const WCHAR *const *list, size_t n_list)
{
    for (size_t i = 0; i < n_list; i++)
        if (wcsstr(lower, list[i]))
            return 1;
    return 0;
}

/* The list a value's name says it is: BlockedServers, DenyShares (what to refuse);
 * AllowedServers, PermittedShares (all that may map); ShareExceptions, ExemptShares (what a
 * block list lets through). Its UNC names are the list; its bare
 * words only when the name says they are servers (*words_are_hosts): BlockedUsers lists
 * no server. */
static enum setting_list list_of_value(const WCHAR *name, int *words_are_hosts)
{
    static const WCHAR *const host_words[] = {L"server", L"host",   L"computer", L"machine",
                                              L"share",  L"site",   L"domain",   L"unc",
                                              L"path",   L"target", L"dest",     L"resource"};
    static const WCHAR *const block_words[] = {L"block",  L"deny",     L"denied",    L"disallow",
                                               L"forbid", L"prohibit", L"blacklist", L"banned"};
    static const WCHAR *const allow_words[] = {L"allow", L"permit", L"whitelist"};
    static const WCHAR *const except_words[] = {L"except", L"exempt"};
    WCHAR lower[VALUE_NAME_UNITS];
    lower_ascii(name, lower);
    *words_are_hosts = holds_word(lower, host_words, sizeof host_words / sizeof host_words[0]);
    if (wcsstr(lower, L"unblock"))
        return SETTING_LIST_NONE;
    if (holds_word(lower, except_words, sizeof except_words / sizeof except_words[0]))
        return SETTING_LIST_EXCEPT;
    if (holds_word(lower, block_words, sizeof block_words / sizeof block_words[0]))
        return SETTING_LIST_BLOCK;
    if (holds_word(lower, allow_words, sizeof allow_words / sizeof allow_words[0]))
        return SETTING_LIST_ALLOW;
    return SETTING_LIST_NONE;
}

/* Notes a list's value name in values, for the texts ("BlockedServers, DenyShares"). */
static void note_list_value(WCHAR *values, const WCHAR *name)
{
    for (const WCHAR *at = wcsstr(values, name); at; at = wcsstr(at + 1, name)) {
        size_t n = wcslen(name);
        if ((at == values || at[-1] == ' ') && (!at[n] || at[n] == ','))
            return;
    }
    size_t used = wcslen(values);
    if (used + wcslen(name) + 3 >= LIST_VALUES_UNITS)
        return;
    swprintf(values + used, LIST_VALUES_UNITS - used, L"%ls%ls", used ? L", " : L"", name);
}

/* A value named as drives a user may not disconnect: protect, pinned or locked (not
 * blocked), with drive, letter or device (ProtectedDrives, PinnedLetters). */
static int protected_drives_value(const WCHAR *name)
{
    static const WCHAR *const keep_words[] = {L"protect", L"pinned", L"locked"};
    static const WCHAR *const drive_words[] = {L"drive", L"letter", L"device"};
    WCHAR lower[VALUE_NAME_UNITS];
    lower_ascii(name, lower);
    if (wcsstr(lower, L"blocked") || wcsstr(lower, L"unlock") || wcsstr(lower, L"unprotect"))
        return 0;
    return holds_word(lower, keep_words, sizeof keep_words / sizeof keep_words[0]) &&
           holds_word(lower, drive_words, sizeof drive_words / sizeof drive_words[0]);
}

static void value_line(const WCHAR *line)
{
    const WCHAR *eq = wcsstr(line, L"\"=");
    if (!eq && line[0] == '@')
        eq = line;
    if (!eq)
        return;
    WCHAR name[VALUE_NAME_UNITS] = L"";
    if (line[0] == '"' && eq > line && (size_t)(eq - line - 1) < VALUE_NAME_UNITS) {
        wmemcpy(name, line + 1, (size_t)(eq - line - 1));
        name[eq - line - 1] = 0;
    }
    unsigned before = n_listed;
    unsigned protected_before = n_protected;
    keeping_list = list_of_value(name, &keeping_list_hosts);
    keeping_value = name;
    /* A list as Group Policy writes one: the key is the list, its values (named 1, 2, ...)
     * the entries ([...\BlockedShares] "1"="\\fs01\finance"). */
    if (keeping_list == SETTING_LIST_NONE && name[0] && !name[wcsspn(name, L"0123456789")]) {
        keeping_list = list_of_value(key_leaf, &keeping_list_hosts);
        keeping_value = key_leaf;
    }
    keeping_protected = protected_drives_value(name);
    const WCHAR *v = wcschr(eq, '=') + 1;
    if (*v == '"')
        string_value(v);
    else if (!wcsncmp(v, L"hex(2):", 7) || !wcsncmp(v, L"hex(7):", 7))
        hex_value(v + 7);
    if (n_listed > before)
        note_list_value(list_values[keeping_list], keeping_value);
    if (n_protected > protected_before)
        note_list_value(protected_values, name);
    keeping_list = SETTING_LIST_NONE;
    keeping_value = L"";
    keeping_list_hosts = 0;
    keeping_protected = 0;
}

/* A key's line ([HKEY_...\Vendor\BlockedShares]): its last part into key_leaf. */
static void key_line(const WCHAR *line)
{
    const WCHAR *close = wcsrchr(line, ']');
    const WCHAR *leaf = line + 1;
    key_leaf[0] = 0;
    if (!close)
        return;
    for (const WCHAR *p = line + 1; p < close; p++) {
        if (*p == '\\')
            leaf = p + 1;
    }
    size_t n = (size_t)(close - leaf);
    if (n >= VALUE_NAME_UNITS)
        return;
    wmemcpy(key_leaf, leaf, n);
    key_leaf[n] = 0;
}

static WCHAR *file_text(const WCHAR *path)
{
    HANDLE h = CreateFileW(path, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return NULL;
    DWORD size = GetFileSize(h, NULL);
    char *raw = size != INVALID_FILE_SIZE && size < MAX_FILE ? malloc(size + 2) : NULL;
    DWORD got = 0;
    int ok = raw && ReadFile(h, raw, size, &got, NULL) && got == size;
    CloseHandle(h);
    if (!ok) {
        free(raw);
        return NULL;
    }
    raw[size] = 0;
    raw[size + 1] = 0;
    WCHAR *text;
    if (size >= 2 && (unsigned char)raw[0] == 0xFF && (unsigned char)raw[1] == 0xFE) {
        text = malloc(size + 2);
        if (text)
            memcpy(text, raw + 2, size);
    } else {
        int skip = size >= 3 && !memcmp(raw, "\xEF\xBB\xBF", 3) ? 3 : 0;
        int n = MultiByteToWideChar(CP_UTF8, 0, raw + skip, -1, NULL, 0);
        text = n > 0 ? malloc((size_t)n * sizeof(WCHAR)) : NULL;
        if (text)
            MultiByteToWideChar(CP_UTF8, 0, raw + skip, -1, text, n);
    }
    free(raw);
    return text;
}

void setting_names_keep(const WCHAR *text, size_t len, int from_image)
{
    keeping_from_image = from_image;
    keep_names(text, len);
    keeping_from_image = 0;
}

unsigned setting_names_read(const WCHAR *path)
{
    WCHAR *text = file_text(path);
    if (!text)
        return 0;
    /* Joins "\" line continuations, then reads line by line. */
    WCHAR *out = text;
    for (WCHAR *in = text; *in; in++) {
        if (*in == '\\' && (in[1] == '\r' || in[1] == '\n')) {
            in++;
            while (in[1] == '\r' || in[1] == '\n' || in[1] == ' ')
                in++;
            continue;
        }
        *out++ = *in;
    }
    *out = 0;
    regedit4 = !wcsncmp(text[0] == 0xfeff ? text + 1 : text, L"REGEDIT4", 8);
    WCHAR *line = text;
    while (*line) {
        WCHAR *end = line + wcscspn(line, L"\r\n");
        WCHAR keep = *end;
        *end = 0;
        if (line[0] == '[')
            key_line(line);
        else
            value_line(line);
        line = keep ? end + 1 : end;
    }
    free(text);
    for (unsigned i = 0; i < n_hosts && n_names < MAX_NAMES + MAX_HOSTS; i++) {
        name_list[n_names] = host_list[i];
        wcscpy(names[n_names++], hosts[i]);
    }
    return n_names;
}

static void make_shape(struct shape *s, const WCHAR *name, const char *from, const char *how)
{
    WCHAR *local = fence_wstr(L"Y:", "lpLocalName");
    WCHAR *remote = fence_wstr(name, "lpRemoteName (from the notifier's settings)");
    WCHAR *provider = fence_wstr(PROVIDER, "lpProvider");
    s->add = mk_add(RESOURCETYPE_DISK, local, remote, provider, CONNECT_TEMPORARY);
    s->cancel_pre = mk_cancel(local, NULL, 0, FALSE);
    s->cancel_post = mk_cancel(local, provider, 0, FALSE);
    s->add_status = WN_SUCCESS;
    s->cancel_status = WN_SUCCESS;
    s->ordinary = 1;
    snprintf(s->label, sizeof s->label, "Y:, %.100ls (from the notifier's %s%s)", name, from, how);
}

unsigned setting_shapes(void)
{
    if (n_made)
        return n_made;
    for (unsigned i = 0; i < n_names; i++) {
        WCHAR lower[NAME_UNITS];
        size_t k = 0;
        for (; names[i][k]; k++)
            lower[k] = names[i][k] >= 'A' && names[i][k] <= 'Z' ? names[i][k] + 32 : names[i][k];
        lower[k] = 0;
        const char *from = name_from_image[i] ? "image" : "settings";
        make_shape(&made[n_made++], names[i], from, "");
        if (wcscmp(lower, names[i]))
            make_shape(&made[n_made++], lower, from, ", in lower case");
    }
    return n_made;
}

const struct shape *setting_shape_at(unsigned i)
{
    return i < n_made ? &made[i] : NULL;
}

unsigned setting_words(const WCHAR **out, unsigned cap)
{
    unsigned n = n_words < cap ? n_words : cap;
    for (unsigned i = 0; i < n; i++)
        out[i] = words[i];
    return n;
}

unsigned setting_list_names(enum setting_list kind, const WCHAR **out, unsigned cap)
{
    unsigned n = 0;
    for (unsigned i = 0; i < n_names && n < cap; i++)
        if (name_list[i] == kind)
            out[n++] = names[i];
    return n;
}

enum setting_list setting_list_of_value(const WCHAR *value_name)
{
    int words_are_hosts = 0;
    return list_of_value(value_name, &words_are_hosts);
}

const WCHAR *setting_list_values(enum setting_list kind)
{
    return list_values[kind];
}

const WCHAR *const *setting_unlisted_names(void)
{
    static const WCHAR *const unlisted[SETTING_UNLISTED] = {
        L"\\\\qx-unlisted\\share",
        L"\\\\nothere9\\files",
        L"\\\\qx-unlisted.partner.example\\share",
        L"\\\\nothere9.partner.example\\files",
    };
    return unlisted;
}

unsigned setting_protected_drives(const WCHAR **letters)
{
    *letters = protected_letters;
    return n_protected;
}

const WCHAR *setting_protected_values(void)
{
    return protected_values;
}
