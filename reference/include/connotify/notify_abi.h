/* Portable mirror of the MPR connection-notification structures.
 * No windows.h: fixed-width integers for DWORD (uint32_t; unsigned long is
 * 8 bytes on Linux x86_64), pointers for HWND/LPWSTR/LPVOID.
 * The run-time mirror (cn_notifyinfo, ...) has the layout of the ABI it is
 * compiled for; cn_*32 and cn_*64 spell out both Windows layouts with
 * pointer-sized integers so that every build checks both. */
#ifndef CONNOTIFY_NOTIFY_ABI_H
#define CONNOTIFY_NOTIFY_ABI_H

#include <stddef.h>
#include <stdint.h>

/* UTF-16 code unit as Windows stores WCHAR. */
typedef uint16_t cn_wchar;

#define CN_NOTIFY_PRE  1u   /* [doc] NOTIFYINFO.dwNotifyStatus */
#define CN_NOTIFY_POST 2u

/* Network error codes (winnetwk.h / winerror.h values). */
#define CN_WN_SUCCESS           0u
#define CN_WN_ACCESS_DENIED     5u
#define CN_WN_BAD_VALUE         87u
#define CN_WN_BAD_NETNAME       67u
#define CN_WN_ALREADY_CONNECTED 85u
#define CN_WN_NOT_CONNECTED     2250u
#define CN_WN_CANCEL            1223u
#define CN_WN_RETRY             1237u

/* dwAddFlags / dwFlags bits [doc]. */
#define CN_CONNECT_UPDATE_PROFILE 0x00000001u
#define CN_CONNECT_UPDATE_RECENT  0x00000002u
#define CN_CONNECT_TEMPORARY      0x00000004u
#define CN_CONNECT_INTERACTIVE    0x00000008u
#define CN_CONNECT_PROMPT         0x00000010u

/* Hard bound on a name, in UTF-16 code units [doc: 32767-unit paths]. */
#define CN_NAME_MAX 32767u

/* ---- run-time mirror, layout of the compiling ABI ---- */
typedef struct cn_notifyinfo {
    uint32_t dwNotifyStatus;
    uint32_t dwOperationStatus;
    void *lpContext;
} cn_notifyinfo;

typedef struct cn_netresourcew {
    uint32_t dwScope;
    uint32_t dwType;
    uint32_t dwDisplayType;
    uint32_t dwUsage;
    const cn_wchar *lpLocalName;
    const cn_wchar *lpRemoteName;
    const cn_wchar *lpComment;
    const cn_wchar *lpProvider;
} cn_netresourcew;

typedef struct cn_notifyadd {
    void *hwndOwner;
    cn_netresourcew NetResource;
    uint32_t dwAddFlags;
} cn_notifyadd;

typedef struct cn_notifycancel {
    const cn_wchar *lpName;
    const cn_wchar *lpProvider; /* [doc] undefined in PRE: never read */
    uint32_t dwFlags;
    int32_t fForce;
} cn_notifycancel;

/* ---- both Windows layouts, pointers as integers ---- */
#define CN_DEFINE_LAYOUT(N, P)                                              \
    typedef struct cn_notifyinfo##N { uint32_t dwNotifyStatus;              \
        uint32_t dwOperationStatus; P lpContext; } cn_notifyinfo##N;        \
    typedef struct cn_netresourcew##N { uint32_t dwScope, dwType,           \
        dwDisplayType, dwUsage; P lpLocalName, lpRemoteName, lpComment,     \
        lpProvider; } cn_netresourcew##N;                                   \
    typedef struct cn_notifyadd##N { P hwndOwner;                           \
        cn_netresourcew##N NetResource; uint32_t dwAddFlags; }              \
        cn_notifyadd##N;                                                    \
    typedef struct cn_notifycancel##N { P lpName; P lpProvider;             \
        uint32_t dwFlags; int32_t fForce; } cn_notifycancel##N;

/* i686: 4-byte pointers, 4-byte alignment for all fields. */
CN_DEFINE_LAYOUT(32, uint32_t)
/* x86_64: 8-byte pointers; uint64_t is 8-aligned on both Windows and Linux x86_64. */
CN_DEFINE_LAYOUT(64, uint64_t)

/* Sizes measured with the MinGW-w64 headers (CONTRACT.md). */
_Static_assert(sizeof(cn_notifyinfo32) == 12, "NOTIFYINFO i686");
_Static_assert(sizeof(cn_netresourcew32) == 32, "NETRESOURCEW i686");
_Static_assert(sizeof(cn_notifyadd32) == 40, "NOTIFYADD i686");
_Static_assert(sizeof(cn_notifycancel32) == 16, "NOTIFYCANCEL i686");
_Static_assert(sizeof(cn_notifyinfo64) == 16, "NOTIFYINFO x86_64");
_Static_assert(sizeof(cn_netresourcew64) == 48, "NETRESOURCEW x86_64");
_Static_assert(sizeof(cn_notifyadd64) == 64, "NOTIFYADD x86_64");
_Static_assert(offsetof(cn_notifyadd64, NetResource) == 8, "NOTIFYADD.NetResource x86_64");
_Static_assert(offsetof(cn_notifyadd64, dwAddFlags) == 56, "NOTIFYADD.dwAddFlags x86_64");
_Static_assert(sizeof(cn_notifycancel64) == 24, "NOTIFYCANCEL x86_64");

/* The run-time mirror equals the layout of the ABI it is built for. */
#if UINTPTR_MAX == 0xffffffffu
#define CN_ABI_BITS 32
_Static_assert(sizeof(cn_notifyinfo) == sizeof(cn_notifyinfo32), "mirror i686");
_Static_assert(sizeof(cn_notifyadd) == sizeof(cn_notifyadd32), "mirror i686");
_Static_assert(offsetof(cn_notifyadd, dwAddFlags) == offsetof(cn_notifyadd32, dwAddFlags), "mirror i686");
_Static_assert(sizeof(cn_notifycancel) == sizeof(cn_notifycancel32), "mirror i686");
#else
#define CN_ABI_BITS 64
_Static_assert(sizeof(cn_notifyinfo) == sizeof(cn_notifyinfo64), "mirror x86_64");
_Static_assert(sizeof(cn_notifyadd) == sizeof(cn_notifyadd64), "mirror x86_64");
_Static_assert(offsetof(cn_notifyadd, dwAddFlags) == offsetof(cn_notifyadd64, dwAddFlags), "mirror x86_64");
_Static_assert(sizeof(cn_notifycancel) == sizeof(cn_notifycancel64), "mirror x86_64");
#endif

#endif /* CONNOTIFY_NOTIFY_ABI_H */
