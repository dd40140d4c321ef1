/* The log sink opens only a regular file on a local fixed disk [design]:
 * for a named pipe, CON and NUL, device and UNC paths, a relative path, a
 * stream, a missing drive, a character device, a folder, a hard-linked
 * file, a reparse point and (DACL rule) a file or folder that others can
 * write, every call still returns WN_SUCCESS, each record is a sink
 * failure, the refusal is counted with its own reason, and nothing that a
 * careless sink would have created, connected or written was. */
#include "dll_test_util.h"

#include <aclapi.h>
#include <sddl.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include <winioctl.h>

#include "wtest.h"

#define RETRY_WAIT_MS 1100 /* [design] retry interval 1000 ms, plus margin */

static WCHAR dir[MAX_PATH];
static int on_wine;

typedef struct counts { int64_t written, sink_failures, open_failures, refusals; } counts;

static counts snap(void)
{
    const cn_stats *st = dlltest_stats();
    counts c = { 0, 0, 0, 0 };

    if (st) {
        c.written = st->written;
        c.sink_failures = st->sink_failures;
        c.open_failures = st->open_failures;
        c.refusals = st->refusals;
    }
    return c;
}

static void in_dir(WCHAR *out, const WCHAR *name)
{
    _snwprintf(out, MAX_PATH, L"%ls\\%ls", dir, name);
    out[MAX_PATH - 1] = 0;
}

static int exists(const WCHAR *path)
{
    return GetFileAttributesW(path) != INVALID_FILE_ATTRIBUTES;
}

/* LogPath = path, one load, one add PRE+POST: both calls are sink
 * failures, one open attempt refused for `want`, no open failed, nothing
 * written. Returns the refusal's detail. */
static uint32_t expect_refused(const WCHAR *path, uint32_t want, const char *what)
{
    const cn_stats *st;
    dlltest_dll d;
    counts c0, c1;
    uint32_t detail = 0;

    ok(dlltest_set_logpath(path) == 0, "cannot set LogPath %ls\n", path);
    c0 = snap();
    if (dlltest_load(&d))
        return 0;
    dlltest_add_pair(&d, what);
    c1 = snap();
    st = dlltest_stats();
    if (ok(st != NULL, "[design] %s: no stats section\n", what)) {
        ok(c1.sink_failures - c0.sink_failures == 2,
           "[design] %s: sink_failures moved by %lld, want 2\n", what,
           (long long)(c1.sink_failures - c0.sink_failures));
        ok(c1.refusals - c0.refusals == 1, "[design] %s: refusals moved by %lld, want 1\n", what,
           (long long)(c1.refusals - c0.refusals));
        ok(c1.open_failures == c0.open_failures, "[design] %s: open_failures moved by %lld\n",
           what, (long long)(c1.open_failures - c0.open_failures));
        ok(c1.written == c0.written, "[design] %s: written moved by %lld\n", what,
           (long long)(c1.written - c0.written));
        ok(st->log_state == CN_LOG_REFUSED, "[design] %s: log_state %s, want refused\n", what,
           cn_log_state_name(st->log_state));
        ok(st->refusal == want, "[design] %s: refusal %s, want %s\n", what,
           cn_refusal_name(st->refusal), cn_refusal_name(want));
        detail = st->refusal_detail;
    }
    dlltest_unload(&d);
    return detail;
}

/* LogPath = path logs: two records written, nothing refused. */
static void expect_logged(const WCHAR *path, const char *what)
{
    const cn_stats *st;
    dlltest_dll d;
    counts c0, c1;

    ok(dlltest_set_logpath(path) == 0, "cannot set LogPath %ls\n", path);
    c0 = snap();
    if (dlltest_load(&d))
        return;
    dlltest_add_pair(&d, what);
    c1 = snap();
    st = dlltest_stats();
    ok(c1.written - c0.written == 2, "[design] %s: written moved by %lld, want 2\n", what,
       (long long)(c1.written - c0.written));
    ok(c1.refusals == c0.refusals, "[design] %s: refused (%s)\n", what,
       st ? cn_refusal_name(st->refusal) : "no stats");
    ok(st && st->log_state == CN_LOG_OPEN, "[design] %s: log_state %s, want open\n", what,
       st ? cn_log_state_name(st->log_state) : "no stats");
    dlltest_unload(&d);
}

