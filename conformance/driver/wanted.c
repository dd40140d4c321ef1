/* The checks the runner will collect from this case (--checks). */
#include "wanted.h"

#include <stdio.h>
#include <string.h>

static char list[4096];
static int all = 1;

void wanted_set(const WCHAR *ids)
{
    if (!ids)
        return;
    int n = snprintf(list, sizeof list, ",%ls,", ids);
    /* A list too long to hold selects everything, never too little. */
    all = n < 0 || (size_t)n >= sizeof list;
}

int wanted(const char *id)
{
    if (all)
        return 1;
    char key[80];
    int n = snprintf(key, sizeof key, ",%s,", id);
    return n < 0 || (size_t)n >= sizeof key || strstr(list, key) != NULL;
}
