/* The string comparisons a notifier makes through its imports (the wcscmp
 * and strcmp families, lstrcmp, CompareString, memcmp, wcsstr, strstr, and
 * the wcschr and strchr families when they find nothing):
 * each call is passed on, then counted by how many units matched (a
 * behaviour counter, so a longer match is new coverage) and logged for the
 * driver, which hands the pair to libFuzzer (vf_shm.h, struct vf_cmp).
 * Works on any DLL: no instrumentation needed. */
#ifndef VF_CMPLOG_H
#define VF_CMPLOG_H

#include <windows.h>

#include "vf_shm.h"

/* `shm` may be NULL (--reproduce, --probe): counting and logging stop. */
void vf_cmplog_hook(HMODULE m, struct vf_shm *shm);

#endif
