/* HEAP_NO_SERIALIZE on the process heap (see heap_serialize.h). */
#include "heap_serialize.h"

#include "crash.h"
#include "out.h"

#include <stdint.h>
#include <stdio.h>

void heap_serialize_judge(const char *fn, HANDLE heap, DWORD flags, void *caller)
{
    if (!(flags & HEAP_NO_SERIALIZE) || heap != GetProcessHeap())
        return;
    DWORD err = GetLastError();
    char frame[300];
    notifier_frame(NULL, frame, sizeof frame);
    if (!frame[0])
        snprintf(frame, sizeof frame, "return address %#llx",
                 (unsigned long long)(uintptr_t)caller);
    result_bad("heap.valid",
               "%s with HEAP_NO_SERIALIZE on the process heap during %s; notifier frame %s: the "
               "host's threads use that heap at the same time, and unserialised access corrupts "
               "it [doc: not on the process heap]",
               fn, crash_context(), frame);
    SetLastError(err);
}
