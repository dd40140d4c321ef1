/* connotify_notifier.dll: the reference connection notifier.
 * MPR loads it from HKLM\SYSTEM\CurrentControlSet\Control\NetworkProvider\
 * Notifyees and calls AddConnectNotify/CancelConnectNotify by name [doc].
 * All logic is in the portable core (notify_core.h); this file binds it to
 * Win32: configuration, the log sink and the shared stats section. What the
 * sink refuses to open is in sink_checks.c. */
#include <windows.h>
#include <npapi.h>
#include <stdatomic.h>
#include <stdio.h>

#include "connotify/filetime.h"
#include "connotify/notify_core.h"
#include "notifier_stats.h"
#include "sink_checks.h"

/* The core mirror must be the layout MPR passes [doc]. */
_Static_assert(sizeof(NOTIFYINFO) == sizeof(cn_notifyinfo), "NOTIFYINFO");
_Static_assert(offsetof(NOTIFYINFO, lpContext) == offsetof(cn_notifyinfo, lpContext), "lpContext");
_Static_assert(sizeof(NOTIFYADD) == sizeof(cn_notifyadd), "NOTIFYADD");
_Static_assert(offsetof(NOTIFYADD, NetResource) == offsetof(cn_notifyadd, NetResource), "NetResource");
_Static_assert(offsetof(NOTIFYADD, dwAddFlags) == offsetof(cn_notifyadd, dwAddFlags), "dwAddFlags");
_Static_assert(sizeof(NOTIFYCANCEL) == sizeof(cn_notifycancel), "NOTIFYCANCEL");
_Static_assert(offsetof(NOTIFYCANCEL, fForce) == offsetof(cn_notifycancel, fForce), "fForce");
_Static_assert(sizeof(WCHAR) == sizeof(cn_wchar), "WCHAR");

/* [design] A failed open is retried at most once per this many ms. */
#define LOG_RETRY_MS 1000u
/* [design] Longest wait for another writer before a record is dropped. */
#define LOG_LOCK_MS 2000u

static struct {
    INIT_ONCE once;
    cn_notifier core;
    cn_platform platform;
    cn_stats *stats;        /* the shared section, or `local_stats` */
    cn_stats local_stats;   /* used when the section cannot be created */
    HANDLE section;
    WCHAR *path;            /* expanded LogPath; NULL: not configured */
    _Atomic(HANDLE) log;    /* NULL until opened */
    HANDLE log_mutex;       /* one per log file, shared by processes; or NULL */
    SRWLOCK open_lock;      /* serialises (re)open attempts */
    SRWLOCK write_lock;     /* one writer per process at a time */
    ULONGLONG last_try;     /* GetTickCount64 of the last open attempt */
    PSID acl_self;          /* NULL, or `self`: the DACL rule applies */
    BYTE self[SECURITY_MAX_SID_SIZE]; /* the process token's user */
} g; /* zero: INIT_ONCE_STATIC_INIT, no log, no stats */

static uint32_t plat_pid(void) { return GetCurrentProcessId(); }
static uint32_t plat_tid(void) { return GetCurrentThreadId(); }

static uint64_t plat_now_ms(void)
{
    return cn_now_unix_ms();
}

/* Raises a shared counter to at least v (counters only grow). */
static void stats_raise(volatile int64_t *c, int64_t v)
{
    int64_t old = *c;

    while (old < v) {
        int64_t seen = InterlockedCompareExchange64((volatile LONG64 *)c, v, old);
        if (seen == old)
            break;
        old = seen;
    }
}

static void stats_failed(volatile int64_t *counter, DWORD err)
{
    InterlockedIncrement64((volatile LONG64 *)counter);
    g.stats->last_error = err;
}

/* [wine] Wine 8.0 does not make FILE_APPEND_DATA writes atomic: 8 threads
 * x 2000 appends of 80 bytes lost ~10% of the records and tore others,
 * through one shared handle and through one handle per thread alike.
 * Writers therefore also take a mutex named after the file's identity
 * (volume serial and file index, so that any spelling of the path maps
 * to it), shared by every process that logs to that file. */
