/* The bound on what a leaking notifier may pile up during the leak case. Each handle to a file
 * and each mapped view holds an open file in Wine's server, which serves every process of the
 * prefix within one open-file limit (RLIMIT_NOFILE, 20000 here); at that limit no new process
 * of the prefix starts [wine]. A leak is plain long before: the case's loops stop at the bound
 * and judge the cycles they made. */
#ifndef LEAK_BOUND_H
#define LEAK_BOUND_H

enum { LEAK_BOUND = 2048 };

/* Why the loops stop there, for the verdicts. */
#define LEAK_BOUND_WHY "the bound that keeps Wine's server within its open files"

/* Marks the handles and mapped views the process holds now. */
void leak_bound_start(void);
/* 1 once handles or mapped views grew by LEAK_BOUND since leak_bound_start; handles are
 * counted every 16th question, views every 16th to 512th (sooner while they grow), so it
 * may be asked after every cycle. */
int leak_bound_reached(void);
/* What reached the bound ("2049 handles more"), for the verdicts; "" while none did. */
const char *leak_bound_text(void);

#endif
