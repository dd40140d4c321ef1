/* A DNS name read by its first labels (drive.lookalike [design]): "10.20.30.40.partner.example"
 * is a host of partner.example, not the address 10.20.30.40, and "fs01.partner.example" is
 * not fs01. A policy that parses the start of a name (swscanf("%u.%u.%u.%u") == 4, a compare
 * of the first label) gives any host of a refused domain whose name begins with an allowed
 * address or server the allowed one's answer. Where a made-up host of a refused name's domain
 * is refused, hosts of that domain named after allowed servers and private addresses must be
 * refused too. */
#ifndef DNS_PREFIX_H
#define DNS_PREFIX_H

#include <stddef.h>
#include <windows.h>

/* 1 and the text when such a host is allowed; *asked gets how many were asked. */
int dns_prefix_allowed(const WCHAR *const *names, unsigned n, unsigned *asked, char *text,
                       size_t cap);

#endif