static void test_ordinary(void)
{
    WCHAR log[MAX_PATH];
    size_t len = 0, tail;
    char *buf;

    in_dir(log, L"ordinary.log");
    DeleteFileW(log);
    expect_logged(log, "ordinary file");
    buf = dlltest_read_file(log, &len);
    ok(buf && dlltest_count_lines(buf, len, &tail) == 2 && tail == 0,
       "[design] ordinary file: log has %u bytes, want 2 records\n", (unsigned)len);
    if (buf)
        HeapFree(GetProcessHeap(), 0, buf);
    DeleteFileW(log);
}

static void test_folder(void)
{
    WCHAR sub[MAX_PATH];

    expect_refused(dir, CN_REFUSE_DIRECTORY, "LogPath names a folder");
    in_dir(sub, L"folder\\");
    CreateDirectoryW(sub, NULL);
    expect_refused(sub, CN_REFUSE_DIRECTORY, "LogPath names a folder, trailing separator");
    RemoveDirectoryW(sub);
}

/* A pipe server waits for a client: the sink must never become one. */
static void test_pipe(void)
{
    static const WCHAR *const forms[] = { L"\\\\.\\pipe\\", L"\\\\?\\pipe\\", L"//./pipe/" };
    WCHAR name[96], path[96];
    OVERLAPPED ov;
    HANDLE server;
    char what[64];

    _snwprintf(name, 96, L"connotify-refuse-%lu", (unsigned long)GetCurrentProcessId());
    name[95] = 0;
    for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
        _snwprintf(path, 96, L"%ls%ls", forms[i], name);
        path[95] = 0;
        snprintf(what, sizeof(what), "named pipe %ls", forms[i]);
        server = CreateNamedPipeW(path, PIPE_ACCESS_INBOUND | FILE_FLAG_OVERLAPPED,
                                  PIPE_TYPE_BYTE | PIPE_WAIT, 1, 0, 4096, 0, NULL);
        if (!ok(server != INVALID_HANDLE_VALUE, "CreateNamedPipe(%ls) failed: %lu\n", path,
                GetLastError()))
            continue;
        memset(&ov, 0, sizeof(ov));
        ov.hEvent = CreateEventW(NULL, TRUE, FALSE, NULL);
        ok(!ConnectNamedPipe(server, &ov) && GetLastError() == ERROR_IO_PENDING,
           "ConnectNamedPipe: error %lu, want pending\n", GetLastError());
        expect_refused(path, CN_REFUSE_DEVICE, what);
        ok(WaitForSingleObject(ov.hEvent, 0) == WAIT_TIMEOUT,
           "[design] %s: the sink connected to the pipe\n", what);
        CancelIo(server);
        WaitForSingleObject(ov.hEvent, 1000);
        CloseHandle(ov.hEvent);
        CloseHandle(server);
    }
}

static void test_reserved(void)
{
    static const WCHAR *const names[] = {
        L"NUL", L"CON", L"nul", L"COM1", L"LPT1", L"CONOUT$", L"C:NUL",
    };
    static const WCHAR *const leaves[] = {
        L"NUL", L"nul.log", L"CON", L"con .log", L"aux", L"PRN.txt", L"com9.log", L"Lpt3",
        L"NUL\\below.log",
    };
    WCHAR path[MAX_PATH];
    char what[96];

    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        snprintf(what, sizeof(what), "reserved name %ls", names[i]);
        expect_refused(names[i], CN_REFUSE_RESERVED, what);
    }
    for (size_t i = 0; i < sizeof(leaves) / sizeof(leaves[0]); i++) {
        in_dir(path, leaves[i]);
        snprintf(what, sizeof(what), "reserved name in a folder: %ls", leaves[i]);
        expect_refused(path, CN_REFUSE_RESERVED, what);
    }
    /* Not reserved: a longer name that starts like one. */
    in_dir(path, L"console.log");
    expect_logged(path, "console.log is an ordinary name");
    DeleteFileW(path);
}

