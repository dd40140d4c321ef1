/* The caller's environment is no identity (see env_identity.h). */
#include "env_identity.h"

#include "answers.h"
#include "call.h"
#include "out.h"
#include "setting_names.h"
#include "shapes.h"

#include <npapi.h>
#include <stdio.h>
#include <stdlib.h>

enum { MAX_WORDS = 6, VALUE_UNITS = 1024 };

/* Each variable with what comes before the word in its value: the profile's path ends in the
 * user's name. */
static const struct {
    const WCHAR *name;
    const WCHAR *before_word;
} variables[] = {
    {L"USERNAME", L""},
    {L"USERDOMAIN", L""},
    {L"COMPUTERNAME", L""},
    {L"USERPROFILE", L"C:\\Users\\"},
};
static const WCHAR *const account_names[] = {L"Administrator", L"SYSTEM"};

/* The first refused stable shape whose answers differ from base twice; -1 if none. */
static int changed_shape(unsigned n, DWORD (*base)[ANSWERS], const unsigned char *refused,
                         DWORD *now)
{
    for (unsigned i = 0; i < n; i++) {
        if (!refused[i])
            continue;
        DWORD got[ANSWERS];
        DWORD again[ANSWERS];
        answers_take(shape_at(i), got);
        int which = answers_differ(base[i], got);
        if (which < 0)
            continue;
        answers_take(shape_at(i), again);
        if (answers_differ(got, again) >= 0)
            continue;
        *now = got[which];
        return (int)i;
    }
    return -1;
}

/* refused[i] when shape i's add PRE in base is refused and stable (asked again here when
 * stable is NULL); how many are. */
static unsigned refused_shapes(unsigned n, DWORD (*base)[ANSWERS], const unsigned char *stable,
                               unsigned char *refused)
{
    unsigned count = 0;
    for (unsigned i = 0; i < n; i++) {
        refused[i] = base[i][ANSWER_ADD_PRE] != WN_SUCCESS;
        if (refused[i] && stable) {
            refused[i] = stable[i];
        } else if (refused[i]) {
            DWORD again[ANSWERS];
            answers_take(shape_at(i), again);
            refused[i] = answers_differ(base[i], again) < 0;
        }
        count += refused[i];
    }
    return count;
}

/* Sets variable v to its value for word, asks the refused shapes in a new load, puts the variable back. */
static int differs_with(size_t v, const WCHAR *word, const char *whose, unsigned n,
                        DWORD (*base)[ANSWERS], const unsigned char *refused, char *text,
                        size_t cap)
{
    static WCHAR old[VALUE_UNITS];
    static WCHAR value[VALUE_UNITS];
    DWORD had = GetEnvironmentVariableW(variables[v].name, old, VALUE_UNITS);
    const WCHAR *variable = variables[v].name;
    _snwprintf(value, VALUE_UNITS - 1, L"%ls%ls", variables[v].before_word, word);
    value[VALUE_UNITS - 1] = 0;
    SetEnvironmentVariableW(variable, value);
    DWORD now = 0;
    int shape = reload_notifier() ? changed_shape(n, base, refused, &now) : -1;
    SetEnvironmentVariableW(variable, had && had < VALUE_UNITS ? old : NULL);
    if (shape < 0)
        return 0;
    /* The same new load with the process's own value: a change it shows too came from the
     * load (a limit of the rate of calls starting again), not from the variable. */
    DWORD bare[ANSWERS];
    if (!reload_notifier())
        return 0;
    answers_take(shape_at((unsigned)shape), bare);
    if (bare[ANSWER_ADD_PRE] == now)
        return 0;
    const struct shape *s = shape_at((unsigned)shape);
    snprintf(text, cap,
             "with the environment variable %ls set to \"%.60ls\" (%s), the add PRE of (%s) "
             "returned %s, and %s with the process's own (twice each): the notifier takes the "
             "caller's identity from the environment, which any user sets for the programs "
             "they start; the thread's token says who calls",
             variable, value, whose, s->label, wn_name(now), wn_name(base[shape][ANSWER_ADD_PRE]));
    return 1;
}

int env_identity_differs(unsigned n, DWORD (*base)[ANSWERS], const unsigned char *stable,
                         char *text, size_t cap)
{
    unsigned char *refused = calloc(n ? n : 1, 1);
    int found = 0;
    if (!refused || !refused_shapes(n, base, stable, refused)) {
        free(refused);
        return 0;
    }
    const WCHAR *words[MAX_WORDS];
    unsigned n_settings = setting_words(words, MAX_WORDS - 2);
    unsigned n_words = n_settings;
    for (size_t i = 0; i < sizeof account_names / sizeof account_names[0]; i++)
        words[n_words++] = account_names[i];
    announce_step("USERNAME, USERDOMAIN, COMPUTERNAME and USERPROFILE set to %u word(s) of the "
                  "settings and "
                  "%u account names, the refused shapes asked in a new load",
                  n_settings, n_words - n_settings);
    for (size_t v = 0; v < sizeof variables / sizeof variables[0] && !found; v++) {
        for (unsigned w = 0; w < n_words && !found; w++) {
            const char *whose =
                w < n_settings ? "a word of the notifier's settings" : "a built-in account's name";
            found = differs_with(v, words[w], whose, n, base, refused, text, cap);
        }
    }
    free(refused);
    reload_notifier();
    return found;
}
