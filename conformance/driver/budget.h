/* The case's own deadline: before the runner's timeout ends the process, say where the
 * time went, so that a slow machine or a stalled Wine is not blamed on the notifier. */
#ifndef BUDGET_H
#define BUDGET_H

/* From the process's start, SECONDS less a margin: an OUTOFTIME line (docs/conformance.md,
 * "Output"), then the process ends with EXIT_OUT_OF_TIME. 0: no deadline. */
void budget_start(unsigned seconds, unsigned hang_ms);
/* The milliseconds the wineserver has stood still since budget_start (its tick did not move
 * over a 100 ms sleep), in steps of about 100 ms; 0 with no deadline. Subtracted from the
 * time of a call or a load, so that a stalled Wine is not the notifier's slowness. */
double budget_frozen_ms(void);

#endif
