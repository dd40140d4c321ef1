/* The WN_* codes of winnetwk.h by value, with their names: one table for
 * every program that prints or judges a notifier's or provider's result.
 * Portable C (no windows.h): builds natively and with MinGW. */
#ifndef CONNOTIFY_WN_NAMES_H
#define CONNOTIFY_WN_NAMES_H

#include <stdint.h>

/* The name of a WN_* value ("WN_BAD_NETNAME"), or NULL when the value is
 * none of them. Values two names share (WN_NET_ERROR and WN_WINDOWS_ERROR,
 * WN_SUCCESS and WN_NO_ERROR) give the first. */
const char *cn_wn_name(uint32_t code);

/* 1 when the value is one of the error codes a notifier may return [doc]
 * ("any of the error codes specified in Network Security Return Values":
 * the WN_* set of winnetwk.h), else 0. */
int cn_wn_documented(uint32_t code);

#endif /* CONNOTIFY_WN_NAMES_H */
