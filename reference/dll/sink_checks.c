/* The log sink's refusals [design]. Why: the notifier runs inside every
 * process that maps a drive, services running as SYSTEM included; appending
 * as SYSTEM through a link planted in a writable folder is an arbitrary file
 * write (CWE-59), and a UNC log makes the notifier depend on the redirector
 * whose connections it is told about. The checks run at each open attempt,
 * never in DllMain. */
#include <windows.h>
#include <aclapi.h>
#include <wchar.h>

#include "notifier_stats.h"
#include "sink_checks.h"

/* Rights that let a principal write, create, delete or re-permission. */
#define WRITE_RIGHTS (FILE_WRITE_DATA | FILE_APPEND_DATA | FILE_WRITE_EA | FILE_DELETE_CHILD \
                      | FILE_WRITE_ATTRIBUTES | DELETE | WRITE_DAC | WRITE_OWNER \
                      | GENERIC_WRITE | GENERIC_ALL)

/* NT SERVICE\TrustedInstaller, owner of Windows' own files. */
static const struct {
    BYTE revision, count;
    SID_IDENTIFIER_AUTHORITY authority;
    DWORD sub[6];
} trusted_installer = {
    SID_REVISION, 6, { SECURITY_NT_AUTHORITY },
    { 80, 956008885u, 3418522649u, 1831038044u, 1853292631u, 2271478464u },
};

static int is_sep(WCHAR c)
{
    return c == L'\\' || c == L'/';
}

static WCHAR lower(WCHAR c)
{
    return c >= L'A' && c <= L'Z' ? (WCHAR)(c + 32) : c;
}

/* s[0..n) equals the lower-case ASCII `want`, ignoring case. */
static int name_is(const WCHAR *s, size_t n, const char *want)
{
    size_t i = 0;

    while (i < n && want[i] && lower(s[i]) == (WCHAR)want[i])
        i++;
    return i == n && !want[i];
}

/* [doc] Win32 maps these names to devices in any folder, with any
 * extension and trailing spaces ("nul.txt", "COM1 "); Windows 10 and later
 * also COM and LPT with a superscript 1, 2 or 3. */
static int reserved_name(const WCHAR *s, size_t n)
{
    static const char *const devices[] = { "con", "prn", "aux", "nul", "conin$", "conout$" };
    size_t base = 0;
    WCHAR d;

    while (base < n && s[base] != L'.' && s[base] != L':')
        base++;
    while (base > 0 && s[base - 1] == L' ')
        base--;
    for (size_t i = 0; i < sizeof(devices) / sizeof(devices[0]); i++)
        if (name_is(s, base, devices[i]))
            return 1;
    if (base != 4 || !(name_is(s, 3, "com") || name_is(s, 3, "lpt")))
        return 0;
    d = s[3];
    return (d >= L'0' && d <= L'9') || d == 0xb9 || d == 0xb2 || d == 0xb3;
}

uint32_t sink_check_string(const WCHAR *p)
{
    int drive = lower(p[0]) >= L'a' && lower(p[0]) <= L'z' && p[1] == L':';
    const WCHAR *c, *start;

    if (is_sep(p[0]) && is_sep(p[1])) {
        if ((p[2] == L'?' || p[2] == L'.') && (is_sep(p[3]) || !p[3]))
            return CN_REFUSE_DEVICE;
        return CN_REFUSE_UNC;
    }
    if (p[0] == L'\\' && p[1] == L'?' && p[2] == L'?' && p[3] == L'\\')
        return CN_REFUSE_DEVICE;
    for (start = c = drive ? p + 2 : p;; c++) {
        if (*c && !is_sep(*c))
            continue;
        if (reserved_name(start, (size_t)(c - start)))
            return CN_REFUSE_RESERVED;
        if (!*c)
            break;
        start = c + 1;
    }
    if (!drive || !is_sep(p[2]))
        return CN_REFUSE_RELATIVE;
    for (c = p + 2; *c; c++)
        if (*c == L':')
            return CN_REFUSE_STREAM;
    return CN_REFUSE_NONE;
}

/* The reparse tag of an existing path (0 if it cannot be read). */
static uint32_t reparse_tag(const WCHAR *path)
{
    FILE_ATTRIBUTE_TAG_INFO tag;
    HANDLE h = CreateFileW(path, FILE_READ_ATTRIBUTES,
                           FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                           OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_OPEN_REPARSE_POINT,
                           NULL);
    uint32_t ret = 0;

    if (h == INVALID_HANDLE_VALUE)
        return 0;
    if (GetFileInformationByHandleEx(h, FileAttributeTagInfo, &tag, sizeof(tag)))
        ret = tag.ReparseTag;
    CloseHandle(h);
    return ret;
}

