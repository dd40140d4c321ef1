/* Every field of the four MPR notification structures, as
 * X(real MinGW type, core mirror type, field). Used by abi_static.c
 * (compile-time, both architectures) and abi_test.c (run time, printed). */
#ifndef CONNOTIFY_ABI_LAYOUT_H
#define CONNOTIFY_ABI_LAYOUT_H

#include <windows.h>
#include <npapi.h>

#include "connotify/notify_abi.h"

#ifndef UNICODE
#error "[doc] NOTIFYADD/NOTIFYCANCEL carry UTF-16 names: build with UNICODE"
#endif

#define CN_ABI_STRUCTS(X)                        \
    X(NOTIFYINFO, cn_notifyinfo)                 \
    X(NETRESOURCEW, cn_netresourcew)             \
    X(NOTIFYADD, cn_notifyadd)                   \
    X(NOTIFYCANCEL, cn_notifycancel)

#define CN_ABI_FIELDS(X)                                      \
    X(NOTIFYINFO, cn_notifyinfo, dwNotifyStatus)              \
    X(NOTIFYINFO, cn_notifyinfo, dwOperationStatus)           \
    X(NOTIFYINFO, cn_notifyinfo, lpContext)                   \
    X(NETRESOURCEW, cn_netresourcew, dwScope)                 \
    X(NETRESOURCEW, cn_netresourcew, dwType)                  \
    X(NETRESOURCEW, cn_netresourcew, dwDisplayType)           \
    X(NETRESOURCEW, cn_netresourcew, dwUsage)                 \
    X(NETRESOURCEW, cn_netresourcew, lpLocalName)             \
    X(NETRESOURCEW, cn_netresourcew, lpRemoteName)            \
    X(NETRESOURCEW, cn_netresourcew, lpComment)               \
    X(NETRESOURCEW, cn_netresourcew, lpProvider)              \
    X(NOTIFYADD, cn_notifyadd, hwndOwner)                     \
    X(NOTIFYADD, cn_notifyadd, NetResource)                   \
    X(NOTIFYADD, cn_notifyadd, NetResource.dwType)            \
    X(NOTIFYADD, cn_notifyadd, NetResource.lpLocalName)       \
    X(NOTIFYADD, cn_notifyadd, NetResource.lpRemoteName)      \
    X(NOTIFYADD, cn_notifyadd, NetResource.lpProvider)        \
    X(NOTIFYADD, cn_notifyadd, dwAddFlags)                    \
    X(NOTIFYCANCEL, cn_notifycancel, lpName)                  \
    X(NOTIFYCANCEL, cn_notifycancel, lpProvider)              \
    X(NOTIFYCANCEL, cn_notifycancel, dwFlags)                 \
    X(NOTIFYCANCEL, cn_notifycancel, fForce)

#define CN_FIELD_SIZE(T, f) sizeof(((T *)0)->f)

/* Sizes from CONTRACT.md, for the architecture being compiled. */
#ifdef _WIN64
#define CN_SIZE_NOTIFYINFO 16
#define CN_SIZE_NETRESOURCEW 48
#define CN_SIZE_NOTIFYADD 64
#define CN_SIZE_NOTIFYCANCEL 24
#else
#define CN_SIZE_NOTIFYINFO 12
#define CN_SIZE_NETRESOURCEW 32
#define CN_SIZE_NOTIFYADD 40
#define CN_SIZE_NOTIFYCANCEL 16
#endif

#endif /* CONNOTIFY_ABI_LAYOUT_H */
