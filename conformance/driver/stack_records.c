/* Records that carry the caller's stack (see stack_records.h). */
#include "stack_records.h"

#include "call.h"
#include "hooks_files.h"
#include "stack_fill.h"

#include <npapi.h>
#include <stdio.h>
#include <string.h>
#include <windows.h>

static const DWORD statuses[] = {
    WN_SUCCESS,
    WN_BAD_NETNAME,
    0xC000006D /* NTSTATUS: logon failure */,
    0x8007052E /* HRESULT of a logon failure */,
    0xE0000001 /* a provider's own code */,
    12345,
};

/* A byte sequence whose run in a file is the fill, read by the notifier as bytes or as UTF-16
 * units and written as they are, in UTF-8 or converted to 8 bits. */
struct fill_look {
    unsigned char seq[4];
    size_t n;
    unsigned run; /* repeats: no record's own text */
};

/* The looks of the fill `unit` at every even address: bytes b b (unit 0xbbbb) read as bytes
 * ("QQ" for 0x5151), or U+bbbb in UTF-8; U+0051 read as units and converted to 8 bits ("Q",
 * where the C locale of a runtime converts nothing above U+00FF). */
static unsigned fill_looks(WCHAR unit, struct fill_look looks[2])
{
    unsigned char lo = (unsigned char)(unit & 0xFF);
    unsigned char hi = (unsigned char)(unit >> 8);
    if (hi == 0) {
        looks[0] = (struct fill_look){.seq = {lo}, .n = 1, .run = 24};
        return 1;
    }
    looks[0] = (struct fill_look){.seq = {lo}, .n = 1, .run = 48};
    int k = WideCharToMultiByte(CP_UTF8, 0, &unit, 1, (char *)looks[1].seq, 4, NULL, NULL);
    looks[1].n = k > 0 ? (size_t)k : 0;
    looks[1].run = 16;
    return k > 0 ? 2 : 1;
}

/* Where in b (len bytes) a run of a look starts; len when none. */
static size_t fill_run(const unsigned char *b, size_t len, const struct fill_look *looks,
                       unsigned n_looks)
{
    for (unsigned l = 0; l < n_looks; l++) {
        const struct fill_look *f = &looks[l];
        unsigned repeats = 0;
        for (size_t k = 0; k + f->n <= len;) {
            if (memcmp(b + k, f->seq, f->n)) {
                repeats = 0;
                k++;
                continue;
            }
            repeats++;
            k += f->n;
            if (repeats >= f->run)
                return k - repeats * f->n;
        }
    }
    return len;
}

/* Adds and cancels with every status, the stack left as `unit`s; 1 and the text when a file
 * holds a run of it. */
static int fill_in_records(WCHAR unit, char *text, size_t cap)
{
    struct fill_look looks[2];
    unsigned n_looks = fill_looks(unit, looks);
    files_mark();
    stack_fill_set_unit(STACK_FILL_EVERY_CALL, unit);
    for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++) {
        char what[80];
        snprintf(what, sizeof what, "POST status %#lx, the caller's stack left as 0x%04X units",
                 (unsigned long)statuses[i], unit);
        pair_add(mk_add(RESOURCETYPE_DISK, s_local, s_remote, s_provider, 0), statuses[i], what);
        pair_cancel(mk_cancel(s_local, s_pre_provider, 0, FALSE),
                    mk_cancel(s_local, statuses[i] == WN_SUCCESS ? s_provider : NULL, 0, FALSE),
                    statuses[i], what);
    }
    stack_fill_set(STACK_FILL_NONE, 0);
    /* A log written by a thread of the notifier may lag: up to 500 ms (files.injection waits
     * for its markers up to 3 s). */
    for (int wait = 0; wait <= 2 && files_written(); wait++) {
        files_flush_crt();
        for (unsigned i = 0; i < files_written(); i++) {
            size_t len = 0;
            DWORD err = 0;
            unsigned char *bytes = files_read_since(i, &len, &err);
            if (!bytes)
                continue;
            size_t at = fill_run(bytes, len, looks, n_looks);
            HeapFree(GetProcessHeap(), 0, bytes);
            if (at == len)
                continue;
            snprintf(
                text, cap,
                "%.200ls holds, at byte %lu of what was written during adds and cancels "
                "with POST statuses of every kind, a run of the bytes the caller's stack "
                "was left holding (units 0x%04X): a buffer written out that the notifier never "
                "filled (a message for a status it has no text for, a result not checked) "
                "puts what the caller left on its stack, passwords included, in a file",
                files_written_at(i), (unsigned long)at, unit);
            return 1;
        }
        Sleep(250);
    }
    return 0;
}

int stack_in_records(char *text, size_t cap)
{
    return fill_in_records(STACK_RECORDS_UNIT, text, cap) ||
           fill_in_records(STACK_RECORDS_NARROW_UNIT, text, cap);
}