/* [doc] A volume mounted in a folder is a reparse point too (tag
 * IO_REPARSE_TAG_MOUNT_POINT, as a junction), but only administrators mount
 * volumes, and GetVolumePathNameW names such a folder as a volume root,
 * never a junction or a symbolic link. [wine] Wine 8.0 reports every Unix
 * mount point below a drive as one (a container's bind-mounted checkout
 * included) and its GetVolumePathNameW stops there alike. */
static int volume_root(const WCHAR *folder)
{
    size_t n = wcslen(folder);
    WCHAR *in = HeapAlloc(GetProcessHeap(), 0, (n + 2) * sizeof(WCHAR) * 2);
    WCHAR *out = in + n + 2;
    int ret;

    if (!in)
        return 0;
    memcpy(in, folder, n * sizeof(WCHAR));
    in[n] = L'\\';
    in[n + 1] = 0;
    ret = GetVolumePathNameW(in, out, (DWORD)(n + 2)) && !_wcsicmp(in, out);
    HeapFree(GetProcessHeap(), 0, in);
    return ret;
}

static int trusted(PSID sid, PSID self)
{
    return IsWellKnownSid(sid, WinLocalSystemSid)
        || IsWellKnownSid(sid, WinBuiltinAdministratorsSid)
        || IsWellKnownSid(sid, WinCreatorOwnerRightsSid) || EqualSid(sid, self)
        || EqualSid(sid, (PSID)&trusted_installer);
}

/* Write rights that an owner or ACE outside the trusted set holds; 0 if
 * none. Deny ACEs are ignored (that can only refuse more). */
static uint32_t untrusted_rights(PSID owner, PACL dacl, PSID self)
{
    ACE_HEADER *ace;
    DWORD mask;

    if (owner && !trusted(owner, self))
        return WRITE_DAC; /* an owner may always rewrite the DACL */
    if (!dacl)
        return GENERIC_ALL; /* NULL DACL: everyone, everything */
    for (DWORD i = 0; i < dacl->AceCount; i++) {
        if (!GetAce(dacl, i, (void **)&ace))
            return GENERIC_ALL;
        if (ace->AceFlags & INHERIT_ONLY_ACE)
            continue;
        switch (ace->AceType) {
        case ACCESS_DENIED_ACE_TYPE:
        case ACCESS_DENIED_OBJECT_ACE_TYPE:
        case ACCESS_DENIED_CALLBACK_ACE_TYPE:
        case ACCESS_DENIED_CALLBACK_OBJECT_ACE_TYPE:
            continue;
        case ACCESS_ALLOWED_ACE_TYPE:
        case ACCESS_ALLOWED_CALLBACK_ACE_TYPE:
            mask = ((ACCESS_ALLOWED_ACE *)ace)->Mask & WRITE_RIGHTS;
            if (mask && !trusted((PSID)&((ACCESS_ALLOWED_ACE *)ace)->SidStart, self))
                return mask;
            continue;
        default:
            /* Object and compound ACEs keep the SID elsewhere: any write
             * right they grant is refused. */
            mask = ((ACCESS_ALLOWED_ACE *)ace)->Mask & WRITE_RIGHTS;
            if (mask)
                return mask;
        }
    }
    return 0;
}

/* The DACL rule on the folder that holds the file. */
static uint32_t check_folder_acl(WCHAR *path, size_t sep, PSID self, uint32_t *detail)
{
    PSECURITY_DESCRIPTOR sd = NULL;
    PSID owner = NULL;
    PACL dacl = NULL;
    WCHAR save = path[sep + 1];
    DWORD err;

    path[sep + 1] = 0; /* keeps the separator: "C:\" stays a root */
    err = GetNamedSecurityInfoW(path, SE_FILE_OBJECT,
                                OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION,
                                &owner, NULL, &dacl, NULL, &sd);
    path[sep + 1] = save;
    /* A missing folder: the open fails and is counted as before. */
    if (err == ERROR_FILE_NOT_FOUND || err == ERROR_PATH_NOT_FOUND)
        return CN_REFUSE_NONE;
    *detail = err ? 0 : untrusted_rights(owner, dacl, self);
    if (sd)
        LocalFree(sd);
    return err || *detail ? CN_REFUSE_ACL_DIR : CN_REFUSE_NONE;
}

