/* hwndOwner grants nothing (see owner_grant.h). */
#include "owner_grant.h"

#include "answers.h"
#include "call.h"
#include "crash.h"
#include "out.h"
#include "owner_process.h"
#include "setting_programs.h"
#include "shown_name.h"

#include <stdio.h>
#include <string.h>

enum { MAX_REFUSED = 8, OWNERS = 1 + SETTING_PROGRAMS_MAX, TEXT = 900 };

static struct owner_process owners[OWNERS];
static void (*previous_crash_hook)(void);

static void end_owners(void)
{
    for (unsigned i = 0; i < OWNERS; i++)
        owner_process_end(&owners[i]);
}

static void end_owners_on_crash(void)
{
    end_owners();
    if (previous_crash_hook)
        previous_crash_hook();
}

/* The add PRE's answer to remote on Y: (CONNECT_TEMPORARY) with hwndOwner owner. */
static DWORD add_pre_with(const WCHAR *remote, HWND owner)
{
    return answers_add_pre_on_y(remote, "lpRemoteName", owner, 0);
}

/* The names refused twice with hwndOwner NULL, at most MAX_REFUSED, into refused. */
static unsigned refused_names(const WCHAR *const *names, unsigned n, const WCHAR **refused,
                              DWORD *answer)
{
    unsigned got = 0;
    for (unsigned i = 0; i < n && got < MAX_REFUSED; i++) {
        DWORD first = add_pre_with(names[i], NULL);
        if (first == WN_SUCCESS || add_pre_with(names[i], NULL) == WN_SUCCESS)
            continue;
        refused[got] = names[i];
        answer[got] = first;
        got++;
    }
    return got;
}

/* 1 and the text when a refused name is let through with o's window, twice. */
static int window_grants(const struct owner_process *o, const char *whose,
                         const WCHAR *const *refused, const DWORD *answer, unsigned n, char *text)
{
    for (unsigned i = 0; i < n; i++) {
        if (add_pre_with(refused[i], o->window) != WN_SUCCESS)
            continue;
        if (add_pre_with(refused[i], NULL) == WN_SUCCESS ||
            add_pre_with(refused[i], o->window) != WN_SUCCESS)
            continue;
        char name[SHOWN_NAME_UNITS * 9];
        char image[SHOWN_NAME_UNITS * 9];
        snprintf(text, TEXT,
                 "the add PRE of %s on Y: returned WN_SUCCESS with hwndOwner a window of "
                 "another process running %s (%s), and %s with hwndOwner NULL (twice each): "
                 "hwndOwner is only the owner the caller lends to dialogs [doc: NOTIFYADD] and "
                 "window handles are public to every process of the desktop [doc: User "
                 "Objects], so any caller that passes that window is let through; decide by "
                 "the caller's own token",
                 shown_name(refused[i], name, sizeof name),
                 shown_name(o->image, image, sizeof image), whose, wn_name(answer[i]));
        return 1;
    }
    return 0;
}

void owner_grant_judge(const WCHAR *const *names, unsigned n)
{
    const WCHAR *refused[MAX_REFUSED];
    DWORD answer[MAX_REFUSED];
    announce_step("%u remote names with hwndOwner NULL: the refused ones", n);
    unsigned n_refused = refused_names(names, n, refused, answer);
    if (!n_refused) {
        result("drive.owner", "pass",
               "none of %u remote names was refused with hwndOwner NULL: no refusal for a "
               "window to lift",
               n);
        return;
    }
    const WCHAR *programs[SETTING_PROGRAMS_MAX];
    unsigned n_programs = setting_programs(programs, SETTING_PROGRAMS_MAX);
    char text[TEXT] = "";
    char skipped[TEXT] = "";
    unsigned used = 0;
    int granted = 0;
    previous_crash_hook = crash_hook;
    crash_hook = end_owners_on_crash;
    for (unsigned k = 0; k <= n_programs && !granted; k++) {
        const WCHAR *image = k ? programs[k - 1] : NULL;
        const char *whose = k ? "a program the settings name" : "the gate's own program";
        char why[200];
        struct owner_process *o = &owners[k];
        announce_step("%u refused names with hwndOwner a window of %s", n_refused, whose);
        if (!owner_process_start(o, image, why, sizeof why)) {
            char shown[SHOWN_NAME_UNITS * 9];
            size_t len = strlen(skipped);
            snprintf(skipped + len, sizeof skipped - len, "%s%s: %s", len ? "; " : "",
                     shown_name(image ? image : L"this program", shown, sizeof shown), why);
            continue;
        }
        used++;
        granted = window_grants(o, whose, refused, answer, n_refused, text);
        owner_process_end(o);
    }
    crash_hook = previous_crash_hook;
    if (granted) {
        result_bad("drive.owner", "%s", text);
        return;
    }
    if (!used) {
        result("drive.owner", "notjudged", "no window of another process to pass as hwndOwner (%s)",
               skipped);
        return;
    }
    char first[SHOWN_NAME_UNITS * 9];
    result("drive.owner", "pass",
           "%u remote names refused with hwndOwner NULL (%s, ...) stayed refused with hwndOwner a "
           "window of another process, %u program(s) (the gate's own and %u the settings name)%s%s",
           n_refused, shown_name(refused[0], first, sizeof first), used, n_programs,
           skipped[0] ? "; not run: " : "", skipped);
}
