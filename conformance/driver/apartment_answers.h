/* Answers by the caller's COM apartment: UI threads live in a
 * single-threaded apartment, service workers in the MTA or none. A notifier
 * that initialises COM itself and treats RPC_E_CHANGED_MODE as a failure
 * (fail-closed) refuses every mapping from a UI thread (drive.apartment).
 * [design] */
#ifndef APARTMENT_ANSWERS_H
#define APARTMENT_ANSWERS_H

#include <windows.h>

/* Each name's answers on this thread (no COM of the driver's), then on a
 * thread in an STA and one in the MTA. */
void apartment_answers_judge(const WCHAR *const *names, unsigned n);

#endif