static HANDLE create_log_mutex(const BY_HANDLE_FILE_INFORMATION *fi)
{
    WCHAR name[80];

    _snwprintf(name, 80, L"Local\\connotify-log-%08lx-%08lx%08lx",
               fi->dwVolumeSerialNumber, fi->nFileIndexHigh, fi->nFileIndexLow);
    name[79] = 0;
    return CreateMutexW(NULL, FALSE, name);
}

/* A refused open: counted, with its reason; retried like a failed one. */
static HANDLE refuse(uint32_t why, uint32_t detail)
{
    InterlockedIncrement64((volatile LONG64 *)&g.stats->refusals);
    g.stats->refusal = why;
    g.stats->refusal_detail = detail;
    g.stats->log_state = CN_LOG_REFUSED;
    return NULL;
}

static HANDLE open_failed(DWORD err)
{
    stats_failed(&g.stats->open_failures, err);
    g.stats->log_state = CN_LOG_FAILING;
    return NULL;
}

/* Opens LogPath for appending. Caller holds open_lock exclusively. */
static HANDLE open_log(void)
{
    BY_HANDLE_FILE_INFORMATION fi;
    uint32_t why, detail;
    DWORD err;
    HANDLE h;

    g.last_try = GetTickCount64();
    if ((why = sink_check_path(g.path, g.acl_self, &detail)))
        return why == UINT32_MAX ? open_failed(GetLastError()) : refuse(why, detail);
    /* [design] FILE_APPEND_DATA without FILE_WRITE_DATA: every WriteFile
     * appends at the end of file (atomically on Windows; see
     * create_log_mutex for Wine). Full sharing: readers, other writers and
     * rotation (delete/rename) never fail because of us. A reparse point
     * is opened itself, never followed, so that it can be refused. */
    h = CreateFileW(g.path, FILE_APPEND_DATA | SYNCHRONIZE | (g.acl_self ? READ_CONTROL : 0),
                    FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL, OPEN_ALWAYS,
                    FILE_ATTRIBUTE_NORMAL | FILE_FLAG_OPEN_REPARSE_POINT, NULL);
    if (h == INVALID_HANDLE_VALUE)
        return open_failed(GetLastError());
    why = sink_check_file(h, g.acl_self, &fi, &detail);
    if (why) {
        err = GetLastError();
        CloseHandle(h);
        return why == UINT32_MAX ? open_failed(err) : refuse(why, detail);
    }
    g.log_mutex = create_log_mutex(&fi);
    atomic_store(&g.log, h);
    g.stats->log_state = CN_LOG_OPEN;
    return h;
}

static HANDLE get_log(void)
{
    HANDLE h = atomic_load(&g.log);

    if (h || !g.path)
        return h;
    AcquireSRWLockExclusive(&g.open_lock);
    h = atomic_load(&g.log);
    if (!h && GetTickCount64() - g.last_try >= LOG_RETRY_MS)
        h = open_log();
    ReleaseSRWLockExclusive(&g.open_lock);
    return h;
}

/* One record, one WriteFile, under both locks. Returns 0 or an error. */
static DWORD append(HANDLE h, const char *line, size_t len)
{
    DWORD done = 0, err = 0, w = WAIT_OBJECT_0;

    if (len > MAXDWORD)
        return ERROR_INVALID_PARAMETER;
    AcquireSRWLockExclusive(&g.write_lock);
    if (g.log_mutex)
        w = WaitForSingleObject(g.log_mutex, LOG_LOCK_MS);
    /* WAIT_ABANDONED: a writer died holding it; its record was one call. */
    if (w != WAIT_OBJECT_0 && w != WAIT_ABANDONED)
        err = w == WAIT_TIMEOUT ? ERROR_TIMEOUT : GetLastError();
    else if (!WriteFile(h, line, (DWORD)len, &done, NULL))
        err = GetLastError();
    else if (done != len)
        err = ERROR_HANDLE_DISK_FULL;
    if (g.log_mutex && (w == WAIT_OBJECT_0 || w == WAIT_ABANDONED))
        ReleaseMutex(g.log_mutex);
    ReleaseSRWLockExclusive(&g.write_lock);
    return err;
}

