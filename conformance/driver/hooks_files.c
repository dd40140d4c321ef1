/* File opens of the notifier (see hooks_files.h). A notifier runs inside
 * every process that maps a drive, with that process's current directory and
 * privileges: a relative path lands wherever the host runs (also inside a
 * source checkout) and reads what anyone planted there [design]. */
#include "hooks_files.h"

#include "conform.h"
#include "crash.h"
#include "folders.h"
#include "handle_list.h"
#include "hook_reals.h"
#include "hooks_faults.h"
#include "hooks_netpaths.h"
#include "hooks_objects.h"
#include "install_folders.h"
#include "measure.h"
#include "out.h"
#include "pipe_client.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <wchar.h>

#define MAX_FILES 32
#define SCAN_CAP  (8u << 20)

static struct {
    WCHAR path[MAX_PATH];
    LONGLONG mark;
} written[MAX_FILES];
static volatile LONG n_written;
static HMODULE crts[4];
static SRWLOCK lock = SRWLOCK_INIT;

unsigned files_written(void)
{
    return (unsigned)n_written;
}

const WCHAR *files_written_at(unsigned i)
{
    return i < (unsigned)n_written ? written[i].path : NULL;
}

/* ---- paths ---- */

/* Device names are never looked up in the current directory [doc]. */
static int is_device_name(const WCHAR *p)
{
    static const WCHAR *const devs[] = {L"CON", L"NUL", L"PRN", L"AUX", L"CONIN$", L"CONOUT$"};
    for (size_t i = 0; i < sizeof devs / sizeof devs[0]; i++) {
        if (!_wcsicmp(p, devs[i]))
            return 1;
    }
    return (!_wcsnicmp(p, L"COM", 3) || !_wcsnicmp(p, L"LPT", 3)) && p[3] >= '1' && p[3] <= '9' &&
           !p[4];
}

static void track(const WCHAR *full)
{
    AcquireSRWLockExclusive(&lock);
    LONG n = n_written;
    int known = 0;
    for (LONG i = 0; i < n && !known; i++)
        known = !_wcsicmp(written[i].path, full);
    if (!known && n < MAX_FILES) {
        wcsncpy(written[n].path, full, MAX_PATH - 1);
        written[n].mark = 0;
        InterlockedExchange(&n_written, n + 1);
    }
    ReleaseSRWLockExclusive(&lock);
}

/* ---- paths built from a caller's name with its ".." ---- */

static WCHAR traversal_marker[32];
static char traversal_seen[600];

void files_traversal_arm(const WCHAR *marker)
{
    wcsncpy(traversal_marker, marker, sizeof traversal_marker / sizeof traversal_marker[0] - 1);
}

const char *files_traversal_seen(void)
{
    return traversal_seen;
}

/* 1 when path has a ".." component (between separators or at an end). */
static int has_dotdot_component(const WCHAR *path)
{
    for (const WCHAR *p = wcsstr(path, L".."); p; p = wcsstr(p + 1, L"..")) {
        int starts = p == path || p[-1] == '\\' || p[-1] == '/';
        int ends = !p[2] || p[2] == '\\' || p[2] == '/';
        if (starts && ends)
            return 1;
    }
    return 0;
}

static int holds_marker(const WCHAR *path)
{
    size_t n = wcslen(traversal_marker);
    for (const WCHAR *p = path; n && *p; p++) {
        if (!_wcsnicmp(p, traversal_marker, n))
            return 1;
    }
    return 0;
}

static void note_traversal(const char *fn, const WCHAR *path, const WCHAR *full)
{
    if (!traversal_marker[0] || traversal_seen[0] || !holds_marker(path) ||
        !has_dotdot_component(path))
        return;
    snprintf(traversal_seen, sizeof traversal_seen, "%s(\"%.200ls\") -> %.200ls", fn, path, full);
}

/* 1 if full lies in the host program's folder and the notifier is not
 * there too: GetModuleFileName(NULL) names the host, not the notifier. */
static int beside_host(const WCHAR *full)
{
    WCHAR host[MAX_PATH];
    DWORD n = GetModuleFileNameW(NULL, host, MAX_PATH);
    size_t len = n && n < MAX_PATH ? folder_len(host) : 0;
    if (!len || folder_len(full) != len || _wcsnicmp(full, host, len))
        return 0;
    return !cf.dll || folder_len(cf.dll) != len || _wcsnicmp(cf.dll, host, len);
}

