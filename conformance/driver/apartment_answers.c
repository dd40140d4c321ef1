/* Answers by the caller's COM apartment (see apartment_answers.h). */
#include "apartment_answers.h"

#include "answers.h"
#include "call.h"
#include "com_runtime.h"
#include "fence.h"
#include "out.h"
#include "pump.h"

#include <objbase.h>
#include <stdio.h>
#include <wchar.h>

enum { NAME_UNITS = 260, MAX_NAMES = 64 };

struct apartment_run {
    DWORD model;
    const char *name;
    WCHAR *const *names;
    unsigned n;
    HRESULT hr;
    DWORD (*answers)[ANSWERS];
};

/* names: fenced, NULL for one too long to ask. */
static void take_all(WCHAR *const *names, unsigned n, DWORD (*answers)[ANSWERS])
{
    for (unsigned i = 0; i < n; i++) {
        if (names[i])
            answers_take_on_y(names[i], answers[i]);
    }
}

/* A run's model for a new thread that enters no apartment. */
#define NO_COM ((DWORD)-1)

static DWORD WINAPI apartment_thread(void *arg)
{
    struct apartment_run *run = arg;
    mark_driver_thread();
    if (run->model == NO_COM) {
        take_all(run->names, run->n, run->answers);
        return 0;
    }
    run->hr = com_enter(run->model);
    if (FAILED(run->hr))
        return 0;
    take_all(run->names, run->n, run->answers);
    com_leave();
    return 0;
}

/* The first name whose answer differs between plain and run twice. */
static int apartment_differs(const struct apartment_run *run, DWORD (*plain)[ANSWERS],
                             DWORD (*again)[ANSWERS], char *text, size_t cap)
{
    for (unsigned i = 0; i < run->n; i++) {
        if (!run->names[i])
            continue;
        int which = answers_differ(plain[i], run->answers[i]);
        if (which < 0 || answers_differ(run->answers[i], again[i]) >= 0)
            continue;
        char on_plain[80];
        char on_com[80];
        answer_text(which, plain[i][which], on_plain, sizeof on_plain);
        answer_text(which, run->answers[i][which], on_com, sizeof on_com);
        snprintf(text, cap,
                 "for %.120ls %s on a thread in %s, and %s on a thread without COM (twice "
                 "each): the caller's apartment decides; a notifier's own CoInitializeEx gets "
                 "RPC_E_CHANGED_MODE on a UI thread, which is not a failure",
                 run->names[i], on_com, run->name, on_plain);
        return 1;
    }
    return 0;
}

/* The names' answers in the apartment of run, into run->answers; 0 when no
 * thread could enter it. */
static int take_in_apartment(struct apartment_run *run)
{
    HANDLE t = CreateThread(NULL, 0, apartment_thread, run, 0, NULL);
    if (!t)
        return 0;
    pump_until(t);
    CloseHandle(t);
    return SUCCEEDED(run->hr);
}

/* The names' verdict once each is fenced. */
static void judge_fenced(WCHAR *const *names, unsigned n)
{
    static DWORD plain[MAX_NAMES][ANSWERS];
    static DWORD in_com[MAX_NAMES][ANSWERS];
    static DWORD again[MAX_NAMES][ANSWERS];
    struct apartment_run runs[] = {
        {COINIT_APARTMENTTHREADED, "an STA (a UI thread)", names, n, S_OK, in_com},
        {COINIT_MULTITHREADED, "the MTA", names, n, S_OK, in_com},
    };
    /* A new thread, as the apartments' are: this thread's earlier calls are not compared. */
    struct apartment_run no_com = {NO_COM, "no apartment", names, n, S_OK, plain};
    announce_step("%u remote names on a new thread without COM, on one in an STA and in the MTA",
                  n);
    if (!take_in_apartment(&no_com)) {
        result("drive.apartment", "incomplete", "cannot run a thread without COM (error %lu)",
               GetLastError());
        return;
    }
    char text[700];
    unsigned entered = 0;
    for (size_t r = 0; r < sizeof runs / sizeof runs[0]; r++) {
        if (!take_in_apartment(&runs[r]))
            continue;
        entered++;
        struct apartment_run repeat = runs[r];
        repeat.answers = again;
        if (!take_in_apartment(&repeat))
            continue;
        if (apartment_differs(&runs[r], plain, again, text, sizeof text)) {
            result_bad("drive.apartment", "%s", text);
            return;
        }
    }
    result("drive.apartment", "pass",
           "%u remote names: the same answers on a thread without COM and in %u apartment(s) "
           "(an STA, the MTA)",
           n, entered);
}

void apartment_answers_judge(const WCHAR *const *names, unsigned n)
{
    WCHAR *fenced[MAX_NAMES];
    if (n > MAX_NAMES)
        n = MAX_NAMES;
    for (unsigned i = 0; i < n; i++) {
        fenced[i] = NULL;
        if (wcslen(names[i]) < NAME_UNITS)
            fenced[i] = fence_wstr(names[i], "lpRemoteName");
    }
    judge_fenced(fenced, n);
    for (unsigned i = 0; i < n; i++) {
        if (fenced[i])
            fence_free(fenced[i]);
    }
}