/* [design] A sink failure is counted, never reported to MPR: the
 * notifier returns WN_SUCCESS whatever happens to its log. */
static int plat_sink(void *arg, const char *line, size_t len)
{
    HANDLE h = get_log();
    DWORD err;

    (void)arg;
    if (!h) {
        InterlockedIncrement64((volatile LONG64 *)&g.stats->sink_failures);
        return 1;
    }
    if ((err = append(h, line, len))) {
        stats_failed(&g.stats->write_failures, err);
        InterlockedIncrement64((volatile LONG64 *)&g.stats->sink_failures);
        return 1;
    }
    InterlockedIncrement64((volatile LONG64 *)&g.stats->written);
    return 0;
}

/* Reads HKLM\SOFTWARE\connotify LogPath (REG_EXPAND_SZ or REG_SZ) and
 * expands it. [design] The 64-bit registry view, so that i686 and x86_64
 * notifiers on one machine share one configuration. */
static WCHAR *read_log_path(void)
{
    HKEY key;
    DWORD type, size = 0, n;
    WCHAR *raw = NULL, *out = NULL;

    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"SOFTWARE\\connotify", 0,
                      KEY_QUERY_VALUE | KEY_WOW64_64KEY, &key) != ERROR_SUCCESS)
        return NULL;
    if (RegQueryValueExW(key, L"LogPath", NULL, &type, NULL, &size) == ERROR_SUCCESS
        && (type == REG_EXPAND_SZ || type == REG_SZ) && size >= sizeof(WCHAR)
        && size < 0x10000u * sizeof(WCHAR)
        && (raw = HeapAlloc(GetProcessHeap(), HEAP_ZERO_MEMORY, size + sizeof(WCHAR)))
        && RegQueryValueExW(key, L"LogPath", NULL, &type, (BYTE *)raw, &size) == ERROR_SUCCESS
        && raw[0]) {
        /* The value may lack its NUL: the buffer has one extra, zeroed. */
        n = ExpandEnvironmentStringsW(raw, NULL, 0);
        if (n && (out = HeapAlloc(GetProcessHeap(), 0, n * sizeof(WCHAR)))
            && ExpandEnvironmentStringsW(raw, out, n) != n) {
            HeapFree(GetProcessHeap(), 0, out);
            out = NULL;
        }
    }
    if (raw)
        HeapFree(GetProcessHeap(), 0, raw);
    RegCloseKey(key);
    return out;
}

/* [design] HKLM\SOFTWARE\connotify CheckAcl (REG_DWORD) nonzero: the DACL
 * rule applies in every process, not only in service accounts'. */
static int read_check_acl(void)
{
    DWORD value = 0, size = sizeof(value), type;
    HKEY key;

    if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"SOFTWARE\\connotify", 0,
                      KEY_QUERY_VALUE | KEY_WOW64_64KEY, &key) != ERROR_SUCCESS)
        return 0;
    if (RegQueryValueExW(key, L"CheckAcl", NULL, &type, (BYTE *)&value, &size) != ERROR_SUCCESS
        || type != REG_DWORD || size != sizeof(value))
        value = 0;
    RegCloseKey(key);
    return value != 0;
}

/* [design] Running as LocalSystem, LocalService or NetworkService, the
 * sink refuses a log or folder that non-administrators can write. A token
 * that cannot be read counts as a service, with LocalSystem as `self`. */
static void init_acl_rule(void)
{
    int service = sink_process_identity(g.self);

    if (service < 0) {
        DWORD n = sizeof(g.self);
        CreateWellKnownSid(WinLocalSystemSid, NULL, g.self, &n);
    }
    if (service != 0 || read_check_acl())
        g.acl_self = (PSID)g.self;
}

