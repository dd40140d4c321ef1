/* Compile-time check of the core mirror against the real MinGW-w64 <npapi.h>
 * (UNICODE), for the architecture being built. i686 has no Wine here, so
 * this object is the i686 ABI test: a mismatch fails the build. */
#include "abi_layout.h"

#define SIZE_OK(W, M)                                                      \
    _Static_assert(sizeof(W) == sizeof(M), "sizeof " #W " != " #M);         \
    _Static_assert(sizeof(W) == CN_SIZE_##W, "sizeof " #W " != CONTRACT.md");
#define FIELD_OK(W, M, f)                                                  \
    _Static_assert(offsetof(W, f) == offsetof(M, f), "offsetof " #W "." #f); \
    _Static_assert(CN_FIELD_SIZE(W, f) == CN_FIELD_SIZE(M, f), "sizeof " #W "." #f);

CN_ABI_STRUCTS(SIZE_OK)
CN_ABI_FIELDS(FIELD_OK)

/* [doc] names are UTF-16: NOTIFYADD.NetResource must be the W struct. */
_Static_assert(sizeof(((NOTIFYADD *)0)->NetResource.lpLocalName[0]) == 2, "NOTIFYADD names not WCHAR");
_Static_assert(sizeof(((NOTIFYCANCEL *)0)->lpName[0]) == 2, "NOTIFYCANCEL names not WCHAR");

/* A translation unit must declare something. */
int cn_abi_static_checked(void);
int cn_abi_static_checked(void) { return 1; }