/* Judges one open by the notifier: fn the call, path as passed. */
/* What an open is for: note_open's `writes`. */
enum { OPEN_READS = 0, OPEN_WRITES = 1, OPEN_PROBE = 2 };

static void note_open(const char *fn, const WCHAR *path, int writes)
{
    char frame[300];
    WCHAR full[MAX_PATH];
    WCHAR cwd[MAX_PATH];
    if (!path || !path[0])
        return;
    netpaths_judge(fn, path);
    const char *during = hook_context();
    notifier_frame(NULL, frame, sizeof frame);
    if (!path_is_full(path) && !is_device_name(path)) {
        if (!GetCurrentDirectoryW(MAX_PATH, cwd))
            wcscpy(cwd, L"?");
        result_bad("files.paths",
                   "%s(\"%.120ls\"%s) during %s%s%s: a relative path, resolved "
                   "against the host process's current directory (%.120ls here): the file "
                   "follows whatever directory the caller runs in",
                   fn, path, writes == OPEN_WRITES ? ", for writing" : "", during,
                   frame[0] ? "; notifier frame " : "", frame, cwd);
    }
    if (is_device_name(path))
        return;
    DWORD len = GetFullPathNameW(path, MAX_PATH, full, NULL);
    if (!len || len >= MAX_PATH)
        return;
    /* Where the deployment told it to write (the reference's LogPath) is
     * the administrator's choice, not the notifier's. */
    int configured = cf.configured_file && !_wcsicmp(full, cf.configured_file);
    if (!configured && beside_host(full) && !violation_of("files.paths"))
        result_bad("files.paths",
                   "%s(\"%.160ls\"%s) during %s%s%s: a file beside the host program, not "
                   "beside the notifier: GetModuleFileName(NULL) names the program that maps "
                   "the drive (any program), GetModuleFileName of the notifier's own HMODULE "
                   "names the notifier",
                   fn, full, writes == OPEN_WRITES ? ", for writing" : "", during,
                   frame[0] ? "; notifier frame " : "", frame);
    const WCHAR *shared = configured ? NULL : folder_everyone_writes(full);
    if (shared) {
        result_bad("files.shared",
                   "%s(\"%.160ls\"%s) during %s%s%s: under %.80ls, a folder "
                   "every user can write; a notifier runs in every process, services too",
                   fn, full, writes == OPEN_WRITES ? ", for writing" : "", during,
                   frame[0] ? "; notifier frame " : "", frame, shared);
    }
    if (writes == OPEN_WRITES) {
        note_traversal(fn, path, full);
        install_folder_ensure(full);
        track(full);
    } else if (writes == OPEN_READS) {
        install_file_ensure(full);
    }
}

static void note_open_a(const char *fn, const char *path, int writes)
{
    WCHAR w[MAX_PATH];
    if (!path)
        return;
    if (!MultiByteToWideChar(CP_ACP, 0, path, -1, w, MAX_PATH))
        w[0] = 0;
    w[MAX_PATH - 1] = 0;
    note_open(fn, w, writes);
}

/* OPEN_PROBE: neither reads nor writes data (attributes, existence). */
static int access_writes(DWORD access, DWORD disp)
{
    const DWORD w = GENERIC_WRITE | GENERIC_ALL | FILE_WRITE_DATA | FILE_APPEND_DATA;
    const DWORD r = GENERIC_READ | GENERIC_ALL | FILE_READ_DATA;
    if ((access & w) || disp == CREATE_ALWAYS || disp == CREATE_NEW || disp == TRUNCATE_EXISTING)
        return OPEN_WRITES;
    return (access & r) ? OPEN_READS : OPEN_PROBE;
}

static int mode_writes_w(const wchar_t *m)
{
    return m && (wcschr(m, 'w') || wcschr(m, 'a') || wcschr(m, '+'));
}

static int mode_writes(const char *m)
{
    return m && (strchr(m, 'w') || strchr(m, 'a') || strchr(m, '+'));
}

static int oflag_writes(int o)
{
    return (o & (_O_WRONLY | _O_RDWR | _O_APPEND | _O_CREAT | _O_TRUNC)) != 0;
}

