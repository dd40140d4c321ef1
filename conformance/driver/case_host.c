/* Case host: the notifier in processes unlike the driver. The parent loads
 * the notifier and calls it (as Explorer would), then starts four children
 * of this driver while it stays loaded: one copied to a long non-ASCII path
 * with a long command line started as `net ...`, with a console of its
 * own, and long non-ASCII profile folders (host_identity.h), one with
 * almost no environment in system32 (as a service), two that load a copy
 * of the notifier installed below Program Files (install_copy.h): at a
 * 259-unit path with spaces, and in a folder whose name holds a character
 * outside the ANSI code page. Each child loads
 * the notifier and calls every input shape of ordinary names; every check
 * is judged there, each call named by its host, and its output is this
 * case's. The first child calls under a German C locale and a Turkish
 * thread locale, then again in the default one: its answers must not
 * change; every child's answers must be the parent's (a per-process object
 * with a fixed name fails in a second process, a path built from the
 * notifier's own in a MAX_PATH buffer or with an ANSI API in an install
 * child).
 * [design] */
#include "cases.h"

#include "answers.h"
#include "call.h"
#include "child.h"
#include "host_identity.h"
#include "install_copy.h"
#include "measure.h"
#include "out.h"
#include "shapes.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

enum { CHILD_LIMIT_MS = 150000, PARENT_SHAPES = 6 };

enum host_kind { HOST_NONE, HOST_IDENTITY, HOST_BARE, HOST_INSTALL, HOST_INSTALL_WIDE };

static enum host_kind child_kind;

void host_child_role(const WCHAR *kind)
{
    if (!wcscmp(kind, L"bare"))
        child_kind = HOST_BARE;
    else if (!wcscmp(kind, L"install"))
        child_kind = HOST_INSTALL;
    else if (!wcscmp(kind, L"install-wide"))
        child_kind = HOST_INSTALL_WIDE;
    else
        child_kind = HOST_IDENTITY;
}

/* The parent's copies of the notifier below Program Files. */
static struct install_copy install_long;
static struct install_copy install_wide;

static int is_install(enum host_kind kind)
{
    return kind == HOST_INSTALL || kind == HOST_INSTALL_WIDE;
}

static struct install_copy *copy_of(enum host_kind kind)
{
    return kind == HOST_INSTALL_WIDE ? &install_wide : &install_long;
}

/* The notifier an install child loads: the copy (cf.dll in that child). */
static const WCHAR *installed_dll(enum host_kind kind)
{
    return child_kind == kind ? cf.dll : copy_of(kind)->dll;
}

/* The first process's answers to the first PARENT_SHAPES shapes (both
 * rounds alike), for the children to compare. */
static DWORD parent[PARENT_SHAPES][ANSWERS];
static unsigned char parent_known[PARENT_SHAPES];
static WCHAR parent_answers[PARENT_SHAPES * 40] = L"x";

void host_parent_answers(const WCHAR *text)
{
    const WCHAR *p = text;
    for (unsigned i = 0; i < PARENT_SHAPES && *p; i++) {
        if (*p == 'x') {
            p++;
        } else {
            for (int k = 0; k < ANSWERS; k++) {
                WCHAR *end;
                parent[i][k] = wcstoul(p, &end, 16);
                p = *end == '.' ? end + 1 : end;
            }
            parent_known[i] = 1;
        }
        if (*p == ',')
            p++;
    }
}

/* Each of the first shapes twice, as the first calls of a load of its own (answers that a
 * limit of the rate of calls gives after many calls are not compared); the answers of those
 * alike, else x. The last load stays. */
static void parent_answer_text(WCHAR *out, size_t cap)
{
    size_t at = 0;
    out[0] = 0;
    for (unsigned i = 0; i < PARENT_SHAPES && i < shapes_init(); i++) {
        if (i > 0 && !reload_notifier())
            return;
        DWORD again[ANSWERS];
        answers_take(shape_at(i), parent[i]);
        answers_take(shape_at(i), again);
        int n;
        if (answers_differ(parent[i], again) >= 0)
            n = swprintf(out + at, cap - at, L"%lsx", i ? L"," : L"");
        else
            n = swprintf(out + at, cap - at, L"%ls%lx.%lx.%lx.%lx", i ? L"," : L"",
                         (unsigned long)parent[i][0], (unsigned long)parent[i][1],
                         (unsigned long)parent[i][2], (unsigned long)parent[i][3]);
        if (n < 0)
            return;
        at += (size_t)n;
    }
}

