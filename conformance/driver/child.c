/* Children of the driver (see child.h). */
#include "child.h"

#include "out.h"

#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

int child_start(const WCHAR *image, const WCHAR *args, HANDLE out, const WCHAR *env,
                const WCHAR *cwd, PROCESS_INFORMATION *pi)
{
    WCHAR self[MAX_PATH];
    if (!image) {
        if (!GetModuleFileNameW(NULL, self, MAX_PATH))
            return 0;
        image = self;
    }
    size_t cap = wcslen(image) + wcslen(args) + 4;
    WCHAR *cmd = malloc(cap * sizeof *cmd);
    if (!cmd) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return 0;
    }
    swprintf(cmd, cap, L"\"%ls\" %ls", image, args);
    STARTUPINFOW si = {.cb = sizeof si};
    si.dwFlags = STARTF_USESTDHANDLES;
    si.hStdInput = GetStdHandle(STD_INPUT_HANDLE);
    si.hStdOutput = out ? out : out_handle();
    si.hStdError = out ? out : GetStdHandle(STD_ERROR_HANDLE);
    fflush(stdout);
    BOOL ok = CreateProcessW(image, cmd, NULL, NULL, TRUE, env ? CREATE_UNICODE_ENVIRONMENT : 0,
                             (void *)env, cwd, &si, pi);
    DWORD err = GetLastError();
    free(cmd);
    SetLastError(err);
    return ok;
}
