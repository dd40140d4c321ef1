/* The calling program's file name is no identity (see caller_program.h). */
#include "caller_program.h"

#include "caller_identity.h"
#include "call.h"
#include "fresh_load.h"
#include "setting_programs.h"
#include "shown_name.h"

#include <stdio.h>
#include <wchar.h>

enum { NAMES = 16, SHOWN = SHOWN_NAME_UNITS * 9 };

/* A copy of this program named `file` in a new folder under TEMP: its path into copy, the
 * folder into dir; 0 when it cannot be made. */
static int copy_named(const WCHAR *file, WCHAR *copy, WCHAR *dir)
{
    WCHAR self[MAX_PATH];
    WCHAR temp[MAX_PATH];
    DWORD n = GetModuleFileNameW(NULL, self, MAX_PATH);
    if (!n || n >= MAX_PATH || !GetTempPathW(MAX_PATH, temp))
        return 0;
    swprintf(dir, MAX_PATH, L"%lsconnotify-program-%lu-%lu", temp,
             (unsigned long)GetCurrentProcessId(), (unsigned long)GetTickCount());
    if (!CreateDirectoryW(dir, NULL))
        return 0;
    swprintf(copy, MAX_PATH, L"%ls\\%ls", dir, file);
    if (CopyFileW(self, copy, TRUE))
        return 1;
    RemoveDirectoryW(dir);
    return 0;
}

int caller_program_differs(const WCHAR *const *names, unsigned n, char *text, size_t cap)
{
    const WCHAR *programs[SETTING_PROGRAM_NAMES_MAX];
    unsigned n_programs = setting_program_names(programs, SETTING_PROGRAM_NAMES_MAX);
    if (!n_programs)
        return 0;
    if (n > NAMES)
        n = NAMES;
    DWORD plain[NAMES];
    if (!caller_identity_answers_in(NULL, names, n, plain))
        return 0;
    const WCHAR *refused[NAMES];
    DWORD refusal[NAMES];
    unsigned n_refused = 0;
    for (unsigned i = 0; i < n; i++) {
        if (plain[i] != WN_SUCCESS && plain[i] != FRESH_NO_ANSWER) {
            refused[n_refused] = names[i];
            refusal[n_refused] = plain[i];
            n_refused++;
        }
    }
    for (unsigned p = 0; p < n_programs && n_refused; p++) {
        WCHAR copy[MAX_PATH];
        WCHAR dir[MAX_PATH];
        DWORD named[NAMES];
        if (!copy_named(programs[p], copy, dir))
            continue;
        int ran = caller_identity_answers_in(copy, refused, n_refused, named);
        DeleteFileW(copy);
        RemoveDirectoryW(dir);
        for (unsigned i = 0; ran && i < n_refused; i++) {
            if (named[i] != WN_SUCCESS)
                continue;
            char name_text[SHOWN];
            char program_text[SHOWN];
            snprintf(text, cap,
                     "for %s the add PRE returned WN_SUCCESS to a caller whose Administrators "
                     "group is deny-only in a program named %s (a copy of the gate's own, in a "
                     "folder of its own; a name the settings or the notifier's strings give), "
                     "and %s to the same caller in a program of another name (fresh loads, %d "
                     "rounds each): a program's file name is whatever whoever copied it chose; "
                     "decide by the caller's token",
                     shown_name(refused[i], name_text, sizeof name_text),
                     shown_name(programs[p], program_text, sizeof program_text),
                     wn_name(refusal[i]), FRESH_ROUNDS);
            return 1;
        }
    }
    return 0;
}
