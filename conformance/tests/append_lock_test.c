/* append_lock_test FILE TAG OTHER LOCKED: once the process tagged OTHER is
 * ready too, appends 20000 lines "TAG line N" to FILE,
 * one WriteFile each through a handle opened with FILE_APPEND_DATA only; with
 * LOCKED 1 each write goes through append_lock (../driver/append_lock.h).
 * Two of these at once: Windows keeps every line whole; Wine does not without
 * the lock (append_lock_test.sh). */
#include "../driver/append_lock.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: append_lock_test FILE TAG OTHER LOCKED\n");
        return 2;
    }
    char name[64];
    snprintf(name, sizeof name, "connotify-append-test-%s", argv[2]);
    HANDLE mine = CreateEventA(NULL, TRUE, FALSE, name);
    snprintf(name, sizeof name, "connotify-append-test-%s", argv[3]);
    HANDLE other = CreateEventA(NULL, TRUE, FALSE, name);
    if (!mine || !other) {
        fprintf(stderr, "append_lock_test: no event (error %lu)\n", (unsigned long)GetLastError());
        return 2;
    }
    /* Both write at once, or Wine's gap does not show. */
    SetEvent(mine);
    if (WaitForSingleObject(other, 30000) != WAIT_OBJECT_0) {
        fprintf(stderr, "append_lock_test: %s never started\n", argv[3]);
        return 2;
    }
    HANDLE h = CreateFileA(argv[1], FILE_APPEND_DATA, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                           OPEN_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "append_lock_test: cannot open %s (error %lu)\n", argv[1],
                (unsigned long)GetLastError());
        return 2;
    }
    int locked = atoi(argv[4]);
    for (int i = 0; i < 20000; i++) {
        char line[96];
        DWORD done;
        int n = snprintf(line, sizeof line, "%s line %06d of a whole record\r\n", argv[2], i);
        HANDLE lock = locked ? append_lock_take(h, NULL) : NULL;
        if (locked && !lock) {
            fprintf(stderr, "append_lock_test: no lock for an append-only handle\n");
            return 1;
        }
        WriteFile(h, line, (DWORD)n, &done, NULL);
        append_lock_give(lock);
    }
    CloseHandle(h);
    return 0;
}
