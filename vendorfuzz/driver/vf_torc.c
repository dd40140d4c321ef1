/* Handing the notifier's comparisons to libFuzzer (vf_torc.h). The DLL runs
 * in another process, so libFuzzer's own trace-cmp hooks never see them:
 * they are replayed here through the same entry points its instrumented
 * code calls [design]. libFuzzer keeps only pairs of 4 or 8 bytes
 * (trace-cmp) and of 2 to 64 bytes (weak_hook_memcmp); a UTF-16 unit is a
 * 2-byte word. */
#include "vf_torc.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

void __sanitizer_cov_trace_cmp4(uint32_t a, uint32_t b);
void __sanitizer_cov_trace_cmp8(uint64_t a, uint64_t b);
void __sanitizer_weak_hook_memcmp(void *pc, const void *a, const void *b, size_t n, int res);
void __sanitizer_weak_hook_strstr(void *pc, const char *hay, const char *needle, char *res);

static void feed_int(const struct vf_cmp *e)
{
    uint64_t a, b;
    memcpy(&a, e->a, 8);
    memcpy(&b, e->b, 8);
    void *pc = (void *)(uintptr_t)e->site;
    switch (e->len) {
    case 2:
        __sanitizer_weak_hook_memcmp(pc, e->a, e->b, 2, 1);
        break;
    case 4:
        __sanitizer_cov_trace_cmp4((uint32_t)a, (uint32_t)b);
        break;
    case 8:
        __sanitizer_cov_trace_cmp8(a, b);
        break;
    default: /* a byte: libFuzzer keeps no pair of one byte */
        break;
    }
}

void vf_torc_feed(const struct vf_shm *shm, uint32_t gen)
{
    char token[VF_CMP_BYTES + 1];
    for (uint32_t i = 0; i < VF_CMP_SLOTS; i++) {
        const struct vf_cmp *e = &shm->cmp[i];
        if (e->gen != gen || e->len == 0 || e->len > VF_CMP_BYTES)
            continue;
        void *pc = (void *)(uintptr_t)e->site;
        if (e->kind == VF_CMP_INT) {
            feed_int(e);
        } else if (e->kind == VF_CMP_WORD && e->len > 1) {
            __sanitizer_weak_hook_memcmp(pc, e->a, e->b, e->len, 1);
        } else if (e->kind == VF_CMP_TOKEN && e->len > 1) {
            /* strstr's needle goes to libFuzzer's table of words to insert;
             * one with NUL bytes (UTF-16) as a pair whose other side no
             * input holds, which libFuzzer inserts anywhere. */
            memcpy(token, e->b, e->len);
            token[e->len] = 0;
            if (strlen(token) == e->len) {
                __sanitizer_weak_hook_strstr(pc, "", token, NULL);
            } else {
                uint8_t other[VF_CMP_BYTES];
                for (uint16_t k = 0; k < e->len; k++)
                    other[k] = (uint8_t)~e->b[k];
                __sanitizer_weak_hook_memcmp(pc, other, e->b, e->len, 1);
            }
        }
    }
}