/* [wine] measured: Wine 8.0 opens \\.\C:\dir\file and creates it. */
static void test_device_path(void)
{
    static const WCHAR *const prefixes[] = { L"\\\\.\\", L"\\\\?\\", L"\\??\\" };
    WCHAR file[MAX_PATH], path[MAX_PATH + 8];
    char what[64];

    in_dir(file, L"device.log");
    for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
        DeleteFileW(file);
        _snwprintf(path, MAX_PATH + 8, L"%ls%ls", prefixes[i], file);
        path[MAX_PATH + 7] = 0;
        snprintf(what, sizeof(what), "device path %ls", prefixes[i]);
        expect_refused(path, CN_REFUSE_DEVICE, what);
        ok(!exists(file), "[design] %s: the sink created %ls\n", what, file);
    }
    DeleteFileW(file);
}

/* [wine] Wine resolves \\server\share through <prefix>\dosdevices\unc\
 * server\share: a local folder. With it the UNC path is reachable and the
 * test can see that the sink never touched it; the refusal itself comes
 * from the string (open_failures does not move), so no network either way. */
static void test_unc(void)
{
    WCHAR server[64], unc[MAX_PATH], local[MAX_PATH], path[MAX_PATH], prefix[MAX_PATH];
    WCHAR created[3][MAX_PATH];
    int made = 0, mapped = 0;
    HANDLE h;

    _snwprintf(server, 64, L"connotify-sink-%lu", (unsigned long)GetCurrentProcessId());
    server[63] = 0;
    if (on_wine && GetEnvironmentVariableW(L"WINEPREFIX", prefix, MAX_PATH)) {
        const WCHAR *parts[3] = { L"unc", server, L"share" };
        WCHAR *p;

        _snwprintf(local, MAX_PATH, L"Z:%ls\\dosdevices", prefix);
        local[MAX_PATH - 1] = 0;
        for (p = local; *p; p++)
            if (*p == L'/')
                *p = L'\\';
        for (int i = 0; i < 3; i++) {
            wcscat(local, L"\\");
            wcscat(local, parts[i]);
            if (CreateDirectoryW(local, NULL))
                wcscpy(created[made++], local);
        }
        _snwprintf(path, MAX_PATH, L"\\\\%ls\\share\\probe.txt", server);
        h = CreateFileW(path, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
        mapped = h != INVALID_HANDLE_VALUE;
        if (mapped) {
            CloseHandle(h);
            DeleteFileW(path);
        }
        ok(mapped, "[wine] %ls is not reachable through dosdevices\\unc: %lu\n", path,
           GetLastError());
    }
    if (!mapped)
        skip("UNC path not mapped to a local folder (Wine with WINEPREFIX only): "
             "string check alone\n");
    _snwprintf(unc, MAX_PATH, L"\\\\%ls\\share\\unc.log", server);
    expect_refused(unc, CN_REFUSE_UNC, "UNC path");
    _snwprintf(unc, MAX_PATH, L"//%ls/share/unc.log", server);
    expect_refused(unc, CN_REFUSE_UNC, "UNC path with forward slashes");
    expect_refused(L"\\\\?\\UNC\\localhost\\c$\\unc.log", CN_REFUSE_DEVICE, "\\\\?\\UNC path");
    if (mapped) {
        _snwprintf(path, MAX_PATH, L"%ls\\unc.log", local);
        ok(!exists(path), "[design] UNC path: the sink created %ls\n", path);
        DeleteFileW(path);
    }
    while (made > 0)
        RemoveDirectoryW(created[--made]);
}

static void test_relative(void)
{
    WCHAR cwd[MAX_PATH], path[MAX_PATH];

    GetCurrentDirectoryW(MAX_PATH, cwd);
    SetCurrentDirectoryW(dir);
    in_dir(path, L"relative.log");
    DeleteFileW(path);
    expect_refused(L"relative.log", CN_REFUSE_RELATIVE, "relative path");
    ok(!exists(path), "[design] relative path: the sink created %ls\n", path);
    expect_refused(L".\\relative.log", CN_REFUSE_RELATIVE, "relative path .\\");
    _snwprintf(path, MAX_PATH, L"%lc:relative.log", dir[0]);
    expect_refused(path, CN_REFUSE_RELATIVE, "drive-relative path");
    expect_refused(L"\\connotify-root-relative.log", CN_REFUSE_RELATIVE, "root-relative path");
    SetCurrentDirectoryW(cwd);
}

static void test_stream(void)
{
    WCHAR file[MAX_PATH], path[MAX_PATH + 8];

    in_dir(file, L"stream.log");
    DeleteFileW(file);
    _snwprintf(path, MAX_PATH + 8, L"%ls:evil", file);
    path[MAX_PATH + 7] = 0;
    expect_refused(path, CN_REFUSE_STREAM, "alternate data stream");
    ok(!exists(file), "[design] stream: the sink created %ls\n", file);
}

/* A drive letter with no drive behind it is DRIVE_NO_ROOT_DIR, not fixed. */
static void test_drive(void)
{
    DWORD used = GetLogicalDrives();
    WCHAR root[4] = L"?:\\", path[32];
    uint32_t detail;
    int letter;

    for (letter = 'Y'; letter >= 'D'; letter--) {
        root[0] = (WCHAR)letter;
        if (!(used & (1u << (letter - 'A'))) && GetDriveTypeW(root) == DRIVE_NO_ROOT_DIR)
            break;
    }
    if (letter < 'D') {
        skip("no free drive letter\n");
        return;
    }
    _snwprintf(path, 32, L"%lc:\\connotify.log", letter);
    detail = expect_refused(path, CN_REFUSE_DRIVE, "drive with no root");
    ok(detail == DRIVE_NO_ROOT_DIR, "[design] drive: detail %u, want %u\n", detail,
       DRIVE_NO_ROOT_DIR);
    trace("drive types here: C: %u, %lc: %u\n", GetDriveTypeW(L"C:\\"), letter,
          GetDriveTypeW(root));
}

/* [wine] Z: is the Unix root, so Z:\dev\null is a character device behind
 * an ordinary drive-letter path: only GetFileType can tell. */
static void test_char_device(void)
{
    static const WCHAR path[] = L"Z:\\dev\\null";
    HANDLE h = CreateFileW(path, GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                           OPEN_EXISTING, 0, NULL);
    DWORD type = h != INVALID_HANDLE_VALUE ? GetFileType(h) : 0;
    uint32_t detail;

    if (h != INVALID_HANDLE_VALUE)
        CloseHandle(h);
    if (type != FILE_TYPE_CHAR || GetDriveTypeW(L"Z:\\") != DRIVE_FIXED) {
        skip("no character device behind a fixed drive-letter path (Wine: Z:\\dev\\null)\n");
        return;
    }
    detail = expect_refused(path, CN_REFUSE_NOT_DISK, "character device Z:\\dev\\null");
    ok(detail == FILE_TYPE_CHAR, "[design] character device: detail %u, want %u\n", detail,
       FILE_TYPE_CHAR);
}

static void test_hard_link(void)
{
    WCHAR log[MAX_PATH], other[MAX_PATH];
    size_t len = 1;
    uint32_t detail;
    char *buf;

    in_dir(log, L"linked.log");
    in_dir(other, L"linked-other.log");
    DeleteFileW(other);
    CloseHandle(CreateFileW(log, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL));
    if (!ok(CreateHardLinkW(other, log, NULL), "CreateHardLink failed: %lu\n", GetLastError()))
        return;
    detail = expect_refused(log, CN_REFUSE_HARD_LINK, "hard-linked file");
    ok(detail == 2, "[design] hard link: detail %u, want 2 links\n", detail);
    buf = dlltest_read_file(log, &len);
    ok(buf && len == 0, "[design] hard link: the sink wrote %u bytes\n", (unsigned)len);
    if (buf)
        HeapFree(GetProcessHeap(), 0, buf);
    /* One link again: the same file logs. */
    ok(DeleteFileW(other), "DeleteFile failed: %lu\n", GetLastError());
    expect_logged(log, "hard link removed");
    DeleteFileW(log);
}

/* A mount point (junction) from `link` to `target`: no privilege needed on
 * Windows. Returns 0 or the error of FSCTL_SET_REPARSE_POINT. */
static DWORD make_junction(const WCHAR *link, const WCHAR *target)
{
    union {
        REPARSE_GUID_DATA_BUFFER align;
        BYTE bytes[1024];
    } buf;
    DWORD *tag = (DWORD *)buf.bytes, ret, err = 0;
    WORD *w = (WORD *)buf.bytes;
    WCHAR sub[MAX_PATH + 8];
    size_t sl, pl;
    HANDLE h;

    _snwprintf(sub, MAX_PATH + 8, L"\\??\\%ls", target);
    sub[MAX_PATH + 7] = 0;
    sl = wcslen(sub) * sizeof(WCHAR);
    pl = wcslen(target) * sizeof(WCHAR);
    if (16 + sl + pl + 4 > sizeof(buf.bytes))
        return ERROR_BUFFER_OVERFLOW;
    memset(buf.bytes, 0, sizeof(buf.bytes));
    tag[0] = IO_REPARSE_TAG_MOUNT_POINT;
    w[2] = (WORD)(8 + sl + 2 + pl + 2);   /* ReparseDataLength */
    w[4] = 0;                             /* SubstituteNameOffset */
    w[5] = (WORD)sl;                      /* SubstituteNameLength */
    w[6] = (WORD)(sl + 2);                /* PrintNameOffset */
    w[7] = (WORD)pl;                      /* PrintNameLength */
    memcpy(buf.bytes + 16, sub, sl + 2);
    memcpy(buf.bytes + 16 + sl + 2, target, pl + 2);
    if (!CreateDirectoryW(link, NULL))
        return GetLastError();
    h = CreateFileW(link, GENERIC_WRITE, 0, NULL, OPEN_EXISTING,
                    FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT, NULL);
    if (h == INVALID_HANDLE_VALUE)
        err = GetLastError();
    else if (!DeviceIoControl(h, FSCTL_SET_REPARSE_POINT, buf.bytes, 8 + w[2], NULL, 0, &ret, NULL))
        err = GetLastError();
    if (h != INVALID_HANDLE_VALUE)
        CloseHandle(h);
    if (err)
        RemoveDirectoryW(link);
    return err;
}

/* A folder on the path that is a reparse point. Windows: a junction made
 * here. [wine] Wine 8.0 answers FSCTL_SET_REPARSE_POINT with 50
 * (ERROR_NOT_SUPPORTED), but reports a Unix symbolic link to a folder as
 * FILE_ATTRIBUTE_REPARSE_POINT, and a new prefix links the profile's
 * Documents folder to $HOME: that one stands in. */
static void test_reparse_folder(void)
{
    WCHAR target[MAX_PATH], link[MAX_PATH], path[MAX_PATH], file[MAX_PATH];
    DWORD err, attrs;
    uint32_t detail;

    in_dir(target, L"target");
    in_dir(link, L"junction");
    CreateDirectoryW(target, NULL);
    err = make_junction(link, target);
    if (!err) {
        _snwprintf(path, MAX_PATH, L"%ls\\through.log", link);
        in_dir(file, L"target\\through.log");
        detail = expect_refused(path, CN_REFUSE_REPARSE, "junction on the path");
        ok(detail == IO_REPARSE_TAG_MOUNT_POINT, "[design] junction: detail %#x, want %#lx\n",
           detail, IO_REPARSE_TAG_MOUNT_POINT);
        ok(!exists(file), "[design] junction: the sink created %ls\n", file);
        DeleteFileW(file);
        RemoveDirectoryW(link);
    } else {
        ok(!on_wine || err == ERROR_NOT_SUPPORTED,
           "[wine] FSCTL_SET_REPARSE_POINT failed with %lu, measured 50\n", err);
        skip("cannot make a junction here (error %lu)\n", err);
    }
    RemoveDirectoryW(target);

    if (!GetEnvironmentVariableW(L"USERPROFILE", link, MAX_PATH - 16))
        link[0] = 0;
    wcscat(link, L"\\Documents");
    attrs = GetFileAttributesW(link);
    if (!on_wine || attrs == INVALID_FILE_ATTRIBUTES || !(attrs & FILE_ATTRIBUTE_REPARSE_POINT)) {
        skip("%ls is no symbolic link to a Unix folder (attributes %#lx)\n", link, attrs);
        return;
    }
    _snwprintf(path, MAX_PATH, L"%ls\\connotify-refuse-%lu.log", link,
               (unsigned long)GetCurrentProcessId());
    expect_refused(path, CN_REFUSE_REPARSE, "Unix symbolic link on the path");
    ok(!exists(path), "[design] symbolic link: the sink created %ls\n", path);
    DeleteFileW(path);
}

/* [wine] Wine 8.0 reports a Unix mount point as a reparse point with tag
 * IO_REPARSE_TAG_MOUNT_POINT, as Windows a volume mounted in a folder: a
 * volume root, which the sink accepts. Z:\dev\shm is a tmpfs below the
 * devtmpfs on Z:\dev. */
static void test_mount_point(void)
{
    WCHAR path[64];
    DWORD attrs = GetFileAttributesW(L"Z:\\dev\\shm");

    if (!on_wine || attrs == INVALID_FILE_ATTRIBUTES || !(attrs & FILE_ATTRIBUTE_REPARSE_POINT)) {
        skip("no writable volume mounted in a folder here (Wine: Z:\\dev\\shm, attributes %#lx)\n",
             attrs);
        return;
    }
    _snwprintf(path, 64, L"Z:\\dev\\shm\\connotify-refuse-%lu.log",
               (unsigned long)GetCurrentProcessId());
    path[63] = 0;
    DeleteFileW(path);
    expect_logged(path, "log below two mount points (Z:\\dev, Z:\\dev\\shm)");
    DeleteFileW(path);
}

/* The log file itself a symbolic link: opened with
 * FILE_FLAG_OPEN_REPARSE_POINT, refused with the link's tag. */
static void test_reparse_file(void)
{
    WCHAR target[MAX_PATH], link[MAX_PATH];
    size_t len = 1;
    uint32_t detail;
    BOOL made;
    char *buf;

    in_dir(target, L"symlink-target.log");
    in_dir(link, L"symlink.log");
    CloseHandle(CreateFileW(target, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL));
    /* 2: SYMBOLIC_LINK_FLAG_ALLOW_UNPRIVILEGED_CREATE (developer mode). */
    made = CreateSymbolicLinkW(link, target, 2) || CreateSymbolicLinkW(link, target, 0);
    if (!made || !exists(link)) {
        /* [wine] measured: Wine 8.0 returns TRUE and creates nothing. */
        skip("cannot make a file symbolic link here (returned %d, error %lu; Wine 8.0: a stub)\n",
             made, GetLastError());
        DeleteFileW(target);
        return;
    }
    detail = expect_refused(link, CN_REFUSE_REPARSE, "log file is a symbolic link");
    ok(detail == IO_REPARSE_TAG_SYMLINK, "[design] symbolic link: detail %#x, want %#lx\n", detail,
       IO_REPARSE_TAG_SYMLINK);
    buf = dlltest_read_file(target, &len);
    ok(buf && len == 0, "[design] symbolic link: the sink wrote %u bytes to its target\n",
       (unsigned)len);
    if (buf)
        HeapFree(GetProcessHeap(), 0, buf);
    DeleteFileW(link);
    DeleteFileW(target);
}

static WCHAR *self_sid(void)
{
    union {
        TOKEN_USER user;
        BYTE bytes[sizeof(TOKEN_USER) + SECURITY_MAX_SID_SIZE];
    } buf;
    WCHAR *s = NULL;
    HANDLE token;
    DWORD n;

    if (OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token)) {
        if (GetTokenInformation(token, TokenUser, &buf, sizeof(buf), &n))
            ConvertSidToStringSidW(buf.user.User.Sid, &s);
        CloseHandle(token);
    }
    return s;
}

