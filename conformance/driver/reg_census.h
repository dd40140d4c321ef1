/* The keys below HKCU\Software and HKLM\Software (the native view), less Classes and Wine's
 * own: a process that ends leaves what its notifier wrote there. A notifier keeping a key per
 * process (state under its process id) and deleting it only at FreeLibrary leaves one behind
 * for every process that ends with it loaded, as nearly every process does: the registry grows
 * with every `net use` for good. Other processes of the prefix (tests run side by side) make
 * keys meanwhile: only new keys named after the process, its id a whole number in the path,
 * are its. */
#ifndef REG_CENSUS_H
#define REG_CENSUS_H

#include <stddef.h>
#include <windows.h>

struct reg_census {
    unsigned long long *hashes; /* of the keys' full paths, ascending */
    size_t n;
};

/* Takes the keys now; 0 when none could be read. */
int reg_census_take(struct reg_census *c);
/* Keys whose path holds pid as a whole decimal number, not in before or written since `since`
 * (Wine gives a process id out again: a key an earlier process of that id left stays in the
 * prefix); the first one's path into first. */
size_t reg_census_new_keys(const struct reg_census *before, DWORD pid, FILETIME since, WCHAR *first,
                           size_t cap);
void reg_census_free(struct reg_census *c);

#endif