static const char *host_text(enum host_kind kind)
{
    /* One buffer per kind: both texts are arguments of one result line. */
    static char texts[HOST_INSTALL_WIDE + 1][400];
    char *text = texts[kind];
    char shown[MAX_PATH];
    if (is_install(kind))
        install_path_abbreviated(installed_dll(kind), shown, sizeof shown);
    if (kind == HOST_INSTALL) {
        snprintf(text, sizeof texts[0],
                 "in a second process, the notifier loaded from a %u-unit install path %s",
                 (unsigned)wcslen(installed_dll(kind)), shown);
    } else if (kind == HOST_INSTALL_WIDE) {
        snprintf(text, sizeof texts[0],
                 "in a second process, the notifier loaded from an install path with U+%04X "
                 "(outside the ANSI code page) in a folder name, %s",
                 (unsigned)install_wide_char(), shown);
    } else if (kind == HOST_BARE) {
        snprintf(text, sizeof texts[0],
                 "in a second process started as `net use ...` in a job allowing no breakaway "
                 "(as scheduled tasks, services and build agents run), with only SystemRoot, "
                 "windir, SystemDrive and PATH in its environment, in the system directory");
    } else {
        snprintf(text, sizeof texts[0],
                 "in a second process started as `net use ...` from a %u-unit image path, with a "
                 "%u-unit command line, %u-unit current directory and profile folders, non-ASCII, "
                 "a PATH of %u units, a German C locale and a Turkish thread locale",
                 HOST_IMAGE_UNITS, HOST_COMMAND_UNITS, HOST_FOLDER_UNITS - 1, HOST_PATH_UNITS);
    }
    return text;
}

enum { MAX_CHILD_SHAPES = 512 };
static DWORD first[MAX_CHILD_SHAPES][ANSWERS];
static DWORD again[MAX_CHILD_SHAPES][ANSWERS];
static DWORD third[MAX_CHILD_SHAPES][ANSWERS];

/* The answers of every ordinary shape into a. */
static void child_round(DWORD (*a)[ANSWERS], unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        if (shape_at(i)->ordinary)
            answers_take(shape_at(i), a[i]);
    }
}

/* [design] The host's locale is the host's: a notifier that parses numbers
 * with the C locale's separator or upper-cases names with the thread's
 * locale answers differently under another one. */
static void set_host_locales(int localized, LCID default_locale)
{
    setlocale(LC_ALL, localized ? "German_Germany.1252" : "C");
    SetThreadLocale(localized
                        ? MAKELCID(MAKELANGID(LANG_TURKISH, SUBLANG_TURKISH_TURKEY), SORT_DEFAULT)
                        : default_locale);
}

/* Shape i asked under the other locales again, after the default rounds: its answer as in the
 * first round shows the locale; the default rounds' answer shows what the calls before did (a
 * limit of the rate of calls), not the locale. */
static int locale_answers_again(unsigned i, int which, LCID default_locale)
{
    DWORD now[ANSWERS];
    set_host_locales(1, default_locale);
    answers_take(shape_at(i), now);
    set_host_locales(0, default_locale);
    return now[which] == first[i][which];
}

static void compare_locales(unsigned n, const char *where, LCID default_locale)
{
    for (unsigned i = 0; i < n; i++) {
        int which = answers_differ(first[i], again[i]);
        if (!shape_at(i)->ordinary || which < 0 || answers_differ(again[i], third[i]) >= 0)
            continue;
        if (!locale_answers_again(i, which, default_locale))
            continue;
        char was[80];
        char now[80];
        result_bad("host.identity",
                   "answers change with the host's locale: for (%s) %s under a German C locale "
                   "and a Turkish thread locale and %s in the default one, %s: compare names "
                   "ordinally (CompareStringOrdinal) and parse numbers with a fixed locale",
                   shape_at(i)->label, answer_text(which, first[i][which], was, sizeof was),
                   answer_text(which, again[i][which], now, sizeof now), where);
        return;
    }
}

