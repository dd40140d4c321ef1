/* Names with ".." components (see path_traversal.h). */
#include "path_traversal.h"

#include "call.h"
#include "fence.h"
#include "hooks_files.h"
#include "out.h"

#include <stdio.h>
#include <wchar.h>

/* "%ls" is the marker: below the share, as the share, with '/' too. */
static const WCHAR *const forms[] = {
    L"\\\\server\\share\\..\\..\\..\\..\\..\\..\\..\\..\\%ls",
    L"\\\\server\\..\\..\\..\\..\\..\\..\\..\\..\\%ls\\share",
    L"\\\\server\\share/../../../../../../../../%ls",
};
enum { FORMS = sizeof forms / sizeof forms[0] };

static unsigned send_form(const WCHAR *form, const WCHAR *marker)
{
    WCHAR buf[160];
    _snwprintf(buf, 160, form, marker);
    buf[159] = 0;
    WCHAR *remote = fence_wstr(buf, "lpRemoteName with '..' components");
    const char *what = "a name with '..' components";
    unsigned n = 0;
    n += pair_add(mk_add(RESOURCETYPE_DISK, s_local, remote, s_provider, 0), WN_SUCCESS, what);
    n += pair_add(mk_add(RESOURCETYPE_DISK, NULL, remote, s_provider, 0), WN_SUCCESS, what);
    n += pair_cancel(mk_cancel(s_local, s_pre_provider, 0, FALSE),
                     mk_cancel(s_local, s_provider, 0, FALSE), WN_SUCCESS, what);
    n += pair_cancel(mk_cancel(remote, s_pre_provider, 0, TRUE),
                     mk_cancel(remote, s_provider, 0, TRUE), WN_SUCCESS, what);
    return n;
}

/* The files a traversal made hold the marker, and so may the folder they
 * are in: removed from the prefix. */
static void remove_marked_files(const WCHAR *marker)
{
    for (unsigned i = 0; i < files_written(); i++) {
        const WCHAR *path = files_written_at(i);
        if (!wcsstr(path, marker))
            continue;
        DeleteFileW(path);
        WCHAR folder[MAX_PATH];
        wcsncpy(folder, path, MAX_PATH - 1);
        folder[MAX_PATH - 1] = 0;
        WCHAR *last = wcsrchr(folder, '\\');
        if (last)
            *last = 0;
        if (wcsstr(folder, marker))
            RemoveDirectoryW(folder);
    }
}

void traversal_judge(void)
{
    WCHAR marker[24];
    _snwprintf(marker, 24, L"CNTRAV%08lX", (unsigned long)(GetCurrentProcessId() ^ GetTickCount()));
    marker[23] = 0;
    announce_step("names with '..' components");
    files_traversal_arm(marker);
    unsigned posts = 0;
    for (unsigned i = 0; i < FORMS; i++)
        posts += send_form(forms[i], marker);
    /* A file written by a thread of the notifier may lag: up to 1 s. */
    for (int i = 0; i < 4 && !files_traversal_seen()[0]; i++)
        Sleep(250);
    const char *seen = files_traversal_seen();
    if (seen[0])
        result_bad("files.traversal",
                   "%s: a path built from a remote name with its '..' components (%ls, sent as "
                   "\\\\server\\share\\..\\..\\...\\%ls and the like): a caller's name "
                   "walks out of the notifier's folder and creates or overwrites files anywhere "
                   "it may write",
                   seen, marker, marker);
    else
        result("files.traversal", "pass",
               "%u names with '..' components leading to a marker (%u POSTs): no file opened "
               "for writing by a path holding them",
               FORMS, posts);
    remove_marked_files(marker);
}