static void create_stats(void)
{
    WCHAR name[64];

    g.stats = &g.local_stats;
    _snwprintf(name, 64, CN_STATS_NAME_FMT, (unsigned long)GetCurrentProcessId());
    name[63] = 0;
    g.section = CreateFileMappingW(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0,
                                   sizeof(cn_stats), name);
    if (!g.section)
        return;
    /* An existing section (a reader holds it across a reload) keeps its
     * counts; a new one is zero-filled. */
    cn_stats *s = MapViewOfFile(g.section, FILE_MAP_WRITE, 0, 0, sizeof(cn_stats));
    if (!s) {
        CloseHandle(g.section);
        g.section = NULL;
        return;
    }
    s->size = sizeof(cn_stats);
    s->version = CN_STATS_VERSION;
    g.stats = s;
}

static BOOL CALLBACK init_once(INIT_ONCE *once, void *param, void **ctx)
{
    (void)once; (void)param; (void)ctx;
    create_stats();
    g.platform.pid = plat_pid;
    g.platform.tid = plat_tid;
    g.platform.now_ms = plat_now_ms;
    g.platform.sink = plat_sink;
    g.platform.sink_arg = NULL;
    cn_notifier_init(&g.core, &g.platform);
    InitializeSRWLock(&g.open_lock);
    InitializeSRWLock(&g.write_lock);
    g.path = read_log_path();
    g.stats->log_state = CN_LOG_UNCONFIGURED;
    if (g.path) {
        init_acl_rule();
        open_log();
    }
    return TRUE;
}

static void publish(void)
{
    InterlockedIncrement64((volatile LONG64 *)&g.stats->calls);
    stats_raise(&g.stats->dropped, (int64_t)atomic_load(&g.core.pool.dropped));
    stats_raise(&g.stats->rejected, (int64_t)atomic_load(&g.core.pool.rejected));
    stats_raise(&g.stats->invalid, (int64_t)atomic_load(&g.core.invalid));
}

/* The caller's last error is left as found: a callback runs inside the
 * caller's WNet call [design]. */
DWORD WINAPI AddConnectNotify(LPNOTIFYINFO info, LPNOTIFYADD add)
{
    DWORD err = GetLastError();
    DWORD ret;

    InitOnceExecuteOnce(&g.once, init_once, NULL, NULL);
    ret = cn_on_add(&g.core, (cn_notifyinfo *)info, (const cn_notifyadd *)add, CN_NAME_MAX);
    publish();
    SetLastError(err);
    return ret;
}

DWORD WINAPI CancelConnectNotify(LPNOTIFYINFO info, LPNOTIFYCANCEL cancel)
{
    DWORD err = GetLastError();
    DWORD ret;

    InitOnceExecuteOnce(&g.once, init_once, NULL, NULL);
    ret = cn_on_cancel(&g.core, (cn_notifyinfo *)info, (const cn_notifycancel *)cancel,
                       CN_NAME_MAX);
    publish();
    SetLastError(err);
    return ret;
}

BOOL WINAPI DllMain(HINSTANCE inst, DWORD reason, void *reserved)
{
    /* Loader lock held: no loading, no waiting, no threads (Microsoft "DLL
     * best practices"); the work happens in init_once on the first call. */
    if (reason == DLL_PROCESS_ATTACH) {
        DisableThreadLibraryCalls(inst);
    } else if (reason == DLL_PROCESS_DETACH && !reserved) {
        /* FreeLibrary: release what init_once took, so a reload leaks
         * nothing. At process exit (reserved != NULL) do nothing. */
        HANDLE h = atomic_load(&g.log);
        if (h)
            CloseHandle(h);
        if (g.log_mutex)
            CloseHandle(g.log_mutex);
        if (g.stats && g.stats != &g.local_stats)
            UnmapViewOfFile(g.stats);
        if (g.section)
            CloseHandle(g.section);
        if (g.path)
            HeapFree(GetProcessHeap(), 0, g.path);
    }
    return TRUE;
}
