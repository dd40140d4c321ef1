/* Named kernel objects open to every user (see objects.h). */
#include "objects.h"

#include "handle_list.h"
#include "measure.h"

#include <windows.h>
#include <aclapi.h>
#include <winternl.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

static unsigned char had[HANDLE_SLOTS];

static void note_had(HANDLE h, void *arg)
{
    unsigned slot = handle_slot(h);
    (void)arg;
    if (slot < HANDLE_SLOTS)
        had[slot] = 1;
}

void objects_before(void)
{
    memset(had, 0, sizeof had);
    handles_each(note_had, NULL);
}

/* OBJECT_NAME_INFORMATION and the type's name (ntdll). */
struct name_info {
    UNICODE_STRING name;
    WCHAR buf[512];
};

static int query_string(HANDLE h, int info_class, WCHAR *out, size_t cap)
{
    struct name_info ni;
    ULONG len = 0;
    out[0] = 0;
    if (NtQueryObject(h, (OBJECT_INFORMATION_CLASS)info_class, &ni, sizeof ni, &len) < 0)
        return 0;
    size_t n = ni.name.Length / sizeof(WCHAR);
    if (!ni.name.Buffer || n >= cap)
        return 0;
    memcpy(out, ni.name.Buffer, n * sizeof(WCHAR));
    out[n] = 0;
    return n > 0;
}

/* Sections, events, mutexes, semaphores: what processes share by name. */
static int shared_type(const WCHAR *type)
{
    return !wcscmp(type, L"Section") || !wcscmp(type, L"Event") || !wcscmp(type, L"Mutant") ||
           !wcscmp(type, L"Semaphore");
}

/* Everyone, Anonymous, Authenticated Users, Users. */
static const char *world_sid(PSID sid)
{
    static const struct {
        const char *name;
        WELL_KNOWN_SID_TYPE type;
    } world[] = {
        {"Everyone", WinWorldSid},
        {"Anonymous", WinAnonymousSid},
        {"Authenticated Users", WinAuthenticatedUserSid},
        {"Users", WinBuiltinUsersSid},
    };
    for (size_t i = 0; i < sizeof world / sizeof world[0]; i++) {
        if (IsWellKnownSid(sid, world[i].type))
            return world[i].name;
    }
    return NULL;
}

/* Rights that hand the object over: its DACL, its owner, everything; for a
 * section also writing what every process maps. */
static DWORD taking_rights(const WCHAR *type)
{
    DWORD rights = GENERIC_ALL | WRITE_DAC | WRITE_OWNER;
    if (!wcscmp(type, L"Section"))
        rights |= GENERIC_WRITE | SECTION_MAP_WRITE;
    return rights;
}

/* Why the object is open to every user, into why; 0 if it is not. */
static int open_to_all(HANDLE h, const WCHAR *type, char *why, size_t cap)
{
    HANDLE dup = NULL;
    PSECURITY_DESCRIPTOR sd = NULL;
    BOOL present = FALSE;
    BOOL defaulted = FALSE;
    PACL dacl = NULL;
    int found = 0;
    if (!DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &dup, READ_CONTROL, FALSE, 0))
        return 0;
    if (GetSecurityInfo(dup, SE_KERNEL_OBJECT, DACL_SECURITY_INFORMATION, NULL, NULL, NULL, NULL,
                        &sd) != ERROR_SUCCESS) {
        CloseHandle(dup);
        return 0;
    }
    CloseHandle(dup);
    GetSecurityDescriptorDacl(sd, &present, &dacl, &defaulted);
    if (present && !dacl) {
        snprintf(why, cap, "a NULL DACL: every user's process may open it with any access");
        found = 1;
    }
    for (DWORD i = 0; !found && dacl && i < dacl->AceCount; i++) {
        ACCESS_ALLOWED_ACE *ace = NULL;
        if (!GetAce(dacl, i, (void **)&ace) || ace->Header.AceType != ACCESS_ALLOWED_ACE_TYPE)
            continue;
        const char *who = world_sid((PSID)&ace->SidStart);
        DWORD rights = ace->Mask & taking_rights(type);
        if (!who || !rights)
            continue;
        snprintf(why, cap, "its DACL allows %s access %#lx (of %#lx)", who, (unsigned long)rights,
                 (unsigned long)ace->Mask);
        found = 1;
    }
    LocalFree(sd);
    return found;
}

struct named_walk {
    objects_each_fn each;
    void *arg;
    unsigned named;
};

static void visit_if_new(HANDLE h, void *arg)
{
    struct named_walk *w = arg;
    unsigned slot = handle_slot(h);
    WCHAR type[64];
    WCHAR name[512];
    if (slot >= HANDLE_SLOTS || had[slot])
        return;
    if (!query_string(h, ObjectTypeInformation, type, 64) || !shared_type(type))
        return;
    if (!query_string(h, 1 /* ObjectNameInformation */, name, 512))
        return;
    w->named++;
    w->each(h, type, name, w->arg);
}

unsigned objects_each_named(objects_each_fn each, void *arg)
{
    struct named_walk w = {each, arg, 0};
    handles_each(visit_if_new, &w);
    return w.named;
}

static void note_if_open(HANDLE h, const WCHAR *type, const WCHAR *name, void *arg)
{
    struct objects_scan *s = arg;
    char why[200];
    if (!open_to_all(h, type, why, sizeof why))
        return;
    if (!s->open)
        snprintf(s->first, sizeof s->first, "%ls \"%.150ls\": %s", type, name, why);
    s->open++;
}

void objects_scan(struct objects_scan *s)
{
    memset(s, 0, sizeof *s);
    s->named = objects_each_named(note_if_open, s);
}