uint32_t sink_check_path(const WCHAR *path, PSID self, uint32_t *detail)
{
    WCHAR root[4] = { path[0], L':', L'\\', 0 };
    uint32_t why = sink_check_string(path);
    size_t len, last = 2;
    WCHAR *buf;
    UINT type;

    *detail = 0;
    if (why)
        return why;
    if ((type = GetDriveTypeW(root)) != DRIVE_FIXED) {
        *detail = type;
        return CN_REFUSE_DRIVE;
    }
    len = wcslen(path);
    /* A trailing separator can only name a folder. */
    if (is_sep(path[len - 1]))
        return CN_REFUSE_DIRECTORY;
    if (!(buf = HeapAlloc(GetProcessHeap(), 0, (len + 1) * sizeof(WCHAR)))) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return UINT32_MAX;
    }
    memcpy(buf, path, (len + 1) * sizeof(WCHAR));
    /* Each folder below the root, then the file itself. */
    for (size_t i = 3; i <= len && !why; i++) {
        WCHAR save = buf[i];
        DWORD attrs;

        if ((i < len && !is_sep(buf[i])) || is_sep(buf[i - 1]))
            continue;
        buf[i] = 0;
        attrs = GetFileAttributesW(buf);
        if (attrs == INVALID_FILE_ATTRIBUTES) {
            buf[i] = save;
            break; /* missing: the open reports it */
        }
        if ((attrs & FILE_ATTRIBUTE_REPARSE_POINT) && !(i < len && volume_root(buf))) {
            why = CN_REFUSE_REPARSE;
            *detail = reparse_tag(buf);
        } else if (i == len && (attrs & FILE_ATTRIBUTE_DIRECTORY)) {
            why = CN_REFUSE_DIRECTORY;
        }
        buf[i] = save;
    }
    for (size_t i = 3; i < len; i++)
        if (is_sep(buf[i]))
            last = i;
    if (!why && self)
        why = check_folder_acl(buf, last, self, detail);
    HeapFree(GetProcessHeap(), 0, buf);
    return why;
}

uint32_t sink_check_file(HANDLE h, PSID self, BY_HANDLE_FILE_INFORMATION *fi, uint32_t *detail)
{
    FILE_ATTRIBUTE_TAG_INFO tag;
    PSECURITY_DESCRIPTOR sd = NULL;
    PSID owner = NULL;
    PACL dacl = NULL;
    DWORD type = GetFileType(h), err;

    *detail = 0;
    if (type != FILE_TYPE_DISK) {
        *detail = type;
        return CN_REFUSE_NOT_DISK;
    }
    if (!GetFileInformationByHandle(h, fi))
        return UINT32_MAX;
    if (fi->dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)
        return CN_REFUSE_DIRECTORY;
    if (fi->dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT) {
        if (GetFileInformationByHandleEx(h, FileAttributeTagInfo, &tag, sizeof(tag)))
            *detail = tag.ReparseTag;
        return CN_REFUSE_REPARSE;
    }
    if (fi->nNumberOfLinks != 1) {
        *detail = fi->nNumberOfLinks;
        return CN_REFUSE_HARD_LINK;
    }
    if (!self)
        return CN_REFUSE_NONE;
    err = GetSecurityInfo(h, SE_FILE_OBJECT, OWNER_SECURITY_INFORMATION | DACL_SECURITY_INFORMATION,
                          &owner, NULL, &dacl, NULL, &sd);
    *detail = err ? 0 : untrusted_rights(owner, dacl, self);
    if (sd)
        LocalFree(sd);
    return err || *detail ? CN_REFUSE_ACL_FILE : CN_REFUSE_NONE;
}

int sink_process_identity(BYTE *out)
{
    union {
        TOKEN_USER user;
        BYTE bytes[sizeof(TOKEN_USER) + SECURITY_MAX_SID_SIZE];
    } buf;
    HANDLE token;
    DWORD n;
    int ret = -1;

    if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token))
        return -1;
    if (GetTokenInformation(token, TokenUser, &buf, sizeof(buf), &n)
        && CopySid(SECURITY_MAX_SID_SIZE, out, buf.user.User.Sid)) {
        PSID sid = buf.user.User.Sid;
        ret = IsWellKnownSid(sid, WinLocalSystemSid) || IsWellKnownSid(sid, WinLocalServiceSid)
              || IsWellKnownSid(sid, WinNetworkServiceSid);
    }
    CloseHandle(token);
    return ret;
}
