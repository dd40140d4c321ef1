/* The checks the runner will collect from this case (--checks): a case may
 * skip the work that only other checks need. */
#ifndef WANTED_H
#define WANTED_H

#include <windows.h>

/* A comma-separated list of check ids; NULL or never called: all. */
void wanted_set(const WCHAR *list);
/* 1 when check id's verdict is collected from this run. */
int wanted(const char *id);

#endif
