/* Property: a NOTIFYADD with any dwType, dwAddFlags and names (NULL, empty,
 * unterminated, over-long, unpaired surrogates, embedded NUL and control
 * characters) yields PRE and POST records that parse back to the same field
 * values, and no name is read past its bound. */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "fuzz_data_producer.h"

/* Never-valid fields [doc: only those of NPAddConnection are valid]: a read
 * of lpComment or hwndOwner faults. */
#define POISON ((void *)(uintptr_t)0x10)

static void check_add(const cn_record *rec, cn_phase phase, uint32_t status,
                      const cn_notifyadd *add, const fuzz_name names[3])
{
    FUZZ_ASSERT(rec->op == CN_OP_ADD && rec->phase == phase, "op %d phase %d", rec->op, rec->phase);
    FUZZ_ASSERT(rec->status == status, "status %u, expected %u", (unsigned)rec->status, (unsigned)status);
    FUZZ_ASSERT(rec->type == add->NetResource.dwType, "type %u, expected %u",
                (unsigned)rec->type, (unsigned)add->NetResource.dwType);
    FUZZ_ASSERT(rec->flags == add->dwAddFlags, "flags %#x, expected %#x",
                (unsigned)rec->flags, (unsigned)add->dwAddFlags);
    FUZZ_ASSERT(rec->force == 0, "force %d in an add record", (int)rec->force);
    fuzz_check_name("local", rec->local, rec->local_len, names[0].p, names[0].len);
    fuzz_check_name("remote", rec->remote, rec->remote_len, names[1].p, names[1].len);
    fuzz_check_name("provider", rec->provider, rec->provider_len, names[2].p, names[2].len);
    FUZZ_ASSERT(rec->truncated == (names[0].truncated || names[1].truncated || names[2].truncated),
                "truncated %d, expected %d/%d/%d", rec->truncated, names[0].truncated,
                names[1].truncated, names[2].truncated);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_data_producer p;
    fuzz_capture cap;
    /* Static: a fresh 12 KiB heap block per input costs more than the
     * target (page faults, ASan's malloc fill). Re-initialised below. */
    static cn_notifier notifier;
    cn_notifier *n = &notifier;
    cn_notifyadd add;
    cn_notifyinfo info;
    fuzz_name names[3];
    cn_record rec;
    size_t bound;
    uint32_t post_status;
    uint64_t pre_key;

    fdp_init(&p, data, size);
    /* Times up to 9999-12-31T23:59:59.999Z fit the record's format. */
    {
        uint32_t pid = fdp_u32(&p), tid = fdp_u32(&p);
        cn_notifier_init(n, fuzz_platform(&cap, pid, tid, fdp_u64(&p) % 253402300800000u));
    }
    bound = fdp_u32_range(&p, 0, 15) == 0 ? CN_NAME_MAX : fdp_u32_range(&p, 0, 160);

    memset(&add, 0, sizeof(add));
    add.hwndOwner = POISON;
    add.NetResource.dwScope = fdp_u32(&p);
    add.NetResource.dwType = fdp_u32(&p);
    add.NetResource.dwDisplayType = fdp_u32(&p);
    add.NetResource.dwUsage = fdp_u32(&p);
    add.NetResource.lpComment = POISON;
    add.dwAddFlags = fdp_u32(&p);
    post_status = fdp_u32(&p);
    for (int i = 0; i < 3; i++)
        fuzz_name_make(&names[i], &p, bound);
    add.NetResource.lpLocalName = names[0].p;
    add.NetResource.lpRemoteName = names[1].p;
    add.NetResource.lpProvider = names[2].p;

    /* [doc] PRE: dwOperationStatus WN_SUCCESS, lpContext NULL. */
    info.dwNotifyStatus = CN_NOTIFY_PRE;
    info.dwOperationStatus = CN_WN_SUCCESS;
    info.lpContext = NULL;
    FUZZ_ASSERT(cn_on_add(n, &info, &add, bound) == CN_WN_SUCCESS, "PRE refused");
    FUZZ_ASSERT(info.lpContext != NULL, "PRE on an empty pool left lpContext NULL");
    fuzz_capture_parse(&cap, &rec);
    check_add(&rec, CN_PHASE_PRE, CN_WN_SUCCESS, &add, names);
    FUZZ_ASSERT(rec.key != 0 && rec.ctx[0] == '\0', "PRE key %llu ctx \"%s\"",
                (unsigned long long)rec.key, rec.ctx);
    pre_key = rec.key;
    cn_record_free(&rec);

    /* [doc] POST: the PRE's lpContext, the provider's result. */
    info.dwNotifyStatus = CN_NOTIFY_POST;
    info.dwOperationStatus = post_status;
    FUZZ_ASSERT(cn_on_add(n, &info, &add, bound) == CN_WN_SUCCESS, "POST refused");
    fuzz_capture_parse(&cap, &rec);
    check_add(&rec, CN_PHASE_POST, post_status, &add, names);
    FUZZ_ASSERT(rec.key == pre_key && rec.ctx[0] == '\0', "POST key %llu ctx \"%s\", PRE key %llu",
                (unsigned long long)rec.key, rec.ctx, (unsigned long long)pre_key);
    cn_record_free(&rec);
    FUZZ_ASSERT(cn_pool_outstanding(&n->pool) == 0, "%u contexts outstanding after POST",
                (unsigned)cn_pool_outstanding(&n->pool));

    for (int i = 0; i < 3; i++)
        fuzz_name_free(&names[i]);
    fuzz_capture_free(&cap);
    return 0;
}