/* Sets a protected DACL: SYSTEM, Administrators and this process's user
 * full control, Everyone `everyone` (an SDDL rights string). [wine] Wine
 * keeps no DACL: it maps Everyone's rights to the Unix "other" bits. */
static DWORD set_dacl(const WCHAR *path, const WCHAR *self, const WCHAR *everyone)
{
    PSECURITY_DESCRIPTOR sd;
    BOOL present, defaulted;
    WCHAR sddl[256];
    PACL dacl;
    DWORD err;

    _snwprintf(sddl, 256, L"D:P(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)(A;OICI;FA;;;%ls)(A;OICI;%ls;;;WD)",
               self, everyone);
    sddl[255] = 0;
    if (!ConvertStringSecurityDescriptorToSecurityDescriptorW(sddl, SDDL_REVISION_1, &sd, NULL))
        return GetLastError();
    GetSecurityDescriptorDacl(sd, &present, &dacl, &defaulted);
    err = SetNamedSecurityInfoW((WCHAR *)path, SE_FILE_OBJECT,
                                DACL_SECURITY_INFORMATION | PROTECTED_DACL_SECURITY_INFORMATION,
                                NULL, NULL, dacl, NULL);
    LocalFree(sd);
    return err;
}

/* [design] The DACL rule: as a service account, or with CheckAcl = 1, a
 * folder or file that Everyone may write is refused. "0x1200a9" is read
 * and execute, "FA" full control. */