/* The C runtime a CRT wrapper's real function lives in (for files_flush_crt). */
static void note_crt(void *fn)
{
    HMODULE m = NULL;
    if (!fn || !GetModuleHandleExW(GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS |
                                       GET_MODULE_HANDLE_EX_FLAG_UNCHANGED_REFCOUNT,
                                   (LPCWSTR)fn, &m))
        return;
    AcquireSRWLockExclusive(&lock);
    for (int i = 0; i < 4; i++) {
        if (crts[i] == m)
            break;
        if (!crts[i]) {
            crts[i] = m;
            break;
        }
    }
    ReleaseSRWLockExclusive(&lock);
}

static void *real(const char *name)
{
    return hooks_real(name);
}

static char failed_open[400];

const char *files_failed_open(void)
{
    return failed_open;
}

/* Remembers an open that failed (for drive.refuseall's cause). */
static HANDLE opened(HANDLE h, const char *fn, const void *name, int wide)
{
    if (h != INVALID_HANDLE_VALUE || !name)
        return h;
    DWORD err = GetLastError();
    AcquireSRWLockExclusive(&lock);
    if (wide)
        snprintf(failed_open, sizeof failed_open, "%s(\"%.120ls\") failed with error %lu", fn,
                 (const WCHAR *)name, (unsigned long)err);
    else
        snprintf(failed_open, sizeof failed_open, "%s(\"%.120s\") failed with error %lu", fn,
                 (const char *)name, (unsigned long)err);
    ReleaseSRWLockExclusive(&lock);
    SetLastError(err);
    return h;
}

/* ---- wrappers ---- */

/* The error an open answers under the armed fault: access denied
 * (FAULT_FILES), path not found (FAULT_FOLDERS: its folder is gone); 0 none. */
static DWORD refusal(void)
{
    if (fault_now(FAULT_FILES))
        return ERROR_ACCESS_DENIED;
    if (fault_now(FAULT_FOLDERS))
        return ERROR_PATH_NOT_FOUND;
    return 0;
}

/* An open refused with err (faults.resources). */
static HANDLE denied(DWORD err)
{
    SetLastError(err);
    return INVALID_HANDLE_VALUE;
}

/* An exclusive create under FAULT_FILE_EXISTS: the file is there already (a lock file a
 * killed process left, or one another user's process made first). */
static int exists_now(DWORD disp)
{
    if (disp != CREATE_NEW || !fault_now(FAULT_FILE_EXISTS))
        return 0;
    SetLastError(ERROR_FILE_EXISTS);
    return 1;
}

typedef HANDLE(WINAPI *cfw_fn)(LPCWSTR, DWORD, DWORD, LPSECURITY_ATTRIBUTES, DWORD, DWORD, HANDLE);
typedef HANDLE(WINAPI *cfa_fn)(LPCSTR, DWORD, DWORD, LPSECURITY_ATTRIBUTES, DWORD, DWORD, HANDLE);
typedef HANDLE(WINAPI *cf2_fn)(LPCWSTR, DWORD, DWORD, DWORD, void *);

/* [design] An inheritable handle goes to every child process the host
 * starts with inheritance (CreateProcess bInheritHandles): they keep the
 * file open, and locked, after the host closed it. */
static void inheritable(const char *fn, LPSECURITY_ATTRIBUTES sa, HANDLE h, const char *name)
{
    if (!sa || !sa->bInheritHandle || h == INVALID_HANDLE_VALUE)
        return;
    result_bad("state.process",
               "%s(\"%.200s\") made an inheritable handle (bInheritHandle TRUE): every child "
               "process the host starts with inheritance gets it and keeps the file open",
               fn, name);
}

HANDLE WINAPI w_CreateFileW(LPCWSTR name, DWORD access, DWORD share, LPSECURITY_ATTRIBUTES sa,
                            DWORD disp, DWORD flags, HANDLE tmpl)
{
    note_open("CreateFileW", name, access_writes(access, disp));
    DWORD refused = refusal();
    if (refused)
        return denied(refused);
    if (exists_now(disp))
        return INVALID_HANDLE_VALUE;
    pipe_client_judge("CreateFileW", name, flags);
    object_request_file(name);
    HANDLE h = ((cfw_fn)real("CreateFileW"))(name, access, share, sa, disp, flags, tmpl);
    char utf8[MAX_PATH * 3];
    if (sa && sa->bInheritHandle && name &&
        WideCharToMultiByte(CP_UTF8, 0, name, -1, utf8, sizeof utf8, NULL, NULL) > 0)
        inheritable("CreateFileW", sa, h, utf8);
    return opened(h, "CreateFileW", name, 1);
}