/* [design] A second process loads the notifier while the first has it: an
 * object with a fixed name it makes once per process (a pipe instance, a
 * mutex it must own, a file it locks) fails there. */
/* Shape i asked as the first call of a new load in this process: an answer other than the one
 * after this load's other calls (a[i]) shows that those calls made it (a limit of the rate of
 * calls), not being a second process. 1 when it answers as a[i]. */
static int new_load_agrees(const DWORD a[ANSWERS], unsigned i, int which)
{
    DWORD now[ANSWERS];
    if (!reload_notifier())
        return 1;
    answers_take(shape_at(i), now);
    return now[which] == a[which];
}

static void compare_parent(DWORD (*a)[ANSWERS], unsigned n, const char *where)
{
    for (unsigned i = 0; i < n && i < PARENT_SHAPES; i++) {
        int which = parent_known[i] ? answers_differ(parent[i], a[i]) : -1;
        if (!shape_at(i)->ordinary || which < 0 || !new_load_agrees(a[i], i, which))
            continue;
        char was[80];
        char now[80];
        answer_text(which, parent[i][which], was, sizeof was);
        answer_text(which, a[i][which], now, sizeof now);
        if (!is_install(child_kind)) {
            result_bad("host.identity",
                       "answers differ in a second process while the first has the notifier "
                       "loaded: for (%s) %s in the first process and %s %s: an object with a "
                       "fixed name made once per process (a pipe, a mutex, a locked file) is the "
                       "first one's",
                       shape_at(i)->label, was, now, where);
            return;
        }
        /* [design] Installed under a long or non-ANSI path (install_copy.h),
         * the same answers. The condition first: the text has 400 bytes. */
        result_bad("host.identity",
                   "answers differ %s: %s in the first process and %s there: %s; for (%s)", where,
                   was, now,
                   child_kind == HOST_INSTALL
                       ? "a path beside the DLL built in a MAX_PATH buffer is cut or overruns"
                       : "GetModuleFileNameA or CreateFileA have '?' for that character",
                   shape_at(i)->label);
        return;
    }
}

/* The install child loads the copy once before load_notifier (which then
 * only counts it again): a copy that does not load there is this check's
 * failure, not a LOADERROR that stops every later case. DllMain runs once,
 * as in a host, before the driver's hooks are in. */
static int load_installed(const char *where)
{
    set_crash_context(LOAD_STEP " %s", where);
    HMODULE m = LoadLibraryW(cf.dll);
    DWORD err = GetLastError();
    clear_crash_context();
    if (m)
        return 1;
    result_bad("host.identity",
               "the notifier does not load (error %lu) %s, where it loads from its build "
               "folder: its DllMain failed on its own path (a MAX_PATH buffer, a file "
               "beside it it did not find) or a DLL it imports is missing there",
               (unsigned long)err, where);
    return 0;
}

/* A child: every input shape of ordinary names (the long and surrogate ones
 * are the drive cases'); the identity child first under other locales. */
static void host_child(void)
{
    const char *where = host_text(child_kind);
    int localized = child_kind == HOST_IDENTITY;
    LCID thread_locale = GetThreadLocale();
    HWND console = GetConsoleWindow();
    calls_note(where);
    if (localized)
        set_host_locales(1, thread_locale);
    if (is_install(child_kind) && !load_installed(where))
        ExitProcess(1);
    if (!load_notifier())
        return;
    unsigned n_shapes = shapes_init();
    if (n_shapes > MAX_CHILD_SHAPES)
        n_shapes = MAX_CHILD_SHAPES;
    announce_step("every input shape of ordinary names %s", where);
    child_round(first, n_shapes);
    if (localized) {
        set_host_locales(0, thread_locale);
        announce_step("every input shape of ordinary names again in the default locale, twice");
        child_round(again, n_shapes);
        child_round(third, n_shapes);
        compare_locales(n_shapes, where, thread_locale);
    }
    if (!violation_of("host.identity"))
        compare_parent(localized ? again : first, n_shapes, where);
    if (console && !GetConsoleWindow()) {
        result_bad("host.identity",
                   "the process lost its console during the calls %s (FreeConsole): a console "
                   "program such as net use has no window and no console output any more",
                   where);
    }
    if (!heaps_valid()) {
        result_bad("host.identity",
                   "a process heap fails HeapValidate after the calls %s: the notifier wrote "
                   "outside a heap block (a buffer sized for a shorter path, command line or "
                   "value)",
                   where);
    }
    /* A verdict of its own: the parent must not add its pass. */
    if (violation_of("host.identity"))
        ExitProcess(1);
}

