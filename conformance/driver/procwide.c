/* Process-wide state snapshots (see procwide.h). */
#include "procwide.h"

#include "hooks_procwide.h"
#include "host_winsock.h"
#include "proc_settings.h"
#include "remembered.h"

#include <stdio.h>

/* The process token, opened once before any case (procwide_init): a snapshot
 * then costs one server call under Wine instead of three. */
static HANDLE process_token;

void procwide_init(void)
{
    static int zone_set;
    if (!zone_set)
        shared_crt_set_zone(PROCWIDE_HOST_ZONE);
    zone_set = 1;
    if (!process_token && !OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &process_token))
        process_token = NULL;
    remembered_init();
}

/* Bit n: privilege LUID n enabled; PRIVILEGES_UNREAD when the token cannot be read. */
static unsigned long long enabled_privileges(void)
{
    union {
        TOKEN_PRIVILEGES tp;
        char bytes[2048];
    } u;
    DWORD len = 0;
    unsigned long long bits = 0;
    BOOL ok =
        process_token && GetTokenInformation(process_token, TokenPrivileges, &u, sizeof u, &len);
    if (!ok) {
        /* Closed or replaced by someone else's CloseHandle: opened again. */
        process_token = NULL;
        procwide_init();
        ok = process_token &&
             GetTokenInformation(process_token, TokenPrivileges, &u, sizeof u, &len);
    }
    if (!ok)
        return PRIVILEGES_UNREAD;
    for (DWORD i = 0; i < u.tp.PrivilegeCount; i++) {
        const LUID_AND_ATTRIBUTES *p = &u.tp.Privileges[i];
        if (p->Luid.HighPart || p->Luid.LowPart >= 64)
            continue;
        if (p->Attributes & SE_PRIVILEGE_ENABLED)
            bits |= 1ull << p->Luid.LowPart;
    }
    return bits;
}