HANDLE WINAPI w_CreateFileA(LPCSTR name, DWORD access, DWORD share, LPSECURITY_ATTRIBUTES sa,
                            DWORD disp, DWORD flags, HANDLE tmpl)
{
    note_open_a("CreateFileA", name, access_writes(access, disp));
    DWORD refused = refusal();
    if (refused)
        return denied(refused);
    if (exists_now(disp))
        return INVALID_HANDLE_VALUE;
    WCHAR wide[MAX_PATH];
    if (name && MultiByteToWideChar(CP_ACP, 0, name, -1, wide, MAX_PATH) > 0) {
        pipe_client_judge("CreateFileA", wide, flags);
        object_request_file(wide);
    }
    HANDLE h = ((cfa_fn)real("CreateFileA"))(name, access, share, sa, disp, flags, tmpl);
    inheritable("CreateFileA", sa, h, name ? name : "(null)");
    return opened(h, "CreateFileA", name, 0);
}

HANDLE WINAPI w_CreateFile2(LPCWSTR name, DWORD access, DWORD share, DWORD disp, void *ext)
{
    note_open("CreateFile2", name, access_writes(access, disp));
    DWORD refused = refusal();
    if (refused)
        return denied(refused);
    if (exists_now(disp))
        return INVALID_HANDLE_VALUE;
    HANDLE h = ((cf2_fn)real("CreateFile2"))(name, access, share, disp, ext);
    return opened(h, "CreateFile2", name, 1);
}

typedef FILE *(__cdecl *wfopen_fn)(const wchar_t *, const wchar_t *);
typedef FILE *(__cdecl *fopen_fn)(const char *, const char *);
typedef int(__cdecl *wfopen_s_fn)(FILE **, const wchar_t *, const wchar_t *);
typedef int(__cdecl *fopen_s_fn)(FILE **, const char *, const char *);
typedef FILE *(__cdecl *wfsopen_fn)(const wchar_t *, const wchar_t *, int);
typedef FILE *(__cdecl *fsopen_fn)(const char *, const char *, int);
typedef FILE *(__cdecl *wfreopen_fn)(const wchar_t *, const wchar_t *, FILE *);
typedef FILE *(__cdecl *freopen_fn)(const char *, const char *, FILE *);
typedef int(__cdecl *wopen_fn)(const wchar_t *, int, int);
typedef int(__cdecl *open_fn)(const char *, int, int);
typedef int(__cdecl *wsopen_fn)(const wchar_t *, int, int, int);
typedef int(__cdecl *sopen_fn)(const char *, int, int, int);
typedef int(__cdecl *wsopen_s_fn)(int *, const wchar_t *, int, int, int);
typedef int(__cdecl *sopen_s_fn)(int *, const char *, int, int, int);

/* Opens refused as the CRT refuses them (faults.resources). */
static int crt_errno(DWORD err)
{
    return err == ERROR_PATH_NOT_FOUND ? ENOENT : EACCES;
}

static FILE *crt_denied_stream(DWORD err)
{
    errno = crt_errno(err);
    return NULL;
}

static int crt_denied_s(FILE **fp, DWORD err)
{
    if (fp)
        *fp = NULL;
    return crt_errno(err);
}

static int crt_denied_fd(int *fd, DWORD err)
{
    if (fd)
        *fd = -1;
    errno = crt_errno(err);
    return -1;
}