/* SystemRoot, windir, SystemDrive and PATH of this process, nothing else. */
static int bare_environment(WCHAR *block, size_t cap)
{
    static const WCHAR *const keep[] = {L"SystemRoot", L"windir", L"SystemDrive", L"PATH"};
    size_t at = 0;
    for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++) {
        WCHAR value[1024];
        DWORD n = GetEnvironmentVariableW(keep[i], value, 1024);
        if (!n || n >= 1024)
            continue;
        int w = swprintf(block + at, cap - at - 1, L"%ls=%ls", keep[i], value);
        if (w < 0)
            return 0;
        at += (size_t)w + 1;
    }
    block[at] = 0;
    return at > 0;
}

/* As typed in cmd: no path, no quotes. */
static const WCHAR net_use[] = L"net use Y: \\\\server\\share /persistent:no";

static int start_child(enum host_kind kind, struct host_identity *h, PROCESS_INFORMATION *pi)
{
    WCHAR args[MAX_PATH + 512];
    swprintf(args, sizeof args / sizeof args[0],
             L"--host-child %ls --host-answers %ls host \"%ls\"",
             kind == HOST_BARE           ? L"bare"
             : kind == HOST_INSTALL      ? L"install"
             : kind == HOST_INSTALL_WIDE ? L"install-wide"
                                         : L"identity",
             parent_answers, is_install(kind) ? copy_of(kind)->dll : cf.dll);
    if (is_install(kind))
        return child_start(NULL, NULL, args, NULL, NULL, NULL, pi);
    if (kind == HOST_IDENTITY) {
        if (!host_identity_make(h, net_use))
            return 0;
        child_next_with_console();
        return child_start(h->image, h->command, args, NULL, h->environment, h->folder, pi);
    }
    static WCHAR env[4096];
    WCHAR system[MAX_PATH];
    if (!bare_environment(env, sizeof env / sizeof env[0]) ||
        !GetSystemDirectoryW(system, MAX_PATH))
        return 0;
    /* A job without JOB_OBJECT_LIMIT_BREAKAWAY_OK: CreateProcess with
     * CREATE_BREAKAWAY_FROM_JOB fails there [doc]. Closed once the child
     * runs: the job lives on with its process. */
    HANDLE job = CreateJobObjectW(NULL, NULL);
    child_next_in_job(job);
    int started = child_start(NULL, net_use, args, NULL, env, system, pi);
    DWORD err = GetLastError();
    if (job)
        CloseHandle(job);
    SetLastError(err);
    return started;
}

/* Install children not run: the notifier's file name leaves no room
 * below Program Files for a 259-unit path; the ANSI code page is UTF-8. */
static int install_too_long;
static int ansi_holds_all;

static unsigned file_name_units(const WCHAR *path)
{
    const WCHAR *slash = wcsrchr(path, L'\\');
    return (unsigned)wcslen(slash ? slash + 1 : path);
}

/* What the child's start made, also when it crashed or hung. */
static void remove_made(struct host_identity *h)
{
    host_identity_remove(h);
    install_copy_remove(&install_long);
    install_copy_remove(&install_wide);
}

