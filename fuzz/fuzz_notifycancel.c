/* Property: a NOTIFYCANCEL with any dwFlags, fForce and names yields PRE and
 * POST records that parse back to the same field values, lpProvider is never
 * read in PRE (it is a poison pointer there), and no name is read past its
 * bound. */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "fuzz_data_producer.h"

static void check_cancel(const cn_record *rec, cn_phase phase, uint32_t status,
                         const cn_notifycancel *cancel, const fuzz_name *name,
                         const fuzz_name *provider)
{
    FUZZ_ASSERT(rec->op == CN_OP_CANCEL && rec->phase == phase, "op %d phase %d", rec->op, rec->phase);
    FUZZ_ASSERT(rec->status == status, "status %u, expected %u", (unsigned)rec->status, (unsigned)status);
    FUZZ_ASSERT(rec->type == 0, "type %u in a cancel record", (unsigned)rec->type);
    FUZZ_ASSERT(rec->flags == cancel->dwFlags, "flags %#x, expected %#x",
                (unsigned)rec->flags, (unsigned)cancel->dwFlags);
    FUZZ_ASSERT(rec->force == (cancel->fForce != 0), "force %d for fForce %d",
                (int)rec->force, (int)cancel->fForce);
    fuzz_check_name("local", rec->local, rec->local_len, name->p, name->len);
    FUZZ_ASSERT(rec->remote == NULL, "cancel record with remote \"%s\"", rec->remote);
    if (provider) {
        fuzz_check_name("provider", rec->provider, rec->provider_len, provider->p, provider->len);
        FUZZ_ASSERT(rec->truncated == (name->truncated || provider->truncated),
                    "truncated %d, expected %d/%d", rec->truncated, name->truncated, provider->truncated);
    } else {
        /* [doc] lpProvider is undefined in PRE and after a failed cancel. */
        FUZZ_ASSERT(rec->provider == NULL, "cancel %s with provider \"%s\"",
                    phase == CN_PHASE_PRE ? "PRE" : "POST of a failure", rec->provider);
        FUZZ_ASSERT(rec->truncated == name->truncated, "truncated %d, expected %d",
                    rec->truncated, name->truncated);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_data_producer p;
    fuzz_capture cap;
    /* Static: a fresh 12 KiB heap block per input costs more than the
     * target (page faults, ASan's malloc fill). Re-initialised below. */
    static cn_notifier notifier;
    cn_notifier *n = &notifier;
    cn_notifycancel cancel;
    cn_notifyinfo info;
    fuzz_name name, provider;
    cn_record rec;
    size_t bound;
    uint32_t post_status;
    uint64_t pre_key;
    uintptr_t freed;
    void *block;

    fdp_init(&p, data, size);
    {
        uint32_t pid = fdp_u32(&p), tid = fdp_u32(&p);
        cn_notifier_init(n, fuzz_platform(&cap, pid, tid, fdp_u64(&p) % 253402300800000u));
    }
    bound = fdp_u32_range(&p, 0, 15) == 0 ? CN_NAME_MAX : fdp_u32_range(&p, 0, 160);

    memset(&cancel, 0, sizeof(cancel));
    cancel.dwFlags = fdp_u32(&p);
    cancel.fForce = (int32_t)fdp_u32(&p);
    post_status = fdp_u32(&p);
    fuzz_name_make(&name, &p, bound);
    fuzz_name_make(&provider, &p, bound);
    cancel.lpName = name.p;

    /* PRE's lpProvider: freed heap (ASan names a read) or the null page
     * (any read faults, also in the MinGW replay). */
    block = fuzz_malloc(16);
    freed = (uintptr_t)block;
    free(block);
    cancel.lpProvider = (const cn_wchar *)(fdp_bool(&p) ? freed : (uintptr_t)0x10);

    info.dwNotifyStatus = CN_NOTIFY_PRE;
    info.dwOperationStatus = CN_WN_SUCCESS;
    info.lpContext = NULL;
    FUZZ_ASSERT(cn_on_cancel(n, &info, &cancel, bound) == CN_WN_SUCCESS, "PRE refused");
    FUZZ_ASSERT(info.lpContext != NULL, "PRE on an empty pool left lpContext NULL");
    fuzz_capture_parse(&cap, &rec);
    check_cancel(&rec, CN_PHASE_PRE, CN_WN_SUCCESS, &cancel, &name, NULL);
    FUZZ_ASSERT(rec.key != 0 && rec.ctx[0] == '\0', "PRE key %llu ctx \"%s\"",
                (unsigned long long)rec.key, rec.ctx);
    pre_key = rec.key;
    cn_record_free(&rec);

    /* [doc] POST: lpProvider names the provider that cancelled (if one did). */
    cancel.lpProvider = provider.p;
    info.dwNotifyStatus = CN_NOTIFY_POST;
    info.dwOperationStatus = post_status;
    FUZZ_ASSERT(cn_on_cancel(n, &info, &cancel, bound) == CN_WN_SUCCESS, "POST refused");
    fuzz_capture_parse(&cap, &rec);
    /* [doc] only after success: a failed cancel's lpProvider is not read. */
    check_cancel(&rec, CN_PHASE_POST, post_status, &cancel, &name,
                 post_status == CN_WN_SUCCESS ? &provider : NULL);
    FUZZ_ASSERT(rec.key == pre_key && rec.ctx[0] == '\0', "POST key %llu ctx \"%s\", PRE key %llu",
                (unsigned long long)rec.key, rec.ctx, (unsigned long long)pre_key);
    cn_record_free(&rec);

    fuzz_name_free(&name);
    fuzz_name_free(&provider);
    fuzz_capture_free(&cap);
    return 0;
}
