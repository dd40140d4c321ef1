/* A DNS name read by its first labels (see dns_prefix.h). */
#include "dns_prefix.h"

#include "answers.h"
#include "call.h"
#include "shown_name.h"

#include <stdio.h>
#include <wchar.h>

enum { SERVER_UNITS = 64, NAME_UNITS = 160, MAX_DOMAINS = 2, MAX_PREFIXES = 8 };

/* Private and loopback addresses, which split-tunnel and egress policies allow. */
static const WCHAR *const private_addresses[] = {
    L"10.20.30.40",
    L"192.168.1.20",
    L"172.16.5.4",
    L"127.0.0.1",
};

static DWORD add_pre(const WCHAR *remote)
{
    return answers_add_pre_fenced(remote, "lpRemoteName (a DNS name by its labels)");
}

/* 1 when both of two asks give WN_SUCCESS (allowed) or both refuse (refused). */
static int allowed_twice(const WCHAR *remote)
{
    return add_pre(remote) == WN_SUCCESS && add_pre(remote) == WN_SUCCESS;
}

static int refused_twice(const WCHAR *remote, DWORD *answer)
{
    *answer = add_pre(remote);
    return *answer != WN_SUCCESS && add_pre(remote) != WN_SUCCESS;
}

/* The server of a \\server\share... name into out; its length, 0 when none fits. */
static size_t server_of(const WCHAR *name, WCHAR *out)
{
    if (name[0] != '\\' || name[1] != '\\')
        return 0;
    size_t n = wcscspn(name + 2, L"\\/");
    if (!n || n >= SERVER_UNITS || !name[2 + n])
        return 0;
    wmemcpy(out, name + 2, n);
    out[n] = 0;
    return n;
}

static int is_dotted_digits(const WCHAR *s)
{
    for (; *s; s++) {
        if (!(*s >= '0' && *s <= '9') && *s != '.')
            return 0;
    }
    return 1;
}

/* The domains (a DNS server's name after its first label) of refused names whose made-up
 * host is refused too, at most MAX_DOMAINS; the made-up host's name and answer with each. */
static unsigned refused_domains(const WCHAR *const *names, unsigned n,
                                WCHAR domains[][SERVER_UNITS], WCHAR made_up[][NAME_UNITS],
                                DWORD *answers)
{
    unsigned got = 0;
    for (unsigned i = 0; i < n && got < MAX_DOMAINS; i++) {
        WCHAR server[SERVER_UNITS];
        DWORD answer;
        if (!server_of(names[i], server) || is_dotted_digits(server))
            continue;
        const WCHAR *dot = wcschr(server, '.');
        if (!dot || !dot[1] || !wcschr(dot + 1, '.') || server[wcslen(server) - 1] == '.')
            continue;
        int seen = 0;
        for (unsigned k = 0; k < got && !seen; k++)
            seen = !_wcsicmp(domains[k], dot + 1);
        if (seen || !refused_twice(names[i], &answer))
            continue;
        swprintf(made_up[got], NAME_UNITS, L"\\\\qx-unlisted.%ls\\share", dot + 1);
        if (!refused_twice(made_up[got], &answers[got]))
            continue;
        wcscpy(domains[got], dot + 1);
        got++;
    }
    return got;
}

/* Allowed servers: those of allowed names, then private addresses allowed as \\address\share. */
static unsigned allowed_prefixes(const WCHAR *const *names, unsigned n,
                                 WCHAR prefixes[][SERVER_UNITS])
{
    unsigned got = 0;
    for (unsigned i = 0; i < n && got < MAX_PREFIXES / 2; i++) {
        WCHAR server[SERVER_UNITS];
        if (!server_of(names[i], server) || wcschr(server, '@') || !allowed_twice(names[i]))
            continue;
        int seen = 0;
        for (unsigned k = 0; k < got && !seen; k++)
            seen = !_wcsicmp(prefixes[k], server);
        if (!seen)
            wcscpy(prefixes[got++], server);
    }
    for (size_t a = 0; a < sizeof private_addresses / sizeof private_addresses[0]; a++) {
        WCHAR name[NAME_UNITS];
        swprintf(name, NAME_UNITS, L"\\\\%ls\\share", private_addresses[a]);
        if (got < MAX_PREFIXES && allowed_twice(name))
            wcscpy(prefixes[got++], private_addresses[a]);
    }
    return got;
}

int dns_prefix_allowed(const WCHAR *const *names, unsigned n, unsigned *asked, char *text,
                       size_t cap)
{
    WCHAR domains[MAX_DOMAINS][SERVER_UNITS];
    WCHAR made_up[MAX_DOMAINS][NAME_UNITS];
    DWORD answers[MAX_DOMAINS];
    WCHAR prefixes[MAX_PREFIXES][SERVER_UNITS];
    *asked = 0;
    unsigned n_domains = refused_domains(names, n, domains, made_up, answers);
    unsigned n_prefixes = n_domains ? allowed_prefixes(names, n, prefixes) : 0;
    for (unsigned d = 0; d < n_domains; d++) {
        for (unsigned p = 0; p < n_prefixes; p++) {
            WCHAR host[NAME_UNITS];
            swprintf(host, NAME_UNITS, L"\\\\%ls.%ls\\share", prefixes[p], domains[d]);
            (*asked)++;
            if (!allowed_twice(host))
                continue;
            char host_text[SHOWN_NAME_UNITS * 9];
            char made_up_text[SHOWN_NAME_UNITS * 9];
            char prefix_text[SHOWN_NAME_UNITS * 9];
            snprintf(text, cap,
                     "the add PRE returned WN_SUCCESS for %s and %s for %s (twice each): both "
                     "are hosts of the same domain, and %s is allowed alone: a name read by its "
                     "first labels (an address or server taken from the start of a DNS name) "
                     "[design]",
                     shown_name(host, host_text, sizeof host_text), wn_name(answers[d]),
                     shown_name(made_up[d], made_up_text, sizeof made_up_text),
                     shown_name(prefixes[p], prefix_text, sizeof prefix_text));
            return 1;
        }
    }
    return 0;
}