static unsigned hash_bytes(unsigned h, const unsigned char *p, DWORD n)
{
    for (DWORD i = 0; i < n; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

/* What the token gives objects made without a security descriptor: its
 * default DACL and owner, hashed; 0 if unread. */
static unsigned token_defaults(void)
{
    static const TOKEN_INFORMATION_CLASS parts[] = {TokenDefaultDacl, TokenOwner};
    union {
        TOKEN_DEFAULT_DACL dacl;
        unsigned char bytes[1024];
    } u;
    unsigned h = 2166136261u;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        DWORD len = 0;
        if (!process_token || !GetTokenInformation(process_token, parts[i], &u, sizeof u, &len))
            return 0;
        /* The part's pointers point into u: hash what they point at. */
        if (parts[i] == TokenDefaultDacl && u.dacl.DefaultDacl)
            h = hash_bytes(h, (const unsigned char *)u.dacl.DefaultDacl,
                           u.dacl.DefaultDacl->AclSize);
        if (parts[i] == TokenOwner && ((TOKEN_OWNER *)&u)->Owner)
            h = hash_bytes(h, (const unsigned char *)((TOKEN_OWNER *)&u)->Owner,
                           GetLengthSid(((TOKEN_OWNER *)&u)->Owner));
    }
    return h ? h : 1;
}

void procwide_take(struct procwide *s)
{
    s->privileges = enabled_privileges();
    s->file_apis_ansi = AreFileApisANSI();
    if (!IsProcessInJob(GetCurrentProcess(), NULL, &s->in_job))
        s->in_job = FALSE;
    s->console = GetConsoleWindow();
    s->console_cp = procwide_console_cp(0);
    s->console_out_cp = procwide_console_cp(1);
    s->std_handles[0] = GetStdHandle(STD_INPUT_HANDLE);
    s->std_handles[1] = GetStdHandle(STD_OUTPUT_HANDLE);
    s->std_handles[2] = GetStdHandle(STD_ERROR_HANDLE);
    s->winsock_alive = host_winsock_alive();
    s->ctrl_c_ignored = ctrl_c_ignored();
    if (!GetProcessShutdownParameters(&s->shutdown_level, &s->shutdown_flags)) {
        s->shutdown_level = 0;
        s->shutdown_flags = 0;
    }
    for (int i = 0; i < SHARED_CRTS; i++) {
        s->crt_fmode[i] = shared_crt_fmode(i);
        s->crt_umask[i] = shared_crt_umask(i);
        s->crt_zone_read[i] = shared_crt_zone(i, &s->crt_zone[i], &s->crt_daylight[i]);
    }
    s->command_line = command_line_digest();
    s->remembered = remembered_digest();
    s->predef_overrides = procwide_predef_overrides();
    s->token_defaults = token_defaults();
}

static void privilege_name(unsigned bit, char *buf, DWORD cap)
{
    LUID luid;
    luid.LowPart = bit;
    luid.HighPart = 0;
    if (!LookupPrivilegeNameA(NULL, &luid, buf, &cap))
        snprintf(buf, cap, "privilege %u", bit);
}

static int privileges_diff(unsigned long long a, unsigned long long b, char *buf, size_t cap)
{
    for (unsigned bit = 0; bit < 64; bit++) {
        unsigned long long m = 1ull << bit;
        if ((a & m) == (b & m))
            continue;
        char name[64];
        privilege_name(bit, name, sizeof name);
        snprintf(buf, cap,
                 b & m ? "%s was enabled in the process token and left enabled (every later "
                         "call of the host runs with it)"
                       : "%s was disabled in the process token (the host had enabled it)",
                 name);
        return 1;
    }
    return 0;
}

static int settings_diff(const struct procwide *a, const struct procwide *b, char *buf, size_t cap)
{
    if (a->ctrl_c_ignored != b->ctrl_c_ignored) {
        snprintf(buf, cap,
                 a->ctrl_c_ignored
                     ? "the process no longer ignores Ctrl+C (the host had set it to ignore it: "
                       "Ctrl+C now ends the host)"
                     : "the process now ignores Ctrl+C (the host's Ctrl+C no longer ends it)");
        return 1;
    }
    if (a->shutdown_level != b->shutdown_level || a->shutdown_flags != b->shutdown_flags) {
        snprintf(buf, cap,
                 "the process shutdown parameters changed from level %#lx, flags %#lx to level "
                 "%#lx, flags %#lx (when and how the system ends the host at shutdown)",
                 (unsigned long)a->shutdown_level, (unsigned long)a->shutdown_flags,
                 (unsigned long)b->shutdown_level, (unsigned long)b->shutdown_flags);
        return 1;
    }
    for (int i = 0; i < SHARED_CRTS; i++) {
        if (a->crt_fmode[i] < 0 || b->crt_fmode[i] < 0 || a->crt_fmode[i] == b->crt_fmode[i])
            continue;
        snprintf(buf, cap,
                 "the default file mode (_fmode) of %s, which the host shares, changed from "
                 "%#x to %#x (the host's files open in another mode: text files lose or gain "
                 "CRs)",
                 shared_crt_name(i), (unsigned)a->crt_fmode[i], (unsigned)b->crt_fmode[i]);
        return 1;
    }
    for (int i = 0; i < SHARED_CRTS; i++) {
        if (a->crt_umask[i] < 0 || b->crt_umask[i] < 0 || a->crt_umask[i] == b->crt_umask[i])
            continue;
        snprintf(buf, cap,
                 "the file-permission mask (_umask) of %s, which the host shares, changed from "
                 "%#x to %#x%s",
                 shared_crt_name(i), (unsigned)a->crt_umask[i], (unsigned)b->crt_umask[i],
                 b->crt_umask[i] & 0x80 ? ": every file the host creates with _open or _creat "
                                          "from now on is read-only"
                                        : "");
        return 1;
    }
    for (int i = 0; i < SHARED_CRTS; i++) {
        if (!a->crt_zone_read[i] || !b->crt_zone_read[i] ||
            (a->crt_zone[i] == b->crt_zone[i] && a->crt_daylight[i] == b->crt_daylight[i]))
            continue;
        snprintf(buf, cap,
                 "the time zone of %s, which the host shares, changed from %ld s west of UTC "
                 "(daylight saving %s) to %ld s (%s): the host's localtime and mktime now work "
                 "in another zone (a TZ set and _tzset, then TZ put back without _tzset again?)",
                 shared_crt_name(i), a->crt_zone[i], a->crt_daylight[i] ? "on" : "off",
                 b->crt_zone[i], b->crt_daylight[i] ? "on" : "off");
        return 1;
    }
    if (a->command_line != b->command_line) {
        snprintf(buf, cap,
                 "the process's command line changed (GetCommandLineW or GetCommandLineA now "
                 "returns other text): the buffer is the host's, parsed in place its arguments "
                 "are lost [doc: GetCommandLine]");
        return 1;
    }
    return 0;
}

int procwide_diff(const struct procwide *a, const struct procwide *b, char *buf, size_t cap)
{
    static const char *const std_names[] = {"input", "output", "error"};
    if (a->privileges != PRIVILEGES_UNREAD && b->privileges != PRIVILEGES_UNREAD &&
        privileges_diff(a->privileges, b->privileges, buf, cap))
        return 1;
    if (!a->in_job && b->in_job) {
        snprintf(buf, cap,
                 "the process is in a job it was not in (AssignProcessToJobObject): a process "
                 "never leaves its job, whose limits and end now hold the host [doc: "
                 "AssignProcessToJobObject]");
        return 1;
    }
    if (a->token_defaults && b->token_defaults && a->token_defaults != b->token_defaults) {
        snprintf(buf, cap,
                 "the process token's default DACL or owner changed (SetTokenInformation "
                 "TokenDefaultDacl or TokenOwner): every object the host makes later without a "
                 "security descriptor (files, keys, events, sections) gets it");
        return 1;
    }
    if (a->file_apis_ansi != b->file_apis_ansi) {
        snprintf(buf, cap,
                 "the file APIs' code page changed from %s to %s (the host's -A file "
                 "names are read in another code page)",
                 a->file_apis_ansi ? "ANSI" : "OEM", b->file_apis_ansi ? "ANSI" : "OEM");
        return 1;
    }
    if (!a->console != !b->console) {
        snprintf(buf, cap,
                 a->console ? "the process lost its console (FreeConsole): a console program "
                              "such as net use has no window and no console output any more"
                            : "the process got a console and kept it (AllocConsole): a console "
                              "window opens over the host");
        return 1;
    }
    if (a->console_cp != b->console_cp) {
        snprintf(buf, cap, "the console input code page changed from %u to %u", a->console_cp,
                 b->console_cp);
        return 1;
    }
    if (a->console_out_cp != b->console_out_cp) {
        snprintf(buf, cap,
                 "the console output code page changed from %u to %u (the host's "
                 "output is shown in another code page)",
                 a->console_out_cp, b->console_out_cp);
        return 1;
    }
    for (int i = 0; i < 3; i++) {
        if (a->std_handles[i] == b->std_handles[i])
            continue;
        snprintf(buf, cap,
                 "the standard %s handle changed from %p to %p (the host's %s goes "
                 "elsewhere)",
                 std_names[i], (void *)a->std_handles[i], (void *)b->std_handles[i],
                 i ? "output" : "input");
        return 1;
    }
    if (a->winsock_alive == 1 && b->winsock_alive == 0) {
        snprintf(buf, cap,
                 "the host's socket was closed and Winsock ended for the whole process: "
                 "WSACleanup was called more often than WSAStartup (each WSACleanup must match "
                 "a WSAStartup of the notifier's own [doc: WSACleanup])");
        return 1;
    }
    if (a->predef_overrides != b->predef_overrides) {
        static const char *const roots[] = {"HKEY_CLASSES_ROOT", "HKEY_CURRENT_USER",
                                            "HKEY_LOCAL_MACHINE", "HKEY_USERS"};
        unsigned changed = a->predef_overrides ^ b->predef_overrides;
        unsigned n = 0;
        while (!(changed & (1u << n)))
            n++;
        snprintf(buf, cap,
                 "%s stays redirected (RegOverridePredefKey, not undone with NULL): every "
                 "later %s access of the host lands in the notifier's key",
                 n < 4 ? roots[n] : "a predefined registry key", n < 4 ? roots[n] : "such");
        return 1;
    }
    if (remembered_diff(a->remembered, b->remembered, buf, cap))
        return 1;
    return settings_diff(a, b, buf, cap);
}
