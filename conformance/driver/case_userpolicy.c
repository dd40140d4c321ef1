/* Case userpolicy: a value under HKEY_CURRENT_USER does not override the
 * machine's policy (settings.machine) [design]. HKLM\SOFTWARE is written by
 * administrators, HKCU by the user: a notifier that reads a setting from
 * HKCU first and falls back to HKLM lets any user replace the machine's
 * block list. The machine values are those the notifier reads with success
 * while the input shapes run (registry_reads.h) and those of the keys the
 * settings file (--reg) names, read at load. The same names are planted
 * under HKCU\Software in volatile keys, all at once, and the notifier is
 * loaded again (FreeLibrary, LoadLibrary: a policy cached at load sees
 * them); answers that differ twice are a user override. Then one value at a
 * time names the value. What was planted is removed, also on a crash. */
#include "cases.h"

#include "answers.h"
#include "call.h"
#include "crash.h"
#include "env_identity.h"
#include "measure.h"
#include "out.h"
#include "reg_file_keys.h"
#include "registry_reads.h"
#include "settings_enforced.h"
#include "settings_view.h"
#include "shapes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

enum { PATH_UNITS = REGISTRY_READS_UNITS + 16, ROUNDS = 2 };

/* What one plant made: the topmost key created (deleted as a tree) or the
 * value set in a key that was there before. */
struct planted {
    WCHAR created_top[PATH_UNITS]; /* "" when the key existed */
    WCHAR key[PATH_UNITS];
    WCHAR value[REGISTRY_READS_UNITS];
    int value_set;
};

static struct planted planted[REGISTRY_READS_MAX];
static unsigned n_planted;
static void (*previous_crash_hook)(void);

/* The neutral data of round `round` for a machine value of `type`:
 * returns its size in bytes (0: not planted) and describes it. */
static DWORD neutral_data(DWORD type, int round, BYTE *data, char *how, size_t cap)
{
    memset(data, 0, 8);
    if (type == REG_SZ || type == REG_EXPAND_SZ) {
        const char *name = type == REG_SZ ? "REG_SZ" : "REG_EXPAND_SZ";
        snprintf(how, cap, "%s \"%s\"", name, round == 0 ? " " : "");
        if (round == 0)
            data[0] = ' ';
        return round == 0 ? 2 * sizeof(WCHAR) : sizeof(WCHAR);
    }
    if (type == REG_MULTI_SZ) {
        snprintf(how, cap, "REG_MULTI_SZ with one %s string", round == 0 ? "empty" : "\" \"");
        if (round == 0)
            return 2 * sizeof(WCHAR);
        data[0] = ' ';
        return 3 * sizeof(WCHAR);
    }
    if (type == REG_DWORD || type == REG_QWORD) {
        snprintf(how, cap, "%s %d", type == REG_DWORD ? "REG_DWORD" : "REG_QWORD", round);
        data[0] = (BYTE)round;
        return type == REG_DWORD ? 4 : 8;
    }
    snprintf(how, cap, "type %lu, not planted", (unsigned long)type);
    return 0;
}

/* Creates HKCU\path key by key, each new one volatile; notes the topmost
 * created in top (left "" if every key existed). */
static HKEY create_volatile_path(const WCHAR *path, WCHAR *top)
{
    WCHAR prefix[PATH_UNITS];
    HKEY key = NULL;
    top[0] = 0;
    size_t len = wcslen(path);
    for (size_t end = 0; end <= len; end++) {
        if (path[end] != '\\' && path[end] != 0)
            continue;
        wcsncpy(prefix, path, end);
        prefix[end] = 0;
        if (key)
            RegCloseKey(key);
        key = NULL;
        if (!RegOpenKeyExW(HKEY_CURRENT_USER, prefix, 0, KEY_SET_VALUE | KEY_QUERY_VALUE, &key))
            continue;
        DWORD disp = 0;
        if (RegCreateKeyExW(HKEY_CURRENT_USER, prefix, 0, NULL, REG_OPTION_VOLATILE,
                            KEY_SET_VALUE | KEY_QUERY_VALUE, NULL, &key, &disp))
            return NULL;
        if (!top[0])
            wcscpy(top, prefix);
    }
    return key;
}

/* Plants read r's neutral value of `round` under HKCU\Software. Returns 1
 * if planted; a value the user already has is left alone. */
