/* IPv4 address blocks of the notifier's settings in prefix notation ("172.16.0.0/12"), with
 * the list each came from (setting_names.h keeps them). A block of prefix n holds the
 * addresses whose first n bits are its own [RFC 4632 3.1]. [design] */
#ifndef SETTING_NETWORKS_H
#define SETTING_NETWORKS_H

#include "setting_names.h"

#include <stddef.h>
#include <windows.h>

/* Keeps t (n units) of the value named value, of list `list`, when it is a block
 * a.b.c.d/n; 1 then. */
int setting_network_keep(const WCHAR *t, size_t n, enum setting_list list, const WCHAR *value);

/* For the i-th block of list `kind` whose prefix ends inside a byte (not a multiple of 8):
 * \\inside\share, a host of the block, and \\outside\share, the same address with the
 * block's last prefix bit flipped: outside it, yet the same in every whole byte of the
 * prefix, and in no other block kept. *block: the block as written, *value: its value's
 * name. 1 then; 0 when the i-th block has no such pair; -1 when there is no i-th. */
int setting_network_pair(enum setting_list kind, unsigned i, WCHAR *inside, WCHAR *outside,
                         size_t cap, const WCHAR **block, const WCHAR **value);

/* \\address\share for an address in no block kept (198.51.100.10, TEST-NET-2, or another
 * documentation address), into out; 0 when all are in one. */
int setting_network_outsider(WCHAR *out, size_t cap);

#endif