static void test_acl(void)
{
    WCHAR folder[MAX_PATH], log[MAX_PATH], *self = self_sid();
    uint32_t detail;

    if (!ok(self != NULL, "cannot read the process token's user\n"))
        return;
    trace("process user %ls\n", self);
    skip("the service-account trigger needs LocalSystem, LocalService or NetworkService; this "
         "process runs as %ls%s: the rule is tested through CheckAcl\n", self,
         on_wine ? " ([wine] every Wine process has this one user)" : "");
    in_dir(folder, L"acl");
    in_dir(log, L"acl\\acl.log");
    CreateDirectoryW(folder, NULL);
    ok(set_dacl(folder, self, L"0x1200a9") == 0, "cannot set the folder's DACL\n");
    ok(dlltest_set_dword(L"CheckAcl", 1, 1) == 0, "cannot set CheckAcl\n");
    expect_logged(log, "CheckAcl, folder and file only administrators can write");

    ok(set_dacl(folder, self, L"FA") == 0, "cannot set the folder's DACL\n");
    detail = expect_refused(log, CN_REFUSE_ACL_DIR, "CheckAcl, folder Everyone can write");
    ok(detail & (FILE_ADD_FILE | FILE_DELETE_CHILD | WRITE_DAC),
       "[design] folder: detail %#x, want the write rights\n", detail);

    ok(set_dacl(folder, self, L"0x1200a9") == 0, "cannot set the folder's DACL\n");
    ok(set_dacl(log, self, L"FA") == 0, "cannot set the file's DACL\n");
    detail = expect_refused(log, CN_REFUSE_ACL_FILE, "CheckAcl, file Everyone can write");
    ok(detail & (FILE_WRITE_DATA | FILE_APPEND_DATA),
       "[design] file: detail %#x, want the write rights\n", detail);

    /* Without CheckAcl an ordinary process keeps logging there. */
    ok(dlltest_set_dword(L"CheckAcl", 0, 0) == 0, "cannot delete CheckAcl\n");
    ok(set_dacl(folder, self, L"FA") == 0, "cannot set the folder's DACL\n");
    expect_logged(log, "no CheckAcl, not a service: Everyone-writable folder and file");

    DeleteFileW(log);
    RemoveDirectoryW(folder);
    LocalFree(self);
}