static int plant(const struct registry_read *r, int round)
{
    BYTE data[8];
    char how[80];
    DWORD size = neutral_data(r->type, round, data, how, sizeof how);
    if (!size || n_planted >= REGISTRY_READS_MAX)
        return 0;
    struct planted *p = &planted[n_planted];
    memset(p, 0, sizeof *p);
    swprintf(p->key, PATH_UNITS, L"Software\\%ls", r->below_software);
    wcscpy(p->value, r->value);
    HKEY key = create_volatile_path(p->key, p->created_top);
    if (!key)
        return 0;
    n_planted++;
    if (RegQueryValueExW(key, r->value, NULL, NULL, NULL, NULL) == ERROR_FILE_NOT_FOUND &&
        !RegSetValueExW(key, r->value, 0, r->type, data, size))
        p->value_set = 1;
    RegCloseKey(key);
    return p->value_set;
}

static void unplant_all(void)
{
    for (unsigned i = n_planted; i-- > 0;) {
        struct planted *p = &planted[i];
        HKEY key;
        if (p->value_set && !RegOpenKeyExW(HKEY_CURRENT_USER, p->key, 0, KEY_SET_VALUE, &key)) {
            RegDeleteValueW(key, p->value);
            RegCloseKey(key);
        }
        if (p->created_top[0])
            RegDeleteTreeW(HKEY_CURRENT_USER, p->created_top);
    }
    n_planted = 0;
}

static void unplant_on_crash(void)
{
    unplant_all();
    if (previous_crash_hook)
        previous_crash_hook();
}

static void add_key(const WCHAR *below_software, void *arg)
{
    (void)arg;
    registry_reads_add_key(below_software);
}

/* Shape i's answers now against base (stable): the first answer that
 * differs twice, or -1; got holds the new answers. */
static int changed_twice(unsigned i, const DWORD base[ANSWERS], DWORD got[ANSWERS])
{
    DWORD again[ANSWERS];
    answers_take(shape_at(i), got);
    if (answers_differ(base, got) < 0)
        return -1;
    answers_take(shape_at(i), again);
    if (answers_differ(got, again) >= 0)
        return -1;
    return answers_differ(base, got);
}

struct change {
    unsigned shape;
    int which;
    DWORD was;
    DWORD now;
};

/* Every stable shape: the first that changed twice (1), or 0. */
static int first_change(unsigned n_shapes, DWORD (*base)[ANSWERS], const unsigned char *stable,
                        struct change *c)
{
    for (unsigned i = 0; i < n_shapes; i++) {
        DWORD got[ANSWERS];
        if (!stable[i])
            continue;
        int which = changed_twice(i, base[i], got);
        if (which < 0)
            continue;
        c->shape = i;
        c->which = which;
        c->was = base[i][which];
        c->now = got[which];
        return 1;
    }
    return 0;
}

/* The one read whose value alone makes change c (its index), or -1. */
static int culprit(int round, DWORD (*base)[ANSWERS], const struct change *c)
{
    for (unsigned k = 0; k < registry_reads_count(); k++) {
        if (!plant(registry_read_at(k), round)) {
            unplant_all();
            continue;
        }
        DWORD got[ANSWERS];
        int loaded = reload_notifier();
        int which = loaded ? changed_twice(c->shape, base[c->shape], got) : -1;
        unplant_all();
        if (which >= 0)
            return (int)k;
        if (!loaded)
            return -1;
    }
    return -1;
}

static void report_change(int round, int k, const struct change *c)
{
    const struct shape *s = shape_at(c->shape);
    const WCHAR *remote = s->add ? s->add->NetResource.lpRemoteName : NULL;
    const char *op = c->which == ANSWER_ADD_PRE ? "add" : "cancel";
    char what[400];
    if (k >= 0) {
        const struct registry_read *r = registry_read_at((unsigned)k);
        BYTE data[8];
        char how[80];
        neutral_data(r->type, round, data, how, sizeof how);
        snprintf(what, sizeof what, "HKCU\\Software\\%.150ls\\%.80ls (%s)", r->below_software,
                 r->value[0] ? r->value : L"(default)", how);
    } else {
        snprintf(what, sizeof what,
                 "the %u values planted together under HKCU\\Software (none alone)",
                 registry_reads_count());
    }
    result_bad("settings.machine",
               "%s changed the %s PRE of %.100ls from %s to %s (twice): a user overrides the "
               "machine policy",
               what, op, remote ? remote : L"(NULL)", wn_name(c->was), wn_name(c->now));
}

/* One round: every read planted with the round's data, the notifier loaded
 * again, the stable shapes' answers compared. Returns 1 on a FAIL, -1 when
 * the notifier did not load again. */
