/* A temporary folder of this process's own [design]: TEMP and TMP point
 * into a new folder below the user's, for the process (GetTempPath) and for
 * the C runtime it shares with the notifier (getenv), so that what another
 * run in the same prefix makes in the user's temporary folder is not
 * counted as this notifier's. */
#ifndef PRIVATE_TEMP_H
#define PRIVATE_TEMP_H

/* Makes the folder and points TEMP and TMP at it; 0 if it could not. Before
 * the notifier is loaded. */
int private_temp_begin(void);
/* Removes the folder and what is in it (two levels). */
void private_temp_end(void);

#endif
