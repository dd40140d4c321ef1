/* Helpers shared by the reference-notifier DLL tests: configuration in HKLM,
 * loading the DLL as MPR does, the stats section and log files. */
#ifndef CONNOTIFY_DLL_TEST_UTIL_H
#define CONNOTIFY_DLL_TEST_UTIL_H

#include <windows.h>
#include <npapi.h>
#include <stddef.h>

#include "connotify/notify_core.h"
#include "notifier_stats.h"

typedef struct dlltest_dll {
    HMODULE mod;
    PF_AddConnectNotify add;
    PF_CancelConnectNotify cancel;
} dlltest_dll;

/* Sets HKLM\SOFTWARE\connotify LogPath (REG_EXPAND_SZ, 64-bit view);
 * NULL deletes the value. Returns a Win32 error code. */
LONG dlltest_set_logpath(const WCHAR *value);
/* Sets or (present 0) deletes a REG_DWORD value beside LogPath. */
LONG dlltest_set_dword(const WCHAR *name, DWORD value, int present);
/* The prefix may hold a LogPath other tests rely on: save it before
 * changing it, restore it at the end. */
void dlltest_save_logpath(void);
void dlltest_restore_logpath(void);

/* Loads connotify_notifier.dll (beside the test program, or the path in
 * env CONNOTIFY_NOTIFIER_DLL) and looks both exports up by plain name as
 * MPR does. Returns 0 on success; failures are reported with ok(). */
int dlltest_load(dlltest_dll *d);
/* The path dlltest_load uses. Returns 0 on success. */
int dlltest_dll_path(WCHAR *path, size_t cap);
void dlltest_unload(dlltest_dll *d);

/* One add PRE+POST through d, as MPR makes them; both must return
 * WN_SUCCESS and PRE must hand out a context [design]. */
void dlltest_add_pair(const dlltest_dll *d, const char *what);

/* The notifier's stats section of this process (NULL until the DLL's first
 * call created it). The mapping is kept open, so counts survive reloads. */
const cn_stats *dlltest_stats(void);

/* %TEMP%\connotify-dll-<pid>-<tag>, created. Returns its length. */
size_t dlltest_temp_dir(const WCHAR *tag, WCHAR *out, size_t cap);

/* Whole file, NUL-terminated (HeapFree it); NULL if it cannot be read. */
char *dlltest_read_file(const WCHAR *path, size_t *len);

/* Counts '\n'-terminated lines; *tail = bytes after the last '\n'. */
size_t dlltest_count_lines(const char *buf, size_t len, size_t *tail);

/* UTC now in Unix milliseconds. */
uint64_t dlltest_now_ms(void);

#endif /* CONNOTIFY_DLL_TEST_UTIL_H */
