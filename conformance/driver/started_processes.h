/* The processes the notifier started (CreateProcessA/W, noted by their
 * wrappers): besides its host, the only processes it may end. */
#ifndef STARTED_PROCESSES_H
#define STARTED_PROCESSES_H

#include <windows.h>

void started_processes_note(DWORD pid);
/* 1 when the notifier started process pid (the last STARTED_MAX it started). */
int started_processes_has(DWORD pid);

#endif