/* CRT wrappers: judge, remember the CRT, call the real function. */
#define CRT_CALL(name, type, ...) \
    void *f = real(#name);        \
    note_crt(f);                  \
    return ((type)f)(__VA_ARGS__)

FILE *__cdecl w__wfopen(const wchar_t *name, const wchar_t *mode)
{
    note_open("_wfopen", name, mode_writes_w(mode));
    DWORD refused = refusal();
    if (refused)
        return crt_denied_stream(refused);
    CRT_CALL(_wfopen, wfopen_fn, name, mode);
}

FILE *__cdecl w_fopen(const char *name, const char *mode)
{
    note_open_a("fopen", name, mode_writes(mode));
    DWORD refused = refusal();
    if (refused)
        return crt_denied_stream(refused);
    CRT_CALL(fopen, fopen_fn, name, mode);
}

int __cdecl w__wfopen_s(FILE **fp, const wchar_t *name, const wchar_t *mode)
{
    note_open("_wfopen_s", name, mode_writes_w(mode));
    DWORD refused = refusal();
    if (refused)
        return crt_denied_s(fp, refused);
    CRT_CALL(_wfopen_s, wfopen_s_fn, fp, name, mode);
}

int __cdecl w_fopen_s(FILE **fp, const char *name, const char *mode)
{
    note_open_a("fopen_s", name, mode_writes(mode));
    DWORD refused = refusal();
    if (refused)
        return crt_denied_s(fp, refused);
    CRT_CALL(fopen_s, fopen_s_fn, fp, name, mode);
}

FILE *__cdecl w__wfsopen(const wchar_t *name, const wchar_t *mode, int share)
{
    note_open("_wfsopen", name, mode_writes_w(mode));
    DWORD refused = refusal();
    if (refused)
        return crt_denied_stream(refused);
    CRT_CALL(_wfsopen, wfsopen_fn, name, mode, share);
}

FILE *__cdecl w__fsopen(const char *name, const char *mode, int share)
{
    note_open_a("_fsopen", name, mode_writes(mode));
    DWORD refused = refusal();
    if (refused)
        return crt_denied_stream(refused);
    CRT_CALL(_fsopen, fsopen_fn, name, mode, share);
}

FILE *__cdecl w__wfreopen(const wchar_t *name, const wchar_t *mode, FILE *fp)
{
    note_open("_wfreopen", name, mode_writes_w(mode));
    DWORD refused = refusal();
    if (refused)
        return crt_denied_stream(refused);
    CRT_CALL(_wfreopen, wfreopen_fn, name, mode, fp);
}

FILE *__cdecl w_freopen(const char *name, const char *mode, FILE *fp)
{
    note_open_a("freopen", name, mode_writes(mode));
    DWORD refused = refusal();
    if (refused)
        return crt_denied_stream(refused);
    CRT_CALL(freopen, freopen_fn, name, mode, fp);
}

/* The permission argument exists only with _O_CREAT [doc]. */
#define PMODE(last, o)           \
    int pmode = 0;               \
    if ((o)&_O_CREAT) {          \
        va_list ap;              \
        va_start(ap, last);      \
        pmode = va_arg(ap, int); \
        va_end(ap);              \
    }

int __cdecl w__wopen(const wchar_t *name, int oflag, ...)
{
    PMODE(oflag, oflag);
    note_open("_wopen", name, oflag_writes(oflag));
    DWORD refused = refusal();
    if (refused)
        return crt_denied_fd(NULL, refused);
    CRT_CALL(_wopen, wopen_fn, name, oflag, pmode);
}

int __cdecl w__open(const char *name, int oflag, ...)
{
    PMODE(oflag, oflag);
    note_open_a("_open", name, oflag_writes(oflag));
    DWORD refused = refusal();
    if (refused)
        return crt_denied_fd(NULL, refused);
    CRT_CALL(_open, open_fn, name, oflag, pmode);
}

int __cdecl w__wsopen(const wchar_t *name, int oflag, int share, ...)
{
    PMODE(share, oflag);
    note_open("_wsopen", name, oflag_writes(oflag));
    DWORD refused = refusal();
    if (refused)
        return crt_denied_fd(NULL, refused);
    CRT_CALL(_wsopen, wsopen_fn, name, oflag, share, pmode);
}

int __cdecl w__sopen(const char *name, int oflag, int share, ...)
{
    PMODE(share, oflag);
    note_open_a("_sopen", name, oflag_writes(oflag));
    DWORD refused = refusal();
    if (refused)
        return crt_denied_fd(NULL, refused);
    CRT_CALL(_sopen, sopen_fn, name, oflag, share, pmode);
}

int __cdecl w__wsopen_s(int *fd, const wchar_t *name, int oflag, int share, int pmode)
{
    note_open("_wsopen_s", name, oflag_writes(oflag));
    DWORD refused = refusal();
    if (refused) {
        crt_denied_fd(fd, refused);
        return crt_errno(refused);
    }
    CRT_CALL(_wsopen_s, wsopen_s_fn, fd, name, oflag, share, pmode);
}

int __cdecl w__sopen_s(int *fd, const char *name, int oflag, int share, int pmode)
{
    note_open_a("_sopen_s", name, oflag_writes(oflag));
    DWORD refused = refusal();
    if (refused) {
        crt_denied_fd(fd, refused);
        return crt_errno(refused);
    }
    CRT_CALL(_sopen_s, sopen_s_fn, fd, name, oflag, share, pmode);
}

/* ---- reading back what was written ---- */

static LONGLONG file_size(const WCHAR *path)
{
    WIN32_FILE_ATTRIBUTE_DATA a;
    if (!GetFileAttributesExW(path, GetFileExInfoStandard, &a))
        return 0;
    return (LONGLONG)a.nFileSizeHigh << 32 | a.nFileSizeLow;
}

/* Disk-file handles of the process, by slot (measure.h); the handles come from one
 * list of the process's handles (handle_list.h), not a probe of every slot. */
static unsigned char had_handle[HANDLE_SLOTS];

static int disk_handle(HANDLE h)
{
    return GetFileType(h) == FILE_TYPE_DISK;
}

static void note_disk_handle(HANDLE h, void *arg)
{
    unsigned slot = handle_slot(h);
    (void)arg;
    if (slot < HANDLE_SLOTS && disk_handle(h))
        had_handle[slot] = 1;
}

void files_handles_before(void)
{
    memset(had_handle, 0, sizeof had_handle);
    handles_each(note_disk_handle, NULL);
}

/* A file the notifier holds open that no hooked call opened (DllMain opens
 * before the hooks are in place): a new disk handle, by its final path. */
static void adopt_handle(HANDLE h, void *arg)
{
    WCHAR path[MAX_PATH];
    unsigned slot = handle_slot(h);
    (void)arg;
    if (slot >= HANDLE_SLOTS || had_handle[slot] || !disk_handle(h))
        return;
    DWORD n = GetFinalPathNameByHandleW(h, path, MAX_PATH, FILE_NAME_NORMALIZED);
    if (!n || n >= MAX_PATH)
        return;
    const WCHAR *p = path;
    if (!wcsncmp(p, L"\\\\?\\UNC\\", 8)) {
        p += 6;
        path[6] = '\\';
    } else if (!wcsncmp(p, L"\\\\?\\", 4)) {
        p += 4;
    }
    track(p);
}

static void adopt_handles(void)
{
    handles_each(adopt_handle, NULL);
}

void files_mark(void)
{
    adopt_handles();
    files_flush_crt();
    for (unsigned i = 0; i < files_written(); i++)
        written[i].mark = file_size(written[i].path);
}

void files_flush_crt(void)
{
    typedef int(__cdecl * fflush_fn)(FILE *);
    for (int i = 0; i < 4 && crts[i]; i++) {
        fflush_fn f = (fflush_fn)(void *)GetProcAddress(crts[i], "fflush");
        if (f)
            f(NULL);
    }
    fflush(NULL);
}

/* Occurrences of pat (n bytes) in b (len bytes). */
static unsigned count_of(const unsigned char *b, size_t len, const unsigned char *pat, size_t n)
{
    unsigned k = 0;
    for (size_t i = 0; i + n <= len; i++) {
        if (b[i] == pat[0] && !memcmp(b + i, pat, n))
            k++;
    }
    return k;
}

size_t files_encode(const char *s, int wide, unsigned char *out)
{
    size_t n = 0;
    for (; *s; s++) {
        out[n++] = (unsigned char)*s;
        if (wide)
            out[n++] = 0;
    }
    return n;
}

unsigned char *files_read_since(unsigned i, size_t *len, DWORD *err)
{
    HANDLE h = CreateFileW(written[i].path, GENERIC_READ,
                           FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                           OPEN_EXISTING, 0, NULL);
    *len = 0;
    if (h == INVALID_HANDLE_VALUE) {
        *err = GetLastError();
        return NULL;
    }
    LARGE_INTEGER size;
    LARGE_INTEGER at;
    at.QuadPart = written[i].mark;
    unsigned char *b = NULL;
    if (GetFileSizeEx(h, &size) && size.QuadPart > at.QuadPart &&
        SetFilePointerEx(h, at, NULL, FILE_BEGIN)) {
        LONGLONG want = size.QuadPart - at.QuadPart;
        DWORD n = want > SCAN_CAP ? SCAN_CAP : (DWORD)want;
        DWORD got = 0;
        b = HeapAlloc(GetProcessHeap(), 0, n ? n : 1);
        if (b && ReadFile(h, b, n, &got, NULL))
            *len = got;
    }
    CloseHandle(h);
    *err = 0;
    return b;
}

/* What follows the marker in a name sent raw (and the marker again, when marker_again), its
 * name, and the separator whose own use by the log makes it judged (0: always). Each special
 * character of a marked name follows a marker, so that marker + separator counts the ones the
 * names brought. */
static const struct {
    const char *follow;
    int marker_again;
    const char *name;
    char separator;
} raw_forms[] = {
    {"\r", 0, "CR", 0},      {"\n", 0, "LF", 0},       {"|", 0, "'|'", '|'},
    {"\"#", 0, "'\"'", '"'}, {"\t", 1, "a tab", '\t'},
};

unsigned files_scan(const char *marker, struct files_scan *s)
{
    unsigned bad = 0;
    memset(s, 0, sizeof *s);
    files_flush_crt();
    for (unsigned i = 0; i < files_written(); i++) {
        size_t len;
        DWORD err;
        unsigned char *b = files_read_since(i, &len, &err);
        if (err) {
            s->unread++;
            size_t at = strlen(s->unread_why);
            snprintf(s->unread_why + at, sizeof s->unread_why - at, "%s%.120ls (error %lu)",
                     at ? ", " : "", written[i].path, (unsigned long)err);
            continue;
        }
        s->files++;
        char found[120] = "";
        int logged = 0;
        for (int wide = 0; wide < 2; wide++) {
            unsigned char pat[160];
            size_t pn = files_encode(marker, wide, pat);
            logged |= count_of(b, len, pat, pn) > 0;
            for (size_t f = 0; f < sizeof raw_forms / sizeof raw_forms[0]; f++) {
                char m[80];
                snprintf(m, sizeof m, "%s%s%s", marker, raw_forms[f].follow,
                         raw_forms[f].marker_again ? marker : "");
                size_t mn = files_encode(m, wide, pat);
                if (!count_of(b, len, pat, mn))
                    continue;
                char c = raw_forms[f].separator;
                if (c) {
                    /* A separator the names did not bring: the log's own. */
                    unsigned char one[2] = {(unsigned char)c, 0};
                    snprintf(m, sizeof m, "%s%c", marker, c);
                    size_t bn = files_encode(m, wide, pat);
                    if (count_of(b, len, one, wide ? 2 : 1) <= count_of(b, len, pat, bn))
                        continue;
                }
                size_t at = strlen(found);
                snprintf(found + at, sizeof found - at, "%s%s", at ? ", " : "", raw_forms[f].name);
            }
            if (found[0]) {
                size_t at = strlen(found);
                snprintf(found + at, sizeof found - at, " (%s)", wide ? "UTF-16" : "UTF-8");
                break;
            }
        }
        s->logged += logged;
        if (found[0]) {
            size_t at = strlen(s->raw);
            snprintf(s->raw + at, sizeof s->raw - at, "%s%.200ls: raw %s", at ? "; " : "",
                     written[i].path, found);
            bad++;
        }
        if (b)
            HeapFree(GetProcessHeap(), 0, b);
    }
    return bad;
}

/* ---- the current directory ---- */

void files_cwd_list(struct cwd_list *l)
{
    WIN32_FIND_DATAW fd;
    l->n = 0;
    if (!GetCurrentDirectoryW(MAX_PATH, l->dir))
        l->dir[0] = 0;
    HANDLE h = FindFirstFileW(L"*", &fd);
    for (BOOL more = h != INVALID_HANDLE_VALUE; more; more = FindNextFileW(h, &fd)) {
        if (!wcscmp(fd.cFileName, L".") || !wcscmp(fd.cFileName, L".."))
            continue;
        if (l->n < sizeof l->names / sizeof l->names[0]) {
            wcsncpy(l->names[l->n], fd.cFileName, 63);
            l->names[l->n][63] = 0;
            l->n++;
        }
    }
    if (h != INVALID_HANDLE_VALUE)
        FindClose(h);
}

const WCHAR *files_cwd_new(const struct cwd_list *before, struct cwd_list *now)
{
    files_cwd_list(now);
    if (_wcsicmp(before->dir, now->dir))
        return NULL;
    for (unsigned i = 0; i < now->n; i++) {
        unsigned k = 0;
        while (k < before->n && _wcsicmp(before->names[k], now->names[i]))
            k++;
        if (k == before->n)
            return now->names[i];
    }
    return NULL;
}