static int judge_round(int round, unsigned n_shapes, DWORD (*base)[ANSWERS],
                       const unsigned char *stable, unsigned *n_set)
{
    *n_set = 0;
    for (unsigned k = 0; k < registry_reads_count(); k++)
        *n_set += (unsigned)plant(registry_read_at(k), round);
    if (!*n_set) {
        unplant_all();
        return 0;
    }
    struct change c;
    int loaded = reload_notifier();
    int found = loaded && first_change(n_shapes, base, stable, &c);
    unplant_all();
    if (!loaded)
        return -1;
    if (!found)
        return 0;
    /* The same fresh load without the values: a change it shows too came from the load (a
     * limit of the rate of calls starting again), not from the user's values. */
    DWORD bare[ANSWERS];
    if (!reload_notifier())
        return -1;
    if (changed_twice(c.shape, base[c.shape], bare) == c.which && bare[c.which] == c.now)
        return 0;
    report_change(round, culprit(round, base, &c), &c);
    return 1;
}

static void list_reads(char *buf, size_t cap)
{
    size_t used = 0;
    buf[0] = 0;
    for (unsigned k = 0; k < registry_reads_count() && used + 1 < cap; k++) {
        const struct registry_read *r = registry_read_at(k);
        int n = snprintf(buf + used, cap - used, "%s%.100ls\\%.60ls", k ? ", " : "",
                         r->below_software, r->value[0] ? r->value : L"(default)");
        if (n < 0)
            break;
        used += (size_t)n;
    }
}

/* The caller's environment as an identity, over the case's first answers: a FAIL of
 * settings.machine, 1; else 0. */
static int environment_overrides(unsigned n_shapes, DWORD (*base)[ANSWERS],
                                 const unsigned char *stable)
{
    char text[700];
    if (!env_identity_differs(n_shapes, base, stable, text, sizeof text))
        return 0;
    result_bad("settings.machine", "%s", text);
    return 1;
}

static void judge_userpolicy(void)
{
    registry_reads_record(1);
    int loaded = load_notifier();
    if (!loaded) {
        registry_reads_record(0);
        return;
    }
    if (cf.settings_file)
        reg_file_keys(cf.settings_file, add_key, NULL);
    unsigned n_shapes = shapes_init();
    DWORD(*base)[ANSWERS] = calloc(n_shapes ? n_shapes : 1, sizeof *base);
    unsigned char *stable = calloc(n_shapes ? n_shapes : 1, 1);
    announce_step("%u input shapes, recording the machine values read", n_shapes);
    for (unsigned i = 0; i < n_shapes; i++)
        answers_take(shape_at(i), base[i]);
    unsigned n_reads = registry_reads_count();
    unsigned n_stable = 0;
    if (n_reads) {
        announce_step("%u input shapes again: the stable answers", n_shapes);
        for (unsigned i = 0; i < n_shapes; i++) {
            DWORD again[ANSWERS];
            answers_take(shape_at(i), again);
            stable[i] = answers_differ(base[i], again) < 0;
            n_stable += stable[i];
        }
    }
    registry_reads_record(0);
    n_reads = registry_reads_count();
    char reads[600];
    list_reads(reads, sizeof reads);
    if (!n_reads) {
        if (!environment_overrides(n_shapes, base, NULL))
            result(
                "settings.machine", "pass",
                "the notifier read no value below HKLM\\SOFTWARE (%u input shapes) and the "
                "settings file names none: no machine policy for a user to override; "
                "USERNAME, USERDOMAIN, COMPUTERNAME and USERPROFILE set to other names changed no "
                "refusal",
                n_shapes);
        free(base);
        free(stable);
        return;
    }
    previous_crash_hook = crash_hook;
    crash_hook = unplant_on_crash;
    unsigned planted_per_round[ROUNDS] = {0, 0};
    int verdict = 0;
    for (int round = 0; round < ROUNDS && verdict == 0; round++) {
        announce_step("the %u machine values read planted under HKCU\\Software (round %d), "
                      "the notifier loaded again, %u stable shapes",
                      n_reads, round + 1, n_stable);
        verdict = judge_round(round, n_shapes, base, stable, &planted_per_round[round]);
    }
    crash_hook = previous_crash_hook;
    if (verdict == 0 && !environment_overrides(n_shapes, base, stable))
        result("settings.machine", "pass",
               "%u machine value(s) read (%s): the same names under HKCU\\Software (%u planted "
               "with \" \", an empty MULTI_SZ or 0, then %u with \"\" or 1, all at once, the "
               "notifier loaded again) changed none of the answers of %u stable input shapes; "
               "USERNAME, USERDOMAIN, COMPUTERNAME and USERPROFILE set to other names changed no "
               "refusal",
               n_reads, reads, planted_per_round[0], planted_per_round[1], n_stable);
    free(base);
    free(stable);
}

void case_userpolicy(void)
{
    double t0 = now_ms();
    judge_userpolicy();
    if (cf.mod) {
        settings_view_judge();
        settings_enforced_judge();
    }
    metric("userpolicy_case_ms", "%.0f", now_ms() - t0);
}
