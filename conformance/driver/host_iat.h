/* The host's import table: a notifier that repoints one of its entries (an
 * API hook by IAT patching) sends the host's calls into its own code, and
 * after FreeLibrary into unmapped memory. The table is the host's; what the
 * notifier changes there it must put back before it unloads. [design] */
#ifndef HOST_IAT_H
#define HOST_IAT_H

#include <stddef.h>

/* Records the entries of the driver's own import table (the host's). */
void host_iat_take(void);
/* Describes the first entry that differs from the record into buf and puts
 * every entry back as recorded (the driver's own calls go on working); 0 if
 * none differs (or no record). */
int host_iat_repair(char *buf, size_t cap);

#endif