/* Runs one child to its end; 1 if it ended well (no verdict of its own). */
static int run_child(enum host_kind kind)
{
    struct host_identity h = {0};
    PROCESS_INFORMATION pi;
    /* The copy first: the texts name its path. */
    struct install_copy *copy = is_install(kind) ? copy_of(kind) : NULL;
    enum install_layout layout = kind == HOST_INSTALL_WIDE ? INSTALL_WIDE : INSTALL_LONG;
    int copied = !copy || install_copy_make(copy, cf.dll, layout);
    DWORD err = GetLastError();
    if (!copied && (err == ERROR_FILENAME_EXCED_RANGE || err == ERROR_NO_UNICODE_TRANSLATION)) {
        /* Said in the pass text. */
        install_too_long |= err == ERROR_FILENAME_EXCED_RANGE;
        ansi_holds_all |= err == ERROR_NO_UNICODE_TRANSLATION;
        remove_made(&h);
        return 1;
    }
    if (!copied) {
        result("host.identity", "notjudged",
               "the notifier's copy below %%ProgramFiles%% (or %%LOCALAPPDATA%%\\Programs) for "
               "an install child could not be made (error %lu)",
               (unsigned long)err);
        remove_made(&h);
        return 0;
    }
    const char *where = host_text(kind);
    announce_step("a child %s loads the notifier and calls every input shape of ordinary names",
                  where);
    if (copy) {
        metric("host_install_copy", "%u units, %u DLL(s), %u other file(s)", copy->units,
               copy->dlls, copy->others);
    }
    int started = start_child(kind, &h, &pi);
    if (!started) {
        /* Measured: CreateProcess of the install-wide child failed once with error 1359 on a
         * loaded machine, and not again. Once more, with what the first try made removed. */
        host_identity_remove(&h);
        memset(&h, 0, sizeof h);
        Sleep(500);
        started = start_child(kind, &h, &pi);
    }
    if (!started) {
        result("host.identity", "notjudged",
               "the child %s could not be made or started (error %lu)", where, GetLastError());
        remove_made(&h);
        return 0;
    }
    DWORD code = 0;
    int ended = child_wait(&pi, CHILD_LIMIT_MS, &code);
    remove_made(&h);
    if (!ended) {
        result("host.identity", "fail",
               "the child %s did not finish its calls within %u s (no single call hung: they are "
               "slow there)",
               where, CHILD_LIMIT_MS / 1000);
        return 0;
    }
    child_end_as(code);
    return 1;
}

void case_host(void)
{
    if (child_kind != HOST_NONE) {
        host_child();
        return;
    }
    /* The first process: loaded and called, and it stays so. */
    if (!load_notifier())
        return;
    shapes_init();
    parent_answer_text(parent_answers, sizeof parent_answers / sizeof parent_answers[0]);
    if (!run_child(HOST_IDENTITY) || !run_child(HOST_BARE))
        return;
    if (!run_child(HOST_INSTALL) || !run_child(HOST_INSTALL_WIDE))
        return;
    char installed[480];
    if (install_too_long) {
        snprintf(installed, sizeof installed,
                 "none loaded it from a 259-unit install path: its %u-unit file name leaves no "
                 "room for the folders below %%ProgramFiles%%",
                 file_name_units(cf.dll));
    } else {
        snprintf(installed, sizeof installed, "%s (with %u DLL(s) and %u other file(s) beside it)",
                 host_text(HOST_INSTALL), install_long.dlls - 1, install_long.others);
    }
    char wide[480];
    if (ansi_holds_all) {
        snprintf(wide, sizeof wide,
                 "none from a folder name outside the ANSI code page: code page %u holds "
                 "U+03A9, U+0416 and U+4E2D",
                 GetACP());
    } else {
        snprintf(wide, sizeof wide, "%s", host_text(HOST_INSTALL_WIDE));
    }
    static const char *const counts[] = {"two", "three", "four"};
    result("host.identity", "pass",
           "every input shape of ordinary names in %s more processes while this one had the "
           "notifier loaded: %s (%s); %s; %s; %s: no crash, hang or exit, and the answers of the "
           "first process, also under those locales",
           counts[!install_too_long + !ansi_holds_all], host_text(HOST_IDENTITY),
           host_identity_variables(), host_text(HOST_BARE), installed, wide);
}
