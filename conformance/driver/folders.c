/* Folders by who may write them (see folders.h). */
#include "folders.h"

#include "conform.h"

#include <wchar.h>

#define MAX_FOLDERS 10

struct folder_list {
    WCHAR dirs[MAX_FOLDERS][MAX_PATH];
    unsigned n;
};

/* Appends dir (with a trailing '\') to the list when it is a full path. */
static void add_dir(struct folder_list *l, const WCHAR *dir)
{
    WCHAR full[MAX_PATH];
    DWORD len = dir && dir[0] ? GetFullPathNameW(dir, MAX_PATH, full, NULL) : 0;
    if (!len || len >= MAX_PATH - 1 || l->n >= MAX_FOLDERS)
        return;
    if (full[len - 1] != '\\')
        wcscat(full, L"\\");
    wcscpy(l->dirs[l->n++], full);
}

static void add_env_dir(struct folder_list *l, const WCHAR *var)
{
    WCHAR v[MAX_PATH];
    DWORD len = GetEnvironmentVariableW(var, v, MAX_PATH);
    if (len && len < MAX_PATH)
        add_dir(l, v);
}

static const WCHAR *find(const struct folder_list *l, const WCHAR *full)
{
    for (unsigned i = 0; i < l->n; i++) {
        if (!_wcsnicmp(full, l->dirs[i], wcslen(l->dirs[i])))
            return l->dirs[i];
    }
    return NULL;
}

/* [design] %SystemRoot%, the Program Files folders, and the notifier's own
 * (its installer's ACL). */
static BOOL CALLBACK make_admin_only(INIT_ONCE *once, void *list, void **ctx)
{
    struct folder_list *l = list;
    WCHAR d[MAX_PATH];
    if (GetSystemWindowsDirectoryW(d, MAX_PATH))
        add_dir(l, d);
    add_env_dir(l, L"SystemRoot");
    add_env_dir(l, L"ProgramFiles");
    add_env_dir(l, L"ProgramFiles(x86)");
    add_env_dir(l, L"ProgramW6432");
    wcsncpy(d, cf.dll ? cf.dll : L"", MAX_PATH - 1);
    d[MAX_PATH - 1] = 0;
    WCHAR *slash = wcsrchr(d, '\\');
    if (slash) {
        slash[1] = 0;
        add_dir(l, d);
    }
    return TRUE;
}

/* [design] the temporary folders (a service's %TEMP% is C:\Windows\Temp),
 * Public and ProgramData (users may create folders there, owned by them,
 * unless an installer made the folder first with its own ACL). */
static BOOL CALLBACK make_everyone_writes(INIT_ONCE *once, void *list, void **ctx)
{
    struct folder_list *l = list;
    WCHAR t[MAX_PATH];
    if (GetTempPathW(MAX_PATH, t))
        add_dir(l, t);
    add_env_dir(l, L"TEMP");
    add_env_dir(l, L"TMP");
    add_env_dir(l, L"PUBLIC");
    add_env_dir(l, L"ProgramData");
    add_env_dir(l, L"ALLUSERSPROFILE");
    if (GetSystemWindowsDirectoryW(t, MAX_PATH) && wcslen(t) < MAX_PATH - 6) {
        wcscat(t, L"\\Temp");
        add_dir(l, t);
    }
    add_dir(l, L"C:\\Users\\Public");
    add_dir(l, L"C:\\ProgramData");
    return TRUE;
}

/* [design] where a product's installer makes its folders. */
static BOOL CALLBACK make_installers_make(INIT_ONCE *once, void *list, void **ctx)
{
    struct folder_list *l = list;
    add_env_dir(l, L"ProgramData");
    add_env_dir(l, L"ALLUSERSPROFILE");
    add_env_dir(l, L"ProgramFiles");
    add_env_dir(l, L"ProgramFiles(x86)");
    add_env_dir(l, L"ProgramW6432");
    add_dir(l, L"C:\\ProgramData");
    add_dir(l, L"C:\\Program Files");
    add_dir(l, L"C:\\Program Files (x86)");
    return TRUE;
}

const WCHAR *folder_installers_make(const WCHAR *full)
{
    static struct folder_list list;
    static INIT_ONCE once = INIT_ONCE_STATIC_INIT;
    InitOnceExecuteOnce(&once, make_installers_make, &list, NULL);
    return find(&list, full);
}

const WCHAR *folder_admin_only(const WCHAR *full)
{
    static struct folder_list list;
    static INIT_ONCE once = INIT_ONCE_STATIC_INIT;
    InitOnceExecuteOnce(&once, make_admin_only, &list, NULL);
    return find(&list, full);
}

const WCHAR *folder_everyone_writes(const WCHAR *full)
{
    static struct folder_list list;
    static INIT_ONCE once = INIT_ONCE_STATIC_INIT;
    InitOnceExecuteOnce(&once, make_everyone_writes, &list, NULL);
    return find(&list, full);
}

size_t folder_len(const WCHAR *p)
{
    const WCHAR *slash = wcsrchr(p, L'\\');
    return slash ? (size_t)(slash - p) + 1 : 0;
}

int path_is_full(const WCHAR *p)
{
    if ((p[0] == '\\' || p[0] == '/') && (p[1] == '\\' || p[1] == '/'))
        return 1;
    return ((p[0] >= 'A' && p[0] <= 'Z') || (p[0] >= 'a' && p[0] <= 'z')) && p[1] == ':' &&
           (p[2] == '\\' || p[2] == '/');
}