/* Enables a privilege of this process's token; 0 if it cannot. */
static int enable_privilege(const WCHAR *name)
{
    TOKEN_PRIVILEGES tp = { 1, { { { 0, 0 }, SE_PRIVILEGE_ENABLED } } };
    HANDLE token;
    int ret;

    if (!LookupPrivilegeValueW(NULL, name, &tp.Privileges[0].Luid)
        || !OpenProcessToken(GetCurrentProcess(), TOKEN_ADJUST_PRIVILEGES, &token))
        return 0;
    ret = AdjustTokenPrivileges(token, FALSE, &tp, 0, NULL, NULL)
          && GetLastError() == ERROR_SUCCESS;
    CloseHandle(token);
    return ret;
}

/* [design] An owner may always rewrite the DACL: a file owned by Everyone is
 * refused under the DACL rule whatever its ACEs. Setting another owner needs
 * SeRestorePrivilege (an administrator's, on Windows). */
static void test_acl_owner(void)
{
    WCHAR folder[MAX_PATH], log[MAX_PATH], *self = self_sid();
    PSECURITY_DESCRIPTOR sd = NULL;
    PSID everyone = NULL, owner = NULL;
    SID_IDENTIFIER_AUTHORITY world = { SECURITY_WORLD_SID_AUTHORITY };
    int privileged = enable_privilege(SE_RESTORE_NAME);
    DWORD err;
    uint32_t detail;

    if (!self || !AllocateAndInitializeSid(&world, 1, SECURITY_WORLD_RID, 0, 0, 0, 0, 0, 0, 0,
                                           &everyone)) {
        ok(0, "cannot build the SIDs\n");
        LocalFree(self);
        return;
    }
    in_dir(folder, L"owner");
    in_dir(log, L"owner\\owner.log");
    CreateDirectoryW(folder, NULL);
    ok(set_dacl(folder, self, L"0x1200a9") == 0, "cannot set the folder's DACL\n");
    CloseHandle(CreateFileW(log, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL));
    err = SetNamedSecurityInfoW(log, SE_FILE_OBJECT, OWNER_SECURITY_INFORMATION, everyone, NULL,
                                NULL, NULL);
    if (!err)
        err = GetNamedSecurityInfoW(log, SE_FILE_OBJECT, OWNER_SECURITY_INFORMATION, &owner, NULL,
                                    NULL, NULL, &sd);
    if (err || !owner || !EqualSid(owner, everyone)) {
        /* [wine] measured: Wine 8.0 reports the process's user as the owner. */
        skip("cannot make Everyone the owner of a file here (error %lu, SeRestorePrivilege %s)\n",
             err, privileged ? "enabled" : "not held");
    } else {
        ok(dlltest_set_dword(L"CheckAcl", 1, 1) == 0, "cannot set CheckAcl\n");
        detail = expect_refused(log, CN_REFUSE_ACL_FILE, "CheckAcl, file owned by Everyone");
        ok(detail == WRITE_DAC, "[design] owner: detail %#x, want WRITE_DAC\n", detail);
        ok(dlltest_set_dword(L"CheckAcl", 0, 0) == 0, "cannot delete CheckAcl\n");
    }
    if (sd)
        LocalFree(sd);
    FreeSid(everyone);
    DeleteFileW(log);
    RemoveDirectoryW(folder);
    LocalFree(self);
}

int main(void)
{
    HMODULE ntdll = GetModuleHandleW(L"ntdll.dll");

    wtest_start("dll_refuse");
    on_wine = ntdll && GetProcAddress(ntdll, "wine_get_version") != NULL;
    if (!dlltest_temp_dir(L"refuse", dir, MAX_PATH)) {
        skip("no temp directory\n");
        return wtest_end();
    }
    dlltest_save_logpath();
    test_ordinary();
    test_folder();
    test_pipe();
    test_reserved();
    test_device_path();
    test_unc();
    test_relative();
    test_stream();
    test_drive();
    test_char_device();
    test_hard_link();
    test_reparse_folder();
    test_reparse_file();
    test_mount_point();
    test_acl();
    test_acl_owner();
    dlltest_set_dword(L"CheckAcl", 0, 0);
    dlltest_restore_logpath();
    RemoveDirectoryW(dir);
    return wtest_end();
}
